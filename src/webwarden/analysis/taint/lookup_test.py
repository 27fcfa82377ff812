"""Which arm of an `if` runs when the one row its test looks up is missing."""

from __future__ import annotations

import ast
import copy
from collections.abc import Sequence

from webwarden.model.record_reads import MANAGERS

_ONE_ROW = frozenset({"first", "one_or_none", "scalar_one_or_none", "last", "earliest", "latest"})
"""Query methods giving one row or None (`M.query.filter(...).first()`): a lookup."""


ANY_ROW = frozenset({"exists", "count"})
"""Manager or queryset methods true, or not zero, when some row matches
(`M.objects.filter(...).exists()`, `M.objects.count()`)."""


def missing_branch(test: ast.expr) -> str:
    """The arm taken when the test's lookup found no row: `then` for `if not
    M.query.filter(...).first():` or `if ....first() is None:`, `else` for `if
    ....first():` or `is not None`; also for a test that any row matches (`if not
    M.objects.exists():`, `if M.objects.count() == 0:`), and for `and` when one of its
    tests says `then` (`if SINGLE_TEAM and Team.objects.count() == 0:`); `""` for any
    other test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = missing_branch(test.operand)
        return {"then": "else", "else": "then"}.get(inner, "")
    if isinstance(test, ast.BoolOp):
        # NOTE: `then` of an `and` runs only when every test holds; `else` of an `or`
        # only when every test fails.
        wanted = "then" if isinstance(test.op, ast.And) else "else"
        return wanted if any(missing_branch(v) == wanted for v in test.values) else ""
    if isinstance(test, ast.Compare) and _counts(test.left):
        return _count_compared(test)
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        if not _looks_up(test.left):
            return ""
        if isinstance(test.ops[0], ast.Is):
            return "then"
        return "else" if isinstance(test.ops[0], ast.IsNot) else ""
    return "else" if _looks_up(test) else ""


def _count_compared(test: ast.Compare) -> str:
    """`then` for `<query>.count() == 0` (or `< 1`), `else` for `!= 0`, `> 0`, `>= 1`."""
    if len(test.ops) != 1 or not isinstance(bound := test.comparators[0], ast.Constant):
        return ""
    op = test.ops[0]
    if (isinstance(op, ast.Eq) and bound.value == 0) or (
        isinstance(op, ast.Lt) and bound.value == 1
    ):
        return "then"
    if (isinstance(op, ast.NotEq | ast.Gt) and bound.value == 0) or (
        isinstance(op, ast.GtE) and bound.value == 1
    ):
        return "else"
    return ""


def _looks_up(node: ast.expr) -> bool:
    """`<query>.first()`, called on the result of another call (`M.query.filter(...)`),
    or `<query>.exists()` and `.count()` of a manager's query."""
    return (
        isinstance(node, ast.Call)
        and not node.args
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call | ast.Attribute)
        and (node.func.attr in _ONE_ROW or _counts(node))
    )


def _counts(node: ast.expr) -> bool:
    """`M.objects.count()`, `M.objects.filter(...).exists()`: a method true when a row
    matches, of a query made from a model's manager (not `path.exists()`)."""
    if not (
        isinstance(node, ast.Call)
        and not node.args
        and not node.keywords
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ANY_ROW
    ):
        return False
    receiver = node.func.value
    while isinstance(receiver, ast.Call | ast.Attribute):
        if isinstance(receiver, ast.Attribute) and receiver.attr in MANAGERS:
            return True
        receiver = receiver.func if isinstance(receiver, ast.Call) else receiver.value
    return False


