"""Which sink kinds a value of character classes cannot attack.

A URL parameter whose pattern is one character class repeated (`[\\w.+-]+`, `[^/<>]+`),
or classes, escapes and plain characters in a row (`[a-z0-9][a-z0-9_.-]*`), holds only
the characters those match. Without `<`, `&` or a quote it cannot
open a tag or leave an attribute; without a quote, `;` or `,` it cannot add a header
parameter; without `/`, `\\` or `:` it cannot name another host. Each sink kind is safe
from such a value when the class matches none of the characters an attack on that kind
needs. Path traversal is judged apart: classes without `/`, `\\` or `:` matching neither `.`
nor `..` in full (`[\\w.-]{4,64}`) keeps a value to one entry of the folder it is joined
to (URL parameters: `model.django.routes`).
"""

from __future__ import annotations

import re
from functools import cache

from webwarden.analysis.patterns import allowed_class, anchored_core, words_only

_ATOM = r"(?:\[(?:\\.|[^\]\\])+\]|\\[^\d]|[^\\\[\](){}|*+?^$])"
_QUANTIFIER = r"(?:[?*+]|\{\d*,?\d*\})?"
_SEQUENCE = re.compile(f"(?:{_ATOM}{_QUANTIFIER})+")
r"""Character classes, escapes and plain characters in a row, each maybe repeated or
optional, without groups or alternatives: one class repeated (`[^/]+`, `[\w.-]+`),
`~?[a-zA-Z0-9][a-zA-Z0-9_.-]*`, `\d{4}-\d{2}`."""
_ATOMS = re.compile(f"({_ATOM}){_QUANTIFIER}")

_WORD_CLASS = re.compile(
    r"(\\d|\[0-9\]|\[-\\w\]|\[\\w-\]|\[-a-zA-Z0-9_\]|\[a-zA-Z0-9_-\]|\[0-9a-f-\])(\+|\{\d+(,\d*)?\})"
)


def words_only_pattern(regex: str) -> bool:
    """Whether a URL pattern's values hold nothing but letters, digits, `_` and `-`: a
    group of word characters (`[\\d]+`) or a choice of words (`png|jpg|webp`)."""
    return bool(_WORD_CLASS.fullmatch(regex)) or words_only(regex, "fullmatch")


_WHITESPACE = " \t\r\n\x0b\x0c"
SCRIPT_STRING = "script_string"
"""The sink kind of a value written inside a quoted JavaScript string or template
literal (`` `/items/{{ item }}/` ``): `.` or `-` there are text, not code."""
_NEEDED = {
    "html": "<>&\"'`",
    "template": "{}%#<>&\"'",
    # NOTE: Django and Werkzeug refuse a header value holding a line break, and a space
    # or tab adds no parameter without `;`, `,` or `=`.
    "header": "\"';,=<>\\:/",
    "redirect": "/\\:" + _WHITESPACE,
    "url": "/\\:@" + _WHITESPACE,
    "sql": "'\"`\\;-#/*()=" + _WHITESPACE,
    "ldap": "*()\\\x00",
    "command": ";|&$`<>()'\"\\*?[]{}~!#-" + _WHITESPACE,
    # NOTE: a JSONP callback checked to be a name (`[\w$.]+`) calls only what it names.
    "script": "()[]{}=;,:+-*/%!?&|^~<>`'\"\\" + _WHITESPACE,
    # NOTE: inside a quoted JavaScript string or template literal a value ends it only
    # with its quote, a backslash escaping the closing one, a line break, or `${`.
    SCRIPT_STRING: "'\"`\\$<>&\r\n\u2028\u2029",
    # NOTE: a value holding no `-` cannot start an option (`git log -- <value>`).
    "option": "-",
    # NOTE: GraphQL's punctuators, quotes and the separators between tokens.
    "graphql": '!$&().:=@[]{|}"\\#,' + _WHITESPACE,
}
"""Sink kind -> the characters some attack on it needs (any one of them)."""
PATH = "path"
"""The sink kind of file paths: a value of one segment, never `.` or `..`, cannot leave
the folder it is joined to (judged apart, as `_NEEDED` lists no character it needs)."""
EVERY_KIND = frozenset(_NEEDED)
"""Every sink kind judged here: what a value the application chose itself cannot attack."""


