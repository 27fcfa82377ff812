"""Which value an SQL `INSERT` or `UPDATE` written in the code stores in which column."""

from __future__ import annotations

import ast
import re

from webwarden.rules.context import FileContext

_PLACEHOLDER = re.compile(r"\?|%[sd]|\{\}")
"""Positional placeholders: the driver's `?` or `%s`, or where `%` or `.format()` (or an
f-string, written `{}` here) puts a value into the text."""
_INSERT = re.compile(
    r"\binsert\s+(?:or\s+\w+\s+)?into\s+[\w.\"`\[\]]+\s*\(([^)]*)\)\s*values\s*\(([^)]*)\)",
    re.IGNORECASE | re.DOTALL,
)
_UPDATE = re.compile(
    r"\bupdate\s+[\w.\"`\[\]]+\s+set\s+(.*?)(?:\bwhere\b|$)", re.IGNORECASE | re.DOTALL
)
_SET = re.compile(r"([\w\"`\[\]]+)\s*=\s*'?(\?|%[sd]|\{\})'?")


def statement_values(ctx: FileContext, call: ast.Call) -> tuple[str, list[ast.expr]] | None:
    """The SQL text `call` (an `execute()`) runs, with its placeholders, and the values
    they stand for in order: the parameters handed beside the text (`execute(sql, (a,
    b))`), or what the code formats into it (`"..." % (a, b)`, `"...".format(a, b)`, an
    f-string). None when either is not written out there."""
    sql = _resolved(ctx, ctx.argument(call, 0, "sql"))
    if isinstance(sql, ast.BinOp):
        sql = ast.BinOp(left=_resolved(ctx, sql.left) or sql.left, op=sql.op, right=sql.right)
    match sql:
        case ast.BinOp(left=ast.Constant(value=str() as text), op=ast.Mod(), right=right):
            values = _resolved(ctx, right) or right
            return text, list(values.elts) if isinstance(values, ast.Tuple) else [values]
        case ast.Call(func=ast.Attribute(value=ast.Constant(value=str() as text), attr="format")):
            return text, list(sql.args)
        case ast.JoinedStr(values=parts):
            text = "".join(
                p.value if isinstance(p, ast.Constant) and isinstance(p.value, str) else "{}"
                for p in parts
            )
            return text, [p.value for p in parts if isinstance(p, ast.FormattedValue)]
        case ast.Constant(value=str() as text):
            parameters = _resolved(ctx, ctx.argument(call, 1, "parameters"))
            if isinstance(parameters, ast.Tuple | ast.List):
                return text, list(parameters.elts)
    return None


def _resolved(ctx: FileContext, node: ast.expr | None) -> ast.expr | None:
    if isinstance(node, ast.Name):
        return ctx.lookup(node) or node
    return node


def written_columns(text: str) -> dict[int, str]:
    """Placeholder index -> the column an `INSERT ... (columns) VALUES (...)` or an
    `UPDATE ... SET column = ?` stores that placeholder's value in, when the value is the
    placeholder alone (quoted or not: `'%s'`), not an expression of it."""
    found: dict[int, str] = {}
    insert = _INSERT.search(text)
    if insert is not None:
        columns = [c.strip().strip('"`[]').lower() for c in insert.group(1).split(",")]
        values = insert.group(2).split(",")
        if len(columns) == len(values):
            index = len(_PLACEHOLDER.findall(text[: insert.start(2)]))
            for column, value in zip(columns, values, strict=True):
                if _PLACEHOLDER.fullmatch(value.strip().strip("'\"")):
                    found[index] = column
                index += len(_PLACEHOLDER.findall(value))
    update = _UPDATE.search(text)
    if update is not None:
        for assignment in _SET.finditer(update.group(1)):
            index = len(_PLACEHOLDER.findall(text[: update.start(1) + assignment.start(2)]))
            found[index] = assignment.group(1).strip('"`[]').lower()
    return found
