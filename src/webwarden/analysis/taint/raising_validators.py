"""Project validators: functions that raise unless a parameter passes a check.

```python
def validate_field(self, field):
    if self.user.is_superuser:
        return
    for segment in field.split("__"):
        if segment not in ALLOWED_FIELDS:
            raise ValidationError(segment)
```

returns only when every segment of `field` is an allowed field name: a caller that
makes the call as a statement of its own (`self.validate_field(field)`) goes on only with
a checked `field` (`ir.Function.raises_unless`; the interpreter applies it past the call).
What the body establishes is read from its own statements, in order, up to the first that
may return: `if <test>: ... raise` (no `else`) holds the test's failure past it, and a
loop over a parameter or its parts (`path.split("__")`, a call given it) that raises at
the first item outside a collection checks every item. A validator that only logs, lets
a `break` or `continue` skip the test, or returns early without an error is no check;
the one early return read as none is a skip for a privileged user (`if
user.is_superuser: return`), who may choose anything the check refuses to others. A
lookup of a Django row by a parameter as its key among the first plain statements
(`policy = visible_policies().filter(pk=pk).first()`, see `row_keys`) converts it or
raises: past a call (also one whose answer is assigned, `policy = self._policy(pk)`), the
caller's argument is such a key. Not
for a generator or a coroutine (a call as a statement runs none of its body), nor for a
parameter the body binds anew."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_expr import Scope
from webwarden.analysis.taint.lower_guards import guards
from webwarden.analysis.taint.rejected_items import KEYS_CHECKED
from webwarden.analysis.taint.row_keys import row_key_guards
from webwarden.analysis.taint.scope_names import target_names
from webwarden.model.tree import children, walk

_PRIVILEGES = frozenset({"is_superuser", "is_staff"})
"""A user's flags that let them past a check made for everyone else (Django's)."""

_NO_CHECK = frozenset({"falsy", "no_host"})
"""Guards that tell of a value but check nothing of it."""


def validator_checks(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda,
    scope: Scope,
    params: tuple[ir.Param, ...],
    *,
    within: Within = lambda _kind, _node: True,
) -> tuple[ir.Guard, ...]:
    """The guards on the parameters of a function that hold whenever a call of it
    returns, because it raises otherwise (see the module docstring). `within` tells
    whether a node of a kind may stand within a node's lines (the caller's index of
    them spares most of the walks below)."""
    if not isinstance(node, ast.FunctionDef):
        return ()
    statements = _statements(node.body)
    keys = _row_keys(statements, scope)
    # NOTE: most functions raise under no top-level `if` or `for`: asked first, before
    # the walks below (which cost a twentieth of a cold scan when made for each).
    if not keys and not any(
        isinstance(n, ast.Raise)
        for s in statements
        if isinstance(s, ast.If | ast.For) and within(ast.Raise, s)
        for n in _own([s])
    ):
        return ()
    names = {p.name for p in params if p.kind == "pos" and scope.assignments(p.name) == []}
    if not names:
        return ()
    if (within(ast.Yield, node) or within(ast.YieldFrom, node)) and any(
        isinstance(n, ast.Yield | ast.YieldFrom) for n in _own(node.body)
    ):
        return ()
    found: list[ir.Guard] = [guard for guard in keys if guard.name in names]
    for statement in statements:
        if _privileged_skip(statement):
            continue
        if within(ast.Return, statement) and any(
            isinstance(n, ast.Return) for n in _own([statement])
        ):
            break
        if isinstance(statement, ast.If):
            found += _refused(statement, scope)
        elif isinstance(statement, ast.For):
            found += _refused_items(statement, names)
    return tuple(guard for guard in found if guard.name in names)


def _statements(body: list[ast.stmt]) -> list[ast.stmt]:
    """The body past its docstring."""
    first = body[0] if body else None
    documented = (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    )
    return body[1:] if documented else body


def _row_keys(statements: list[ast.stmt], scope: Scope) -> list[ir.Guard]:
    """The lookups of a Django row by a parameter as a model's key that the body's first
    plain statements make (`policy = visible_policies().filter(pk=pk).first()`, or
    `return Policy.objects.get(pk=pk)`): each
    converts its value to the key field's type or raises (see `row_keys`). Only lookups
    by a model the guard names, not a view's `self.get_object()`, which the caller's
    class would have to be asked about."""
    found: list[ir.Guard] = []
    for statement in statements:
        if not isinstance(statement, ast.Assign | ast.AnnAssign | ast.Expr | ast.Return):
            break
        if isinstance(statement.value, ast.Call):
            found += (g for g in row_key_guards(statement.value, scope) if g.callee)
        if isinstance(statement, ast.Return):
            break
    return found


def _own(statements: list[ast.stmt]) -> Iterator[ast.AST]:
    """The nodes of `statements`, not those of a function or class defined there."""
    pending: list[ast.AST] = list(statements)
    while pending:
        node = pending.pop()
        yield node
        pending.extend(c for c in children(node) if not isinstance(c, _NESTED))


Within = Callable[[type[ast.AST], ast.stmt], bool]
"""Whether a node of a kind may stand within a statement's lines."""

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


