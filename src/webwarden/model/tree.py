"""Fast child iteration over `ast` trees, for the hot walks of the per-file step, and the
operands of a `+` chain.

`ast.iter_child_nodes` is a generator over the generator `ast.iter_fields`, and it yields
the shared singleton nodes (`Load`, `Store`, `Add`, `Eq`, ...) that no analysis looks at:
a third of all the nodes it yields. `children` reads only the fields of a node type that
can hold nodes, and skips those singletons; the order of the rest is unchanged.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator

_SINGLETONFIELDS = frozenset({"ctx", "op", "ops"})
"""Fields that only ever hold shared singletons (expression contexts and operators)."""

_SCALARFIELDS: dict[str, frozenset[str]] = {
    "Name": frozenset({"id"}),
    "Constant": frozenset({"value", "kind"}),
    "Attribute": frozenset({"attr"}),
    "arg": frozenset({"arg", "type_comment"}),
    "keyword": frozenset({"arg"}),
    "alias": frozenset({"name", "asname"}),
    "FunctionDef": frozenset({"name", "type_comment"}),
    "AsyncFunctionDef": frozenset({"name", "type_comment"}),
    "ClassDef": frozenset({"name"}),
    "ImportFrom": frozenset({"module", "level"}),
    "Global": frozenset({"names"}),
    "Nonlocal": frozenset({"names"}),
    "Assign": frozenset({"type_comment"}),
    "For": frozenset({"type_comment"}),
    "AsyncFor": frozenset({"type_comment"}),
    "With": frozenset({"type_comment"}),
    "AsyncWith": frozenset({"type_comment"}),
    "comprehension": frozenset({"is_async"}),
    "ExceptHandler": frozenset({"name"}),
    "FormattedValue": frozenset({"conversion"}),
    "AnnAssign": frozenset({"simple"}),
    "MatchAs": frozenset({"name"}),
    "MatchClass": frozenset({"kwd_attrs"}),
    "MatchMapping": frozenset({"rest"}),
    "MatchSingleton": frozenset({"value"}),
    "MatchStar": frozenset({"name"}),
    "TypeIgnore": frozenset({"lineno", "tag"}),
}
"""Fields that hold strings, numbers or constants, never nodes (looked up by name so
node types that a Python version lacks cost nothing)."""

FIELDS: dict[type[ast.AST], tuple[str, ...]] = {}
"""Node type -> `child_fields` of it, filled as types are met (hot loops read it directly)."""


def child_fields(kind: type[ast.AST]) -> tuple[str, ...]:
    """The fields of nodes of type `kind` that may hold child nodes, in `_fields` order."""
    fields = FIELDS.get(kind)
    if fields is None:
        skip = _SINGLETONFIELDS | _SCALARFIELDS.get(kind.__name__, frozenset())
        fields = FIELDS[kind] = tuple(f for f in kind._fields if f not in skip)
    return fields


SLOTS: dict[type[ast.AST], tuple[tuple[str, bool], ...]] = {}
"""Node type -> `child_slots` of it, filled as types are met (hot loops read it directly)."""


def child_slots(node: ast.AST) -> tuple[tuple[str, bool], ...]:
    """`child_fields` of the type of `node`, each with whether it holds a list.

    The grammar fixes which fields hold lists, so one node tells for its whole type; in a
    parsed tree those lists hold nodes or None (a `**` key of a dict display, a keyword
    parameter without a default), and the other fields a node or None.
    """
    kind = type(node)
    slots = SLOTS.get(kind)
    if slots is None:
        fields = child_fields(kind)
        slots = SLOTS[kind] = tuple((f, isinstance(getattr(node, f, None), list)) for f in fields)
    return slots


def children(node: ast.AST) -> list[ast.AST]:
    """The child nodes of `node` in `ast.iter_child_nodes` order, without the shared
    context and operator singletons."""
    kind = type(node)
    fields = FIELDS.get(kind)
    if fields is None:
        fields = child_fields(kind)
    found: list[ast.AST] = []
    for name in fields:
        value = getattr(node, name, None)
        if isinstance(value, list):
            found.extend(item for item in value if isinstance(item, ast.AST))
        elif isinstance(value, ast.AST):
            found.append(value)
    return found


def own_returns(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.Return]:
    """The `return` statements of `function` itself, not of the functions, lambdas and
    classes defined in it."""
    found: list[ast.Return] = []
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Return):
            found.append(node)
        elif not isinstance(node, _NESTED_SCOPES):
            pending.extend(children(node))
    return found


_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of `function`'s body, in no set order: the functions, lambdas and classes
    defined in it too, but not their insides, whose code runs when they are called."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, _NESTED_SCOPES):
            pending.extend(children(node))


def defined_method(owner: ast.ClassDef, name: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The method `name` the class body defines: its last `def`, the one Python binds."""
    found = None
    for statement in owner.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name == name:
            found = statement
    return found


def walk(node: ast.AST) -> Iterator[ast.AST]:
    """`ast.walk` (breadth first, the same order) without the shared singletons."""
    queue = deque([node])
    while queue:
        current = queue.popleft()
        queue.extend(children(current))
        yield current


def summands(node: ast.expr) -> list[ast.expr]:
    """The operands of a chain of `+` (`a + (b,) + c`), left to right; a loop, not a
    recursion, as such chains can be hundreds long. Any other node is its own one."""
    parts: list[ast.expr] = []
    stack = [node]
    while stack:
        part = stack.pop()
        if isinstance(part, ast.BinOp) and isinstance(part.op, ast.Add):
            stack += (part.right, part.left)
        else:
            parts.append(part)
    return parts


def name_attribute(node: ast.AST, name: str, attribute: str) -> bool:
    """Whether `node` is `<name>.<attribute>` (`request.session` for a view's parameter
    `request`)."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == attribute
        and isinstance(node.value, ast.Name)
        and node.value.id == name
    )


def self_method(node: ast.AST) -> str | None:
    """The name of the method a `self.name(...)` call runs, None for any other node."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "self"
    ):
        return node.func.attr
    return None


def super_method(node: ast.AST) -> str | None:
    """The name of the method a `super().name(...)` call runs, None for any other node."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call)
        and isinstance(node.func.value.func, ast.Name)
        and node.func.value.func.id == "super"
    ):
        return node.func.attr
    return None


def written_text(node: ast.AST) -> str:
    """The name, attribute or string a node writes, "" for any other node."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return ""


def item_read(node: ast.AST) -> tuple[ast.expr, ast.expr] | None:
    """`holder[key]` or `holder.get(key, ...)`: the holder and the key's expression; None
    for any other node."""
    if isinstance(node, ast.Subscript):
        return node.value, node.slice
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
    ):
        return node.func.value, node.args[0]
    return None


def mapping_get(node: ast.AST) -> tuple[ast.expr, list[ast.expr]] | None:
    """`holder.get(key)` or `holder.get(key, default)`, as a mapping's lookup is called
    (no keywords): the holder and the arguments; None for any other node."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and 1 <= len(node.args) <= 2
        and not node.keywords
    ):
        return node.func.value, node.args
    return None
