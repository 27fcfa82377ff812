"""Loop variables drawn from a table of constants the code writes.

`for code, text, error in cls.SIGNATURES:` walks rows the class body spells out
(`SIGNATURES = ((454, "Daily quota", QuotaError), ...)`): where every row holds a
literal at the variable's place, the variable is one of the code's own constants, and
what it is compared with is matched against them (an SMTP reply's code against the
codes a provider's throttling answers with), not a secret a client could guess.
"""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def table_item(ctx: FileContext, node: ast.expr) -> bool:
    """Whether `node` names the variable of an enclosing `for` loop over such a table, or
    is an entry of a dict display of literals a local holds (`methods = {"Get": "ss"}`,
    then `methods[msg.member]`: the text the code expects for a message's kind)."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
        table = ctx.lookup(node.value)
        return (
            isinstance(table, ast.Dict)
            and bool(table.values)
            and all(_literal_at(value, -1) for value in table.values)
        )
    if not isinstance(node, ast.Name):
        return False
    for loop in ctx.ancestors(node):
        if isinstance(loop, _SCOPES):
            return False
        if not isinstance(loop, ast.For):
            continue
        place = _place(loop.target, node.id)
        if place is None:
            continue
        rows = _rows(ctx, loop, loop.iter)
        return bool(rows) and all(_literal_at(row, place) for row in rows)
    return False


def _place(target: ast.expr, name: str) -> int | None:
    """Where the loop's target binds `name`: -1 for the whole row, else its index in
    the row unpacked (`code, text, error`); None when it binds no such name."""
    if isinstance(target, ast.Name):
        return -1 if target.id == name else None
    if isinstance(target, ast.Tuple | ast.List):
        if any(isinstance(element, ast.Starred) for element in target.elts):
            return None
        for index, element in enumerate(target.elts):
            if isinstance(element, ast.Name) and element.id == name:
                return index
    return None


def _rows(ctx: FileContext, loop: ast.For, table: ast.expr) -> list[ast.expr]:
    """The rows of a tuple or list display the loop walks: written in place, or bound in
    the class body to the attribute read off `self` or `cls`."""
    if isinstance(table, ast.Tuple | ast.List):
        return list(table.elts)
    if not (
        isinstance(table, ast.Attribute)
        and isinstance(table.value, ast.Name)
        and table.value.id in {"self", "cls"}
    ):
        return []
    owner = next((a for a in ctx.ancestors(loop) if isinstance(a, ast.ClassDef)), None)
    if owner is None:
        return []
    bound = [
        statement.value
        for statement in owner.body
        if isinstance(statement, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == table.attr for t in statement.targets)
    ]
    if len(bound) != 1 or not isinstance(bound[0], ast.Tuple | ast.List):
        return []
    return list(bound[0].elts)


def _literal_at(row: ast.expr, place: int) -> bool:
    """Whether the row holds a literal (text, a number or `None`) at `place`."""
    if place >= 0:
        if not isinstance(row, ast.Tuple | ast.List) or place >= len(row.elts):
            return False
        row = row.elts[place]
    return isinstance(row, ast.Constant) and not isinstance(row.value, bytes)