def counted_local(test: ast.expr) -> tuple[str, str]:
    """The local whose rows the test counts (`channels` of `if not channels.count():`,
    `if found.exists():`, `if rows.count() == 0:`, or looks a value up among, `if key not
    in rows.values_list("key", flat=True):`) and the arm taken when it holds none
    (as `missing_branch` says), or `("", "")`. Whether the local holds a model's query
    (`channels = Channel.objects.filter(...)`) is for the caller to know."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        name, inner = counted_local(test.operand)
        return name, {"then": "else", "else": "then"}.get(inner, "")
    if isinstance(test, ast.Compare) and (name := _counted_name(test.left)):
        return name, _count_compared(test)
    if isinstance(test, ast.Compare) and (name := _listed_name(test)):
        return name, "then" if isinstance(test.ops[0], ast.NotIn) else "else"
    name = _counted_name(test)
    return (name, "else") if name else ("", "")


_LISTING = frozenset({"values_list", "values"})


def _listed_name(test: ast.Compare) -> str:
    """`rows` of `key not in rows.values_list("key", flat=True)` (or `in`): the local whose
    rows the test looks for one with that value among; the arm taken when none has it is
    the `not in`'s `then`, the `in`'s `else`."""
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.In | ast.NotIn):
        return ""
    listed = test.comparators[0]
    if (
        isinstance(listed, ast.Call)
        and isinstance(listed.func, ast.Attribute)
        and listed.func.attr in _LISTING
        and isinstance(listed.func.value, ast.Name)
    ):
        return listed.func.value.id
    return ""


def _counted_name(node: ast.expr) -> str:
    """`channels` of `channels.count()` or `channels.exists()`, called with nothing."""
    if (
        isinstance(node, ast.Call)
        and not node.args
        and not node.keywords
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ANY_ROW
        and isinstance(node.func.value, ast.Name)
    ):
        return node.func.value.id
    return ""


def unset_field(test: ast.expr, filled: ast.If | None = None) -> tuple[str, str, str]:
    """The local and field the test finds unset, and the arm taken when it is: `then` for
    `if row.field is None:` or `if not row.field:`, `else` for `is not None` or `if
    row.field:`; also for `and` when one of its tests says `then`, the first whose field
    that arm of `filled` (the `if` statement) sets, if one does (`if not row.verified and
    not row.token:` then `row.token = ...`); `("", "", "")` for any other test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        name, field, inner = unset_field(test.operand)
        return name, field, {"then": "else", "else": "then"}.get(inner, "")
    if isinstance(test, ast.BoolOp):
        wanted = "then" if isinstance(test.op, ast.And) else "else"
        found = [f for f in (unset_field(v) for v in test.values) if f[2] == wanted]
        if filled is not None:
            branch = filled.body if wanted == "then" else filled.orelse
            set_fields = _set_fields(branch)
            found.sort(key=lambda f: (f[0], f[1]) not in set_fields)
        return found[0] if found else ("", "", "")
    arm = "else"
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is | ast.IsNot)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    ):
        arm = "then" if isinstance(test.ops[0], ast.Is) else "else"
        test = test.left
    if isinstance(test, ast.Attribute) and isinstance(test.value, ast.Name):
        return test.value.id, test.attr, arm
    return "", "", ""


def _set_fields(block: list[ast.stmt]) -> set[tuple[str, str]]:
    """The `(local, attribute)` pairs the statements of `block` assign (`row.token = ...`)."""
    return {
        (target.value.id, target.attr)
        for statement in block
        if isinstance(statement, ast.Assign)
        for target in statement.targets
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
    }


HeldTests = list[tuple[str, int, ast.expr]]
"""A function's statements of its own binding a local to a test of a model's rows:
(local, line, test), in order (`held_tests`)."""


def held_tests(body: Sequence[ast.stmt]) -> HeldTests:
    """The statements of `body` that bind one local to a test of a model's rows
    (`has_none = Team.objects.filter(...).count() == 0`, `missing_branch` says an arm)."""
    found: HeldTests = []
    for statement in body:
        match statement:
            case ast.Assign(targets=[ast.Name(id=name)], value=value) if missing_branch(value):
                found.append((name, statement.lineno, value))
    return found


def held_count_test(
    test: ast.expr, body: Sequence[ast.stmt], tests: HeldTests | None = None
) -> ast.expr | None:
    """`test` with each local it reads that the function binds once, by a statement of
    its own before the test, to a test of a model's rows (`held_tests`) replaced by
    that test (`if ONBOARDING and has_none:`); None when it reads no such local.
    `tests`: `held_tests(body)`, when the caller keeps them."""
    tests = held_tests(body) if tests is None else tests
    if not tests:
        return None  # NOTE: most functions: asked for every `if`, no walk of the test
    read = {n.id for n in ast.walk(test) if isinstance(n, ast.Name)}
    held = {name: value for name, line, value in tests if name in read and line < test.lineno}
    if not held:
        return None
    # NOTE: only now the walk of the whole body (asked for every `if` of every function,
    # it cost more than the rest of the lowering of those functions).
    bound: dict[str, int] = {}
    for statement in body:
        for node in ast.walk(statement):
            if (
                isinstance(node, ast.Name)
                and node.id in held
                and not isinstance(node.ctx, ast.Load)
            ):
                bound[node.id] = bound.get(node.id, 0) + 1
    held = {name: value for name, value in held.items() if bound.get(name) == 1}
    if not held:
        return None
    return _HeldTests(held).visit(copy.deepcopy(test))  # type: ignore[no-any-return]


class _HeldTests(ast.NodeTransformer):
    """Puts each held test back where its local is read."""

    def __init__(self, held: dict[str, ast.expr]) -> None:
        self.held = held

    def visit_Name(self, node: ast.Name) -> ast.expr:
        value = self.held.get(node.id)
        return copy.deepcopy(value) if value is not None else node
