"""`s.replace(old, new)` of constant texts: what it takes out of a path.

Replacing every `/` by text without one leaves one path segment (`values.ONE_SEGMENT`);
replacing every `.` by text without one leaves no `..`. Both, in either order
(`name.replace(".", "").replace("/", "")`), leave one name in a folder, as a URL
parameter matched without `/` nor `.` is (`specs.PATH_CHECKED`). Said of POSIX paths, as
`segments` is. Replacing a longer text (`"../"`) takes out nothing for sure: `"....//"`
becomes `"../"`. Replacing every `\\` by text without one leaves no backslash
(`values.NO_BACKSLASH`): what browsers read as `/` in a URL.
"""

from __future__ import annotations

from typing import NamedTuple

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import PATH_CHECKED
from webwarden.analysis.taint.values import (
    NO_BACKSLASH,
    NO_CONTROL,
    ONE_SEGMENT,
    PERCENT_ENCODED,
    SINGLE_SLASH,
    Taint,
    Value,
    cleanse,
    reopened,
)

_ONE_SEGMENT = frozenset({ONE_SEGMENT})
_NO_BACKSLASH = frozenset({NO_BACKSLASH})
_ATTRIBUTE_ENDS = '"<>`'
"""What percent-encoding keeps out of a text (see `PERCENT_ENCODED`), besides white space."""


class Replaced(NamedTuple):
    """The receiver's data after the replace, and whether it holds no `.`."""

    taint: Taint
    dotless: bool


def string_replaced(receiver: Value, dotless: bool, old: ir.Expr, new: ir.Expr) -> Replaced:
    """`receiver.replace(old, new)`; `dotless`: the receiver holds no `.`."""
    taint = receiver.whole()
    removed, added = const_text(old), const_text(new)
    if removed is None or added is None:
        return Replaced(reopened(taint), dotless=False)
    dotless = (dotless or removed == ".") and "." not in added
    taint = reopened(taint, _written_marks(added))
    if removed == "\\" and "\\" not in added:
        taint = cleanse(taint, _NO_BACKSLASH)
    if "/" in added:
        return Replaced(taint, dotless)
    if removed == "/":
        taint = cleanse(taint, _ONE_SEGMENT)
    if dotless and taint and all(ONE_SEGMENT in label.cleansed for label in taint):
        taint = cleanse(taint, PATH_CHECKED)
    return Replaced(taint, dotless)


def _written_marks(added: str) -> frozenset[str]:
    """The character marks a replacement by `added` may undo: any replacement may bring
    two slashes together (`"/./x".replace(".", "")`), a `/` ends a segment, a `\\` or a
    tab is what the marks said was not there."""
    undone = {SINGLE_SLASH}
    if "/" in added:
        undone.add(ONE_SEGMENT)
    if "\\" in added:
        undone.add(NO_BACKSLASH)
    if any(c in added for c in "\t\r\n"):
        undone.add(NO_CONTROL)
    if any(c.isspace() or c in _ATTRIBUTE_ENDS for c in added):
        undone.add(PERCENT_ENCODED)
    return frozenset(undone)


def const_text(node: ir.Expr) -> str | None:
    """The text of a constant string, None for any other expression."""
    return node.value if isinstance(node, ir.Const) and isinstance(node.value, str) else None
