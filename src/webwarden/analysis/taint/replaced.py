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

from webwarden.analysis.html_escaping import ESCAPE_MARKS, escapes_text, step
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import HTML_CLEANSED, PATH_CHECKED
from webwarden.analysis.taint.values import (
    NO_BACKSLASH,
    NO_CONTROL,
    ONE_SEGMENT,
    PERCENT_ENCODED,
    SINGLE_SLASH,
    Label,
    Taint,
    Value,
    cleanse,
    reopened,
    union,
)

_ONE_SEGMENT = frozenset({ONE_SEGMENT})
_NO_BACKSLASH = frozenset({NO_BACKSLASH})
_ATTRIBUTE_ENDS = '"<>`'
HAND_ESCAPED = "<hand-escaped>"
"""Marks data made safe for HTML by a chain of replacements (see `html_escaping`): a
later replacement that undoes the escaping makes it unsafe again."""
"""What percent-encoding keeps out of a text (see `PERCENT_ENCODED`), besides white space."""


class Replaced(NamedTuple):
    """The receiver's data after the replace, and whether it holds no `.`."""

    taint: Taint
    dotless: bool


def string_replaced(receiver: Value, dotless: bool, old: ir.Expr, new: ir.Expr) -> Replaced:
    """`receiver.replace(old, new)`; `dotless`: the receiver holds no `.`."""
    removed, added = const_text(old), const_text(new)
    taint = hand_escaped(receiver.whole(), removed, added)
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


def hand_escaped(taint: Taint, removed: str | None, added: str | None) -> Taint:
    """The taint after `.replace(removed, added)` read as a step of HTML escaping by hand
    (`html_escaping.step`, None for a text not known): each label keeps its marks, and
    is safe for HTML sinks (only) once they say its text is escaped for element content.
    Safety so given is taken back when a later step undoes the escaping; that which a
    sanitiser gave (`escape(text)`) is left as it is."""
    if not taint:
        return taint
    starts = removed in _ESCAPE_STARTS or (added is not None and "&" in added)
    if not (starts or any(_chained(label) for label in taint)):
        return taint
    relabelled: list[Taint] = []
    for label, trace in taint.items():
        cleansed = label.cleansed
        marks = step(cleansed & ESCAPE_MARKS, removed, added)
        cleansed = (cleansed - ESCAPE_MARKS) | marks
        if escapes_text(marks):
            if not cleansed >= HTML_CLEANSED:
                cleansed |= HTML_CLEANSED | {HAND_ESCAPED}
        elif HAND_ESCAPED in cleansed:
            cleansed -= HTML_CLEANSED | {HAND_ESCAPED}
        relabelled.append({Label(label.origin, cleansed): trace})
    return union(*relabelled)


_ESCAPE_STARTS = frozenset({"&", "<", ">", '"', "'"})
"""The texts whose replacement may begin a chain that escapes HTML."""


def _chained(label: Label) -> bool:
    return bool(label.cleansed & ESCAPE_MARKS)


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
