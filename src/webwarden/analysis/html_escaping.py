"""HTML escaped by hand: a chain of `str.replace` calls of constant texts.

`text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")` is what
`html.escape(text, quote=False)` does. The chain is read one replacement at a time, the
state being a set of marks (`step`), so that the taint engine can keep the marks on each
label of data and the markup readings can fold a chain written in one expression.

What each context needs:

- element content (`<td>{{ diff|safe }}</td>`): no `<` of the input's, and no `>` (the
  pair is what hand-written escapers replace). `&` escaped first keeps the text as the
  user wrote it; a chain that leaves `&` alone is still read as escaping: an entity the
  input holds (`&lt;script&gt;`) stays an entity, which the browser shows as text and
  never parses as a tag. A chain that replaces `&` after a replacement that wrote an
  entity (`.replace("<", "&lt;").replace("&", "&amp;")`) is a broken escaper (it
  double-escapes what it wrote) and is not read as escaping.
- a quoted attribute's value: the same, and `"` and `'` (`escapes_attribute`).

A later replacement that writes a `<` or `>` outside a complete tag of its own
(`.replace("&lt;", "<")`) undoes the escaping; one that writes whole tags
(`.replace("\\n", "<br>")`) keeps it: the input's text still opens none. A replacement
of a text not known (`text.replace(old, new)` of variables) may write anything.
"""

from __future__ import annotations

NO_LT = "<no-lt>"
"""Marks data that holds no `<` of the input's (each replaced by text without one)."""
NO_GT = "<no-gt>"
"""Marks data that holds no `>` of the input's."""
NO_DOUBLE_QUOTE = "<no-double-quote>"
"""Marks data that holds no `"` of the input's."""
NO_SINGLE_QUOTE = "<no-single-quote>"
"""Marks data that holds no `'` of the input's."""
ENTITY_WRITTEN = "<entity-written>"
"""Marks data a replacement wrote an `&` into (`&lt;`): escaping `&` after it
double-escapes."""
DOUBLE_ESCAPED = "<double-escaped>"
"""Marks data whose `&` was replaced after an entity was written: a broken escaper."""

ESCAPE_MARKS = frozenset(
    {NO_LT, NO_GT, NO_DOUBLE_QUOTE, NO_SINGLE_QUOTE, ENTITY_WRITTEN, DOUBLE_ESCAPED}
)
"""Every mark `step` reads or writes."""

_ESCAPED = {"<": NO_LT, ">": NO_GT, '"': NO_DOUBLE_QUOTE, "'": NO_SINGLE_QUOTE}


def step(marks: frozenset[str], old: str | None, new: str | None) -> frozenset[str]:
    """The marks after `.replace(old, new)` (None for a text not known)."""
    if old is None or new is None:
        return frozenset()
    found = set(marks)
    if old == "&" and ENTITY_WRITTEN in marks:
        found.add(DOUBLE_ESCAPED)
    if old in _ESCAPED and old not in new:
        found.add(_ESCAPED[old])
    if not _whole_tags(new):
        found -= {NO_LT, NO_GT}
    if '"' in new:
        found.discard(NO_DOUBLE_QUOTE)
    if "'" in new:
        found.discard(NO_SINGLE_QUOTE)
    if "&" in new:
        found.add(ENTITY_WRITTEN)
    return frozenset(found)


def escapes_text(marks: frozenset[str]) -> bool:
    """Whether data with these marks is escaped for element content."""
    return NO_LT in marks and NO_GT in marks and DOUBLE_ESCAPED not in marks


def escapes_attribute(marks: frozenset[str]) -> bool:
    """Whether data with these marks is escaped for a quoted attribute's value."""
    return escapes_text(marks) and NO_DOUBLE_QUOTE in marks and NO_SINGLE_QUOTE in marks


def escapes_chain(pairs: list[tuple[str | None, str | None]]) -> bool:
    """Whether the replacements, in order, escape text for element content."""
    marks: frozenset[str] = frozenset()
    for old, new in pairs:
        marks = step(marks, old, new)
    return escapes_text(marks)


def _whole_tags(text: str) -> bool:
    """Whether every `<` and `>` of the text belongs to a tag it opens and closes itself
    (`<br>`, `</span><span class="x">`)."""
    inside = False
    for char in text:
        if char == "<":
            if inside:
                return False
            inside = True
        elif char == ">":
            if not inside:
                return False
            inside = False
    return not inside
