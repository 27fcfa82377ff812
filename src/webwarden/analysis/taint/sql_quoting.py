"""A SQL identifier quoted by hand: `` f"`{name.replace('`', '``')}`" ``.

Inside backticks (MySQL, SQLite) or square brackets (SQL Server, SQLite) an identifier
ends only at the closing character, and a doubled one stands for itself: no backslash
escape applies there, so a name with its closing character doubled and put between the
pair cannot end the identifier early. Quotes that also delimit string literals (`'`,
and `"` in MySQL's default mode) are left out: MySQL reads `\\'` inside them as an
escaped quote, so doubling alone does not keep the value in.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir

_OPENING = {"`": "`", "]": "["}
"""The closing character of a quoted identifier -> the one that opens it."""
_PREFIX = "<doubled:"
SQL_KINDS = frozenset({"sql"})


def doubled_kind(old: ir.Expr, new: ir.Expr) -> str:
    """The kind of `s.replace(old, new)` when it doubles an identifier's closing
    character (`` s.replace("`", "``") ``), else ""."""
    if not (isinstance(old, ir.Const) and isinstance(new, ir.Const)):
        return ""
    closing = old.value
    if not isinstance(closing, str) or closing not in _OPENING or new.value != closing * 2:
        return ""
    return f"{_PREFIX}{closing}>"


def quotes_identifier(kind: str, before: str, after: str) -> bool:
    """Whether a value of `kind`, with `before` and `after` beside it, sits between the
    pair of characters whose closing one it doubled (`` `{name}` ``, `[{name}]`)."""
    if not kind.startswith(_PREFIX):
        return False
    closing = kind[len(_PREFIX) : -1]
    return before.endswith(_OPENING.get(closing, "\0")) and after.startswith(closing)
