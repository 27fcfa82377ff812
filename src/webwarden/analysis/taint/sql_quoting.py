"""Values quoted for SQL by hand: the closing delimiter doubled, the value put between the
pair (`` f"`{name.replace('`', '``')}`" ``, `"= '{}'".format(v.replace("'", "''"))`).

A doubled delimiter stands for itself inside a quoted token, so the value cannot end it
early. That holds of identifiers in backticks (MySQL, SQLite) and brackets (SQL Server,
SQLite) in every database: no backslash escape applies there. In string literals (`'`,
and `"` for identifiers in standard SQL) it is the SQL standard's escape (SQLite,
PostgreSQL, Oracle, SQL Server), but MySQL also reads `\\'` as an escaped quote, so a
value ending in a backslash ends the literal there: the flow is kept, approximate (a
finding at medium confidence, with the reason as a step of its flow).

The kind a `replace` gives follows the value through locals; the text beside it is
judged where it is formatted (an f-string, `+`, `%`, or `str.format`). A conversion or a
format spec (`{!r}`, `%r`, `{:.5}`) writes other text than the value's and judges
nothing.
"""

from __future__ import annotations

import string
from collections.abc import Callable

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import SQL_CLEANSED
from webwarden.analysis.taint.values import Step, Taint, cleanse, extend

_OPENING = {"`": "`", "]": "[", "'": "'", '"': '"'}
"""The closing character of a quoted token -> the one that opens it."""
_BACKSLASH_ESCAPED = frozenset({"'", '"'})
"""Delimiters of MySQL's string literals, inside which `\\` escapes the next character."""
_PREFIX = "<doubled:"
MYSQL_NOTE = "quotes doubled by hand: SQL's escape, which MySQL's backslash escapes defeat"


def doubled_kind(old: ir.Expr, new: ir.Expr) -> str:
    """The kind of `s.replace(old, new)` when it doubles a closing delimiter
    (`` s.replace("`", "``") ``, `s.replace("'", "''")`), else ""."""
    if not (isinstance(old, ir.Const) and isinstance(new, ir.Const)):
        return ""
    closing = old.value
    if not isinstance(closing, str) or closing not in _OPENING or new.value != closing * 2:
        return ""
    return f"{_PREFIX}{closing}>"


def quoted_by_hand(kind: str, before: str, after: str) -> str:
    """How a value of `kind` with `before` and `after` beside it is quoted: "closed"
    between the pair whose closing character it doubled, with no escape to defeat it;
    "escaped" between quotes MySQL reads backslashes in; "" when it is not."""
    if not kind.startswith(_PREFIX):
        return ""
    closing = kind[len(_PREFIX) : -1]
    if not (before.endswith(_OPENING.get(closing, "\0")) and after.startswith(closing)):
        return ""
    return "escaped" if closing in _BACKSLASH_ESCAPED else "closed"


def hand_quoted(
    taint: Taint, kind: str, beside: tuple[str, str], step: Callable[[str], Step]
) -> Taint:
    """`taint` of a value of `kind` written with the text `beside` it: safe for SQL when
    quoted by hand in a token without escapes, approximate in a string literal (`step`
    makes the step that says why from its note)."""
    quoting = quoted_by_hand(kind, *beside)
    if quoting == "closed":
        return cleanse(taint, SQL_CLEANSED)
    if quoting == "escaped":
        return extend(taint, step(MYSQL_NOTE), approx=True)
    return taint


def format_fields(template: str) -> dict[int | str, tuple[str, str]]:
    """The text before and after each field of `template.format(...)`, by position or
    keyword, for the fields written once and as they are (no conversion, no format spec);
    none for a template `str.format` would reject."""
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError:
        return {}
    fields: dict[int | str, tuple[str, str]] = {}
    written: set[int | str] = set()
    automatic = 0
    for at, (text, field, spec, conversion) in enumerate(pieces):
        if field is None:
            continue
        key: int | str = field
        if field == "":
            key, automatic = automatic, automatic + 1
        elif field.isdigit():
            key = int(field)
        if key in written or spec or conversion:
            fields.pop(key, None)
        else:
            fields[key] = (text, pieces[at + 1][0] if at + 1 < len(pieces) else "")
        written.add(key)
    return fields
