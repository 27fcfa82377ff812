"""Values written into a single-quoted SQL string literal with their quotes doubled.

`"attach database '{}'".format(path.replace("'", "''"))`: doubling `'` is how standard
SQL (SQLite, PostgreSQL, SQL Server, Oracle) escapes it inside a string literal, so the
value cannot end the literal it is written in. Only a value placed between two quotes of
the text around it is marked: the same value written bare (`WHERE id = {}`) still is SQL.

NOTE: MySQL also reads `\\'` as an escaped quote, which doubling does not undo; the idiom
is the SQL standard's, and MySQL code escapes with its driver's `escape_string`.
"""

from __future__ import annotations

import string

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import QUOTED_SQL


def doubles_quotes(expr: ir.Expr) -> bool:
    """`value.replace("'", "''")`."""
    return (
        isinstance(expr, ir.Call)
        and isinstance(expr.func, ir.Attr)
        and expr.func.attr == "replace"
        and not expr.keywords
        and len(expr.args) == 2
        and expr.args[0] == ir.Const("'")
        and expr.args[1] == ir.Const("''")
    )


def quoted(expr: ir.Expr, pos: ir.Pos) -> ir.Expr:
    """`expr` marked as written inside a string literal, when it doubles its quotes."""
    return (
        ir.Call(ir.Global(QUOTED_SQL), QUOTED_SQL, (expr,), (), pos)
        if doubles_quotes(expr)
        else expr
    )


def _between_quotes(before: str, after: str) -> bool:
    return before.endswith("'") and after.startswith("'")


def format_quoted(template: str) -> tuple[frozenset[int], frozenset[str]]:
    """The positional indexes and keyword names of `template.format(...)`'s fields that
    stand between two quotes, with no conversion or format spec (`{!r}` adds quotes of
    its own)."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        return frozenset(), frozenset()
    positions: set[int] = set()
    names: set[str] = set()
    automatic = 0
    for at, (_, field, spec, conversion) in enumerate(pieces):
        if field is None:
            continue
        index = automatic if field == "" else None
        automatic += field == ""
        after = pieces[at + 1][0] if at + 1 < len(pieces) else ""
        if spec or conversion or not _between_quotes(pieces[at][0], after):
            continue
        if index is not None:
            positions.add(index)
        elif field.isdigit():
            positions.add(int(field))
        elif field.isidentifier():
            names.add(field)
    return frozenset(positions), frozenset(names)


def parts_quoted(parts: list[ir.Expr], plain: set[int], pos: ir.Pos) -> tuple[ir.Expr, ...]:
    """An f-string's parts, those at `plain` (no conversion, no format spec) between two
    quotes of the text beside them marked."""
    marked = list(parts)
    for at in sorted(plain):
        if not 0 < at < len(parts) - 1:
            continue
        before, after = parts[at - 1], parts[at + 1]
        if (
            isinstance(before, ir.Const)
            and isinstance(after, ir.Const)
            and isinstance(before.value, str)
            and isinstance(after.value, str)
            and _between_quotes(before.value, after.value)
        ):
            marked[at] = quoted(parts[at], pos)
    return tuple(marked)


def percent_quoted(template: str, items: tuple[ir.Expr, ...], pos: ir.Pos) -> tuple[ir.Expr, ...]:
    """The items of `template % (items)`, those whose `%s` stands between two quotes
    marked; unchanged when a `*` width or a mapping key makes them not line up."""
    conversions = [m for m in ir.PERCENT_CONVERSION.finditer(template) if m.group(0) != "%%"]
    if len(conversions) != len(items) or any(
        "*" in m.group(0) or m.group(0).startswith("%(") for m in conversions
    ):
        return items
    return tuple(
        quoted(item, pos)
        if match.group(0) == "%s"
        and _between_quotes(template[: match.start()], template[match.end() :])
        else item
        for item, match in zip(items, conversions, strict=True)
    )
