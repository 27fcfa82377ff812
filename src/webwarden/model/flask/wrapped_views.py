"""Views wrapped after they are registered: a loop over an app's `view_functions` that
puts each view inside a decorator (`app.view_functions[endpoint] = login_required(view)`)
guards every endpoint it reaches, bar those it skips (`if endpoint in PUBLIC: continue`),
as a `before_request` hook running that decorator would."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import BodyFacts, DecoratorFact, HookFact
from webwarden.model.flask.hook_passes import ENDPOINT, WRAP_VIEWS
from webwarden.model.flask.references import Namer

_VIEWS = "view_functions"
_ITERATORS = frozenset({"items", "keys", "copy"})


def wrapped_views(namer: Namer, loop: ast.For) -> HookFact | None:
    """The loop as a hook whose decorators are the calls wrapping each view (outermost
    first) and whose `passes` are the endpoints it skips; None when it is no such loop,
    or skips views by a test webwarden cannot read (some of them may be left bare)."""
    owner = _views_owner(loop.iter)
    endpoint, view = _targets(loop.target)
    if owner is None or endpoint is None:
        return None
    skipped: list[str] = []
    wrappers: tuple[DecoratorFact, ...] = ()
    views = {view} if view else set()
    body = list(loop.body)
    while body:
        statement = body.pop(0)
        views |= _views_read(statement)
        if isinstance(statement, ast.If) and not statement.orelse:
            if _continues(statement.body):
                names = _endpoints(namer, statement.test, endpoint, negated=False)
            else:
                names = _endpoints(namer, statement.test, endpoint, negated=True)
                body = statement.body + body
            if names is None:
                return None
            skipped += names
        elif (found := _wrapping(namer, statement, endpoint, views)) is not None:
            wrappers = found
        elif not isinstance(statement, ast.Assign | ast.AnnAssign | ast.Expr):
            return None  # NOTE: a loop, a `try`: which views it wraps is unclear
    owner_ref = namer.ref(owner)
    if not wrappers or owner_ref is None:
        return None
    return HookFact(
        owner_ref,
        WRAP_VIEWS,
        wrappers[0].name,
        wrappers,
        BodyFacts(),
        namer.ctx.location(loop),
        passes=tuple(ENDPOINT + name for name in dict.fromkeys(skipped)),
    )


def _views_owner(node: ast.expr) -> ast.expr | None:
    """`app` of `app.view_functions`, `.items()`, `.keys()`, `list(...)` of them."""
    if not isinstance(node, ast.Call):
        return node.value if isinstance(node, ast.Attribute) and node.attr == _VIEWS else None
    func = node.func
    if isinstance(func, ast.Name) and func.id in {"list", "tuple"} and len(node.args) == 1:
        return _views_owner(node.args[0])
    if isinstance(func, ast.Attribute) and func.attr in _ITERATORS and not node.args:
        return _views_owner(func.value)
    return None


def _targets(target: ast.expr) -> tuple[str | None, str | None]:
    """The names the loop binds to the endpoint and to its view."""
    if isinstance(target, ast.Name):
        return target.id, None
    if isinstance(target, ast.Tuple) and len(target.elts) == 2:
        first, second = target.elts
        if isinstance(first, ast.Name):
            return first.id, second.id if isinstance(second, ast.Name) else None
    return None, None


def _continues(body: list[ast.stmt]) -> bool:
    return len(body) == 1 and isinstance(body[0], ast.Continue)


def _endpoints(namer: Namer, test: ast.expr, endpoint: str, *, negated: bool) -> list[str] | None:
    """The endpoints a test of the loop's endpoint skips: `endpoint in PUBLIC` (or `==`)
    before a `continue`; `endpoint not in PUBLIC` (or `!=`) around the wrapping. `or` of
    such tests before a `continue`, `and` of them around it."""
    joiner = ast.And if negated else ast.Or
    if isinstance(test, ast.BoolOp) and isinstance(test.op, joiner):
        parts = [_endpoints(namer, v, endpoint, negated=negated) for v in test.values]
        return None if any(p is None for p in parts) else [n for p in parts if p for n in p]
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Name)
        and test.left.id == endpoint
    ):
        return None
    skips = (ast.NotIn, ast.NotEq) if negated else (ast.In, ast.Eq)
    if not isinstance(test.ops[0], skips):
        return None
    value = namer.value(test.comparators[0])
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple | set | frozenset):
        return None
    names = [i for i in items if isinstance(i, str)]
    return names if len(names) == len(items) else None


def _views_read(statement: ast.stmt) -> set[str]:
    """`view = app.view_functions[endpoint]`: the name bound to the view."""
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and _is_view_lookup(statement.value)
    ):
        return {statement.targets[0].id}
    return set()


def _is_view_lookup(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == _VIEWS
    )


def _wrapping(
    namer: Namer, statement: ast.stmt, endpoint: str, views: set[str]
) -> tuple[DecoratorFact, ...] | None:
    """`app.view_functions[endpoint] = outer(inner(view), ...)`: the calls between the
    store and the view, outermost first (none when the view is not inside them)."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    if not (
        isinstance(target, ast.Subscript)
        and _is_view_lookup(target)
        and isinstance(target.slice, ast.Name)
        and target.slice.id == endpoint
    ):
        return None
    calls: list[DecoratorFact] = []
    node: ast.expr = statement.value
    while isinstance(node, ast.Call) and node.args:
        calls.append(namer.decorator(node))
        node = node.args[0]
    is_view = (isinstance(node, ast.Name) and node.id in views) or _is_view_lookup(node)
    return tuple(calls) if calls and is_view else None
