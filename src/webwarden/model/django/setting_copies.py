"""A settings list changed through a copy of it: `middleware = list(MIDDLEWARE)`, then
`middleware.insert(i, "app.History")`, then `MIDDLEWARE = middleware` in the same block
(DefectDojo's audit-log middleware). Read as the same changes made to the setting itself,
so the setting stays known; a copy never given back changes nothing of it."""

from __future__ import annotations

import ast
from dataclasses import dataclass

_COPY_CALLS = frozenset({"list"})


@dataclass(frozen=True, slots=True)
class SettingCopies:
    """The copies of one block: local name -> the setting it copies, and the ids of the
    statements that make a copy or give it back (read as nothing of their own)."""

    settings: dict[str, str]
    statements: frozenset[int]


def setting_copies(body: list[ast.stmt]) -> SettingCopies:
    """The copies `body` makes of a setting and gives back to it, each bound once."""
    made: dict[str, tuple[str, ast.stmt]] = {}
    bound: dict[str, int] = {}
    found: dict[str, str] = {}
    statements: set[int] = set()
    for stmt in body:
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1):
            continue
        target = stmt.targets[0]
        if not isinstance(target, ast.Name):
            continue
        bound[target.id] = bound.get(target.id, 0) + 1
        copied = _copied(stmt.value)
        if copied is not None and not target.id.isupper():
            made[target.id] = (copied, stmt)
        elif (
            isinstance(stmt.value, ast.Name)
            and (copy := made.get(stmt.value.id)) is not None
            and copy[0] == target.id
            and bound.get(stmt.value.id) == 1
        ):
            found[stmt.value.id] = target.id
            statements |= {id(copy[1]), id(stmt)}
    return SettingCopies(found, frozenset(statements))


def _copied(value: ast.expr) -> str | None:
    """The upper-case name `value` copies: `list(NAME)`, `NAME.copy()`, `NAME[:]`,
    `[*NAME]`."""
    node: ast.expr | None = None
    if isinstance(value, ast.Call) and not value.keywords and len(value.args) == 1:
        if isinstance(value.func, ast.Name) and value.func.id in _COPY_CALLS:
            node = value.args[0]
    elif isinstance(value, ast.Call) and not value.args and not value.keywords:
        if isinstance(value.func, ast.Attribute) and value.func.attr == "copy":
            node = value.func.value
    elif isinstance(value, ast.Subscript) and isinstance(value.slice, ast.Slice):
        whole = value.slice
        if whole.lower is None and whole.upper is None and whole.step is None:
            node = value.value
    elif isinstance(value, ast.List) and len(value.elts) == 1:
        only = value.elts[0]
        node = only.value if isinstance(only, ast.Starred) else None
    if isinstance(node, ast.Name) and node.id.isupper() and not node.id.startswith("_"):
        return node.id
    return None
