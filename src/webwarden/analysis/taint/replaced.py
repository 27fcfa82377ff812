"""`s.replace(old, new)` of constant texts: what it takes out of a path.

Replacing every `/` by text without one leaves one path segment (`values.ONE_SEGMENT`);
replacing every `.` by text without one leaves no `..`. Both, in either order
(`name.replace(".", "").replace("/", "")`), leave one name in a folder, as a URL
parameter matched without `/` nor `.` is (`specs.PATH_CHECKED`). Said of POSIX paths, as
`segments` is. Replacing a longer text (`"../"`) takes out nothing for sure: `"....//"`
becomes `"../"`.
"""

from __future__ import annotations

from typing import NamedTuple

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import PATH_CHECKED
from webwarden.analysis.taint.values import ONE_SEGMENT, Taint, Value, cleanse, reopened

_ONE_SEGMENT = frozenset({ONE_SEGMENT})


class Replaced(NamedTuple):
    """The receiver's data after the replace, and whether it holds no `.`."""

    taint: Taint
    dotless: bool


def string_replaced(receiver: Value, dotless: bool, old: ir.Expr, new: ir.Expr) -> Replaced:
    """`receiver.replace(old, new)`; `dotless`: the receiver holds no `.`."""
    taint = receiver.whole()
    removed, added = _text(old), _text(new)
    if removed is None or added is None:
        return Replaced(reopened(taint), dotless=False)
    dotless = (dotless or removed == ".") and "." not in added
    if "/" in added:
        return Replaced(reopened(taint), dotless)
    if removed == "/":
        taint = cleanse(taint, _ONE_SEGMENT)
    if dotless and taint and all(ONE_SEGMENT in label.cleansed for label in taint):
        taint = cleanse(taint, PATH_CHECKED)
    return Replaced(taint, dotless)


def _text(node: ir.Expr) -> str | None:
    return node.value if isinstance(node, ir.Const) and isinstance(node.value, str) else None