def admits(regex: str, characters: str) -> bool:
    """Whether `regex` may match any of `characters` (True unless it is made of
    character classes that match none of them)."""
    matched = _matched(regex)
    return matched is None or any(c in matched for c in characters)


@cache
def inert_kinds(regex: str) -> frozenset[str]:
    """The sink kinds a value matching `regex` in full cannot attack (none unless it is
    made of character classes)."""
    matched = _matched(regex)
    if matched is None:
        return frozenset()
    kinds = set(needless_kinds(matched))
    if _starts_without(regex, "-"):
        kinds.add("option")  # NOTE: a `-` inside (`db-1.example.org`) starts no option
    if _one_segment(regex, matched):
        kinds.add(PATH)
    return frozenset(kinds)


def needless_kinds(matched: str | frozenset[str]) -> frozenset[str]:
    """The sink kinds a value made of the characters `matched` cannot attack: those
    needing none of them (file paths and options are judged apart)."""
    return frozenset(
        kind for kind, needed in _NEEDED.items() if not any(c in matched for c in needed)
    )


def _one_segment(regex: str, matched: str) -> bool:
    """Whether a value matching `regex` (character classes in a row) in full is one path
    segment that names an entry of its folder: no separator or `:`, and neither `.` nor `..`
    (`[\\w.-]{4,64}` holds dots, but never two alone)."""
    if any(c in matched for c in "/\\:"):
        return False  # NOTE: `:` names a drive on Windows (`C:x` is not below the folder)
    try:
        return not any(re.fullmatch(regex, dots) for dots in (".", ".."))
    except re.error:
        return False


def substituted_inert_kinds(pattern: str, replacement: str) -> frozenset[str]:
    """The sink kinds `re.sub(pattern, replacement, s)` leaves `s` unable to attack: the
    pattern is one negated character class (`[^A-Za-z0-9_.-]+`), so every character it
    does not list is replaced, and the result holds only the characters it lists and
    those of `replacement` (an allow-list, as `get_valid_filename` is one). Empty for any
    other pattern, or a replacement holding a group reference (`\\1`)."""
    allowed = allowed_class(pattern)
    if allowed is None or "\\" in replacement:
        return frozenset()
    kinds = inert_kinds(f"{allowed}+")
    if replacement:
        kinds &= inert_kinds(f"[{re.escape(replacement)}]+")
    return kinds


_MANDATORY = re.compile(r"\+?|\{[1-9]\d*(?:,\d*)?\}")
"""Quantifiers after which an atom matches at least once (none, `+`, `{2}`, `{1,3}`)."""


def _starts_without(regex: str, character: str) -> bool:
    """Whether a value matching `regex` (character classes in a row) in full cannot start
    with `character`: no atom up to the first one it must match (`[a-z0-9]` of
    `[a-z0-9][a-z0-9.-]*`) matches it."""
    for found in _ATOMS.finditer(regex):
        atom = found.group(1)
        try:
            if re.fullmatch(atom, character):
                return False
        except re.error:
            return False
        if _MANDATORY.fullmatch(found.group(0)[len(atom) :]):
            return True
    return False


def checked_inert_kinds(pattern: str, how: str) -> frozenset[str]:
    """The sink kinds a string cannot attack once `re.<how>(pattern, s)` matched it: the
    pattern is anchored as far as `how` leaves open and is made of character classes
    (`if not re.match(r"^[a-z.-]+$", name): return None` leaves no `(` or `*` for an
    LDAP filter). A `$` ending `match` or `search` lets a final newline through."""
    found = anchored_core(pattern, how)
    if found is None:
        return frozenset()
    core, newline = found
    kinds = inert_kinds(core)
    return frozenset(k for k in kinds if not (newline and "\n" in _NEEDED.get(k, "")))


_PROBED = "".join(sorted(set("".join(_NEEDED.values()) + "/.")))


@cache
def _matched(regex: str) -> str | None:
    """The characters of `_PROBED` a `regex` of one class, or of classes in a row,
    matches; None for another regex (groups, alternatives, anchors)."""
    if not _SEQUENCE.fullmatch(regex):
        return None
    # NOTE: each character of a match is matched by one of the atoms in a row.
    atoms = [m.group(1) for m in _ATOMS.finditer(regex)]
    try:
        compiled = [re.compile(atom) for atom in atoms]
    except re.error:
        return None
    return "".join(c for c in _PROBED if any(p.fullmatch(c) for p in compiled))