def _privileged_skip(statement: ast.stmt) -> bool:
    """`if user.is_superuser: return` (or `if self.user and self.user.is_staff:`): the
    check is skipped only for a user the site trusts with any value."""
    if not isinstance(statement, ast.If) or statement.orelse or len(statement.body) != 1:
        return False
    only = statement.body[0]
    if not isinstance(only, ast.Return) or only.value is not None:
        return False
    test = statement.test
    tests = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    return any(isinstance(t, ast.Attribute) and t.attr in _PRIVILEGES for t in tests)


def _raises(body: list[ast.stmt]) -> bool:
    """A block that ends in `raise` and cannot leave otherwise."""
    if not body or not isinstance(body[-1], ast.Raise):
        return False
    return not any(isinstance(n, ast.Return | ast.Break | ast.Continue) for n in _own(body))


def _refused(statement: ast.If, scope: Scope) -> tuple[ir.Guard, ...]:
    """What holds past `if <test>: ... raise`: the test failed."""
    if statement.orelse or not _raises(statement.body):
        return ()
    if any(isinstance(n, ast.Lambda) for n in walk(statement.test)):
        return ()  # NOTE: lowered once already, with the statement
    _, failed = guards(statement.test, scope)
    return tuple(g for g in failed if g.how not in _NO_CHECK and "." not in g.name)


def _refused_items(loop: ast.For, names: set[str]) -> tuple[ir.Guard, ...]:
    """What holds past a loop over a parameter's parts that raises at the first one
    outside a collection (`for segment in path.split("__"): if segment not in ALLOWED:
    raise ...`): every part names an allowed field, for the kinds that choose fields."""
    walked = _walked_param(loop.iter, names)
    if walked is None or loop.orelse:
        return ()
    if any(isinstance(n, ast.Break | ast.Continue) for n in _own(loop.body)):
        return ()
    items = set(target_names(loop.target))
    for statement in loop.body:
        if not isinstance(statement, ast.If) or statement.orelse:
            continue
        if not _raises(statement.body):
            continue
        container = _outside(statement.test, items)
        if container is not None and not _mentions(container, items | {walked}):
            return (ir.Guard(walked, "classes", kinds=KEYS_CHECKED),)
    return ()


def _walked_param(walked: ast.expr, names: set[str]) -> str | None:
    """The parameter whose parts a loop walks: itself, `param.split(...)`,
    `param.keys()`, or a call given one of those (`enumerate(param.split("__"))`,
    `field_path(model, param)`; not `range(len(param))`, given another call)."""
    own = _parts_of(walked, names)
    if own is not None or not isinstance(walked, ast.Call):
        return own
    given = {_parts_of(a, names) for a in walked.args}
    given.discard(None)
    return given.pop() if len(given) == 1 else None


def _parts_of(node: ast.expr, names: set[str]) -> str | None:
    """The parameter `node` is, or splits (`param.split("__")`, `param.keys()`)."""
    if isinstance(node, ast.Name):
        return node.id if node.id in names else None
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    owner = node.func.value
    if node.func.attr in {"split", "rsplit", "keys"} and isinstance(owner, ast.Name):
        return owner.id if owner.id in names else None
    return None


def _outside(test: ast.expr, items: set[str]) -> ast.expr | None:
    """The collection of `item not in C` (or `not item in C`), `item` one of `items`."""
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    compared = test.operand if isinstance(test, ast.UnaryOp) and negated else test
    if not (
        isinstance(compared, ast.Compare)
        and len(compared.ops) == 1
        and isinstance(compared.left, ast.Name)
        and compared.left.id in items
    ):
        return None
    wanted = ast.In if negated else ast.NotIn
    return compared.comparators[0] if isinstance(compared.ops[0], wanted) else None


def _mentions(node: ast.expr, names: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in names for n in walk(node))
