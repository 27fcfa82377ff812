"""The items of a module-level list given spread to a call: `include(*components)`.

Split settings often gather their components in a list first, then add to it: plugins
an environment variable turns on (`for key, path in PLUGINS.items(): if
env.bool(key): components.append(path)`), local overrides (`for name in LOCAL:
components.append(optional(name))`). Each item is the expression the module wrote,
with the values of the loop variables it names (items of a literal the loop walks) and
the test it was added under, if any.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from webwarden.model.module import FileContext

_ADD_ONE = frozenset({"append"})
_ADD_MANY = frozenset({"extend"})
_MAX_DEPTH = 4


@dataclass(frozen=True, slots=True)
class Test:
    """A test of an `if` an item was added under, as written, and whether it holds when
    the item is added (False in the `else:` arm, and for an `elif`'s item the tests
    before it)."""

    node: ast.expr
    holds: bool = True

    @property
    def as_holding(self) -> ast.expr:
        """The test that holds when the item is added (`not (...)` for a failing one)."""
        if self.holds:
            return self.node
        return ast.copy_location(ast.UnaryOp(op=ast.Not(), operand=self.node), self.node)


@dataclass(frozen=True, slots=True)
class SpreadEntry:
    """One item of the list: `node` as written, `tests` those of the `if`s it was added
    under, outermost first (none when always), `values` the items of literals the loop
    variables it names take."""

    node: ast.expr
    tests: tuple[Test, ...] = ()
    values: Mapping[str, ast.expr] = field(default_factory=dict)

    @property
    def test(self) -> ast.expr | None:
        """All of `tests` as one condition (None when always)."""
        if not self.tests:
            return None
        combined = self.tests[0].as_holding
        for inner in self.tests[1:]:
            combined = ast.copy_location(
                ast.BoolOp(op=ast.And(), values=[combined, inner.as_holding]), inner.node
            )
        return combined

    def bound(self, node: ast.expr) -> ast.expr:
        """`node`, or the item it stands for in this pass when it is a loop variable."""
        if isinstance(node, ast.Name):
            return self.values.get(node.id, node)
        return node


def spread_entries(ctx: FileContext, name: ast.Name, before: int) -> list[SpreadEntry]:
    """The items the module-level list `name` holds at line `before`: those of the
    literal last bound to it, then those its module-level statements add (`append`,
    `extend`, `+=`, also in loops and under tests). Nothing when it is last bound to
    anything but a literal list or tuple: its items are not known."""
    entries: list[SpreadEntry] | None = None
    for stmt in ctx.tree.body:
        if stmt.lineno >= before:
            break
        if _binds(stmt, name.id) or _edits_otherwise(stmt, name.id):
            literal = _literal_bound(stmt)
            entries = None if literal is None else [SpreadEntry(item) for item in literal]
        elif entries is not None:
            entries.extend(_added(ctx, stmt, name.id, (), {}, 0))
    return entries or []


def _binds(stmt: ast.stmt, name: str) -> bool:
    """Whether the statement binds `name` anew (`+=` adds to it: not a new binding)."""
    added_to = {
        node.target.id
        for node in ast.walk(stmt)
        if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name)
    }
    return name not in added_to and any(
        isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
        for node in ast.walk(stmt)
    )


def _edits_otherwise(stmt: ast.stmt, name: str) -> bool:
    """Whether the statement changes the list other than by adding to its end
    (`remove`, `insert`, `pop`, `del parts[0]`...): what it then holds is not known."""
    for node in ast.walk(stmt):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            and node.func.attr not in _ADD_ONE | _ADD_MANY
        ):
            return True
        if isinstance(node, ast.Delete) and any(
            isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name
            for t in node.targets
        ):
            return True
    return False


def _literal_bound(stmt: ast.stmt) -> list[ast.expr] | None:
    """The items of `name = [...]` at module level; None for any other binding."""
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.value, ast.List | ast.Tuple)
        and not any(isinstance(item, ast.Starred) for item in stmt.value.elts)
    ):
        return list(stmt.value.elts)
    return None


def _added(
    ctx: FileContext,
    stmt: ast.stmt,
    name: str,
    tests: tuple[Test, ...],
    values: Mapping[str, ast.expr],
    depth: int,
) -> Iterator[SpreadEntry]:
    if depth > _MAX_DEPTH:
        return
    match stmt:
        case ast.Expr(
            value=ast.Call(func=ast.Attribute(value=ast.Name(id=listed), attr=m), args=[added])
        ) if listed == name:
            if m in _ADD_ONE:
                yield SpreadEntry(added, tests, values)
            elif m in _ADD_MANY:
                yield from _items(added, tests, values)
        case ast.AugAssign(target=ast.Name(id=listed), op=ast.Add(), value=value):
            if listed == name:
                yield from _items(value, tests, values)
        case ast.If(test=written, body=body, orelse=orelse):
            condition = _substituted(written, values)
            for statement in body:
                yield from _added(
                    ctx, statement, name, (*tests, Test(condition)), values, depth + 1
                )
            failed = (*tests, Test(condition, holds=False))
            for statement in orelse:
                yield from _added(ctx, statement, name, failed, values, depth + 1)
        case ast.For(target=target, iter=walked, body=body, orelse=[]):
            for binding in _loop_values(ctx, target, walked, stmt.lineno):
                for statement in body:
                    yield from _added(ctx, statement, name, tests, {**values, **binding}, depth + 1)


def _items(
    value: ast.expr, tests: tuple[Test, ...], values: Mapping[str, ast.expr]
) -> Iterator[SpreadEntry]:
    if isinstance(value, ast.List | ast.Tuple):
        for item in value.elts:
            if not isinstance(item, ast.Starred):
                yield SpreadEntry(item, tests, values)


def _substituted(node: ast.expr, values: Mapping[str, ast.expr]) -> ast.expr:
    """A copy of `node` with the loop variables it names replaced by their values in this
    pass (`env.bool(key)` -> `env.bool("PLUGIN_API")`), so that its test reads as the
    module runs it; `node` itself when it names none."""
    if not any(isinstance(n, ast.Name) and n.id in values for n in ast.walk(node)):
        return node
    replaced = _Substitute(values).visit(copy.deepcopy(node))
    return replaced if isinstance(replaced, ast.expr) else node


class _Substitute(ast.NodeTransformer):
    def __init__(self, values: Mapping[str, ast.expr]) -> None:
        self.values = values

    def visit_Name(self, node: ast.Name) -> ast.expr:
        value = self.values.get(node.id)
        return node if value is None else ast.copy_location(copy.deepcopy(value), node)


def _loop_values(
    ctx: FileContext, target: ast.expr, walked: ast.expr, before: int
) -> Iterator[dict[str, ast.expr]]:
    """Each pass's values of the loop variables, when the loop walks a literal (or a
    module-level name bound to one): `for name in ["a.py", "b.py"]`, `for key, path in
    PLUGINS.items()`. One pass binding nothing when they are not known."""
    method = None
    if (
        isinstance(walked, ast.Call)
        and isinstance(walked.func, ast.Attribute)
        and not walked.args
        and walked.func.attr in {"items", "keys", "values"}
    ):
        method, walked = walked.func.attr, walked.func.value
    literal = _module_literal(ctx, walked, before)
    rows: list[list[ast.expr]] = []
    if isinstance(literal, ast.Dict) and method in {"items", None, "keys", "values"}:
        pairs = [(k, v) for k, v in zip(literal.keys, literal.values, strict=True) if k]
        if method == "items":
            rows = [[k, v] for k, v in pairs]
        else:
            rows = [[v if method == "values" else k] for k, v in pairs]
    elif isinstance(literal, ast.List | ast.Tuple | ast.Set) and method is None:
        rows = [[item] for item in literal.elts if not isinstance(item, ast.Starred)]
    names = _target_names(target)
    passes: list[dict[str, ast.expr]] = []
    for row in rows:
        unpacked = _unpacked(row, len(names))
        if not names or unpacked is None:
            break
        passes.append(dict(zip(names, unpacked, strict=True)))
    yield from (passes if rows and len(passes) == len(rows) else [{}])


def _unpacked(row: list[ast.expr], size: int) -> list[ast.expr] | None:
    """The values a pass gives the loop's `size` variables (None: not known)."""
    if len(row) == size:
        return list(row)
    if len(row) == 1 and isinstance(row[0], ast.Tuple) and len(row[0].elts) == size:
        return list(row[0].elts)
    return None


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple) and all(isinstance(t, ast.Name) for t in target.elts):
        return [t.id for t in target.elts if isinstance(t, ast.Name)]
    return []


def _module_literal(ctx: FileContext, node: ast.expr, before: int) -> ast.expr | None:
    """A literal written in place, or the one last bound at module level to the name."""
    found = bound_at_module_level(ctx, node, before)
    return found if isinstance(found, ast.List | ast.Tuple | ast.Set | ast.Dict) else None


def bound_at_module_level(ctx: FileContext, node: ast.expr, before: int) -> ast.expr:
    """The value last bound at module level to the name `node` before line `before`
    (`node` itself when it is no name, or one bound otherwise)."""
    if not isinstance(node, ast.Name):
        return node
    value: ast.expr = node
    for stmt in ctx.tree.body:
        if stmt.lineno >= before:
            break
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and stmt.targets[0].id == node.id
        ):
            value = stmt.value
    return value
