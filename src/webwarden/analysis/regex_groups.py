"""What each group of a regular expression can hold, read from the standard library's parse.

`re.match(r"^(.+)__(\\w+)$", key).group(2)` holds only word characters, whatever the
client sent; `.group(1)` any text but a line break. The pattern is parsed by `re`'s own
parser (the tree `re.compile` translates), and each capturing group's sub-tree is walked
for the characters it may match: literals, classes (ranges, categories, negations), `.`,
repeats, alternatives and nested groups; lookarounds and anchors match none; a back
reference may match what its group does, taken as any text. Only the characters that
some sink needs are told apart (`PROBED`), with one letter, digit, space and separator
from outside ASCII standing for theirs. A group of literal alternatives (`(lt|gt|in)`,
`(?:i)?contains`) is `fixed`: its text is one the code wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from re import _parser  # type: ignore[attr-defined]
from typing import Any

PROBED = frozenset(chr(c) for c in range(128)) | frozenset("\u00e9\u0663\u00a0\u2028\uff1c\uff0f")
"""The characters told apart: ASCII, and a letter, a digit (Arabic-Indic three), a space,
a line separator and a fullwidth `<` and `/` from outside it."""
DIGITS = frozenset("0123456789\u0663")
"""What `\\d` matches among `PROBED`: a value of these names nothing and quotes nothing."""
REGEX_FLAGS = {
    name: int(getattr(re, name))
    for name in [
        "I",
        "IGNORECASE",
        "S",
        "DOTALL",
        "M",
        "MULTILINE",
        "A",
        "ASCII",
        "U",
        "UNICODE",
        "X",
        "VERBOSE",
    ]
}
"""The `re` module's flags by name (`re.I`, `re.VERBOSE`), for code that names them."""
_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d",
    "CATEGORY_NOT_DIGIT": r"\D",
    "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S",
    "CATEGORY_WORD": r"\w",
    "CATEGORY_NOT_WORD": r"\W",
}
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_NO_TEXT = frozenset({"AT", "ASSERT", "ASSERT_NOT"})


@dataclass(frozen=True, slots=True)
class Group:
    """What a group (or the whole match, group 0) may hold."""

    characters: frozenset[str]
    """The characters of `PROBED` it may hold."""
    fixed: bool
    """Whether it is one of literal texts the pattern spells out."""


@dataclass(frozen=True, slots=True)
class Groups:
    """The groups of a pattern: `groups[0]` is the whole match, `groups[n]` group `n`."""

    groups: tuple[Group, ...]
    names: tuple[tuple[str, int], ...]


@cache
def pattern_groups(pattern: str, flags: int = 0) -> Groups | None:
    """Each group of `pattern` compiled with `flags`; None when `re` refuses it."""
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, OverflowError, RecursionError):
        return None
    count = parsed.state.groups
    found: dict[int, Group] = {}
    whole = _walk(parsed, parsed.state.flags, found)
    groups = [whole, *(found.get(n, Group(PROBED, False)) for n in range(1, count))]
    names = tuple(sorted((str(k), int(v)) for k, v in parsed.state.groupdict.items()))
    return Groups(tuple(groups), names)


def _walk(items: Any, flags: int, found: dict[int, Group]) -> Group:
    """What a sequence of parsed items may hold; the capturing groups met are noted."""
    characters: set[str] = set()
    fixed = True
    for op, arg in items:
        name = str(op)
        if name in _NO_TEXT:
            if name != "AT":
                _walk(arg[1], flags, found)  # NOTE: for the groups inside a lookaround
                fixed = False
            continue
        if name == "LITERAL":
            characters |= _folded({chr(arg)}, flags)
            continue
        if name == "SUBPATTERN":
            number, added, removed, body = arg
            inner = _walk(body, (flags | added) & ~removed, found)
            if number is not None:
                found[number] = inner
        elif name == "BRANCH":
            inner = _branches(arg[1], flags, found)
        elif name in _REPEATS:
            low, high, body = arg
            inner = _walk(body, flags, found)
            inner = Group(inner.characters, inner.fixed and (low, high) in {(0, 1), (1, 1)})
        elif name == "ATOMIC_GROUP":
            inner = _walk(arg, flags, found)
        elif name == "IN":
            inner = Group(
                frozenset(_folded(class_characters(arg, flags), flags)), _literals_only(arg)
            )
        elif name == "NOT_LITERAL":
            inner = Group(PROBED - {chr(arg)}, False)
        elif name == "GROUPREF_EXISTS":
            _, yes, no = arg
            branches = [yes] if no is None else [yes, no]
            inner = _branches(branches, flags, found)
            inner = Group(inner.characters, False)
        else:
            # NOTE: `.`, a back reference, or anything not read here: any text.
            inner = Group(PROBED, False)
        characters |= inner.characters
        fixed = fixed and inner.fixed
    return Group(frozenset(characters), fixed)


def _branches(branches: Any, flags: int, found: dict[int, Group]) -> Group:
    walked = [_walk(b, flags, found) for b in branches]
    chars = frozenset().union(*(w.characters for w in walked))
    return Group(chars, all(w.fixed for w in walked))


def _literals_only(items: Any) -> bool:
    """Whether a class lists single characters only (`[ab]`, what `a|b` is parsed to)."""
    return all(str(op) == "LITERAL" for op, _ in items)


def class_characters(items: Any, flags: int) -> set[str]:
    """The characters of `PROBED` a class (`[...]`, `\\w`) matches."""
    matched: set[str] = set()
    negated = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negated = True
        elif name == "LITERAL":
            matched.add(chr(arg))
        elif name == "RANGE":
            low, high = arg
            matched |= {c for c in PROBED if low <= ord(c) <= high}
        elif name == "CATEGORY" and str(arg) in _CATEGORIES:
            category = re.compile(_CATEGORIES[str(arg)], flags & re.ASCII)
            matched |= {c for c in PROBED if category.fullmatch(c)}
        else:
            return set(PROBED)
    return set(PROBED - matched) if negated else matched


def _folded(characters: set[str], flags: int) -> set[str]:
    """The characters, and their other case under `re.IGNORECASE`."""
    if not flags & re.IGNORECASE:
        return characters
    return characters | {c.swapcase() for c in characters if c.swapcase() in PROBED}
