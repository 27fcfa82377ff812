"""Whether a regular expression backtracks exponentially on a crafted string.

The pattern is read with the standard library's own parser (`re._parser`, as
`startup.regex_programs` does), so what is judged is what `re` runs: `(\\w|\\d)+` is
`[\\w\\d]+` to it (single-character alternatives become one set, which never
backtracks), a verbose pattern's spaces are gone. Two shapes are reported, both under an
unbounded repeat (`*`, `+`, `{n,}`), where each way of splitting the text between the
repeat's rounds is tried once a match fails:

- an unbounded repeat inside it whose characters may also be matched by what follows it
  inside the outer repeat, its next round included (`(a+)+`, `(\\w+\\s?)*`,
  `([-.\\w]*[0-9a-z])*`); a required character the inner repeat cannot match between them
  (`(\\w+,)*`) leaves one way only;
- an alternation with two branches that match the same text (`(a|a)*`, `(ab|ab)*`,
  `(?:[a-z]\\d|\\w[0-9])+`).

Characters are compared on `regex_groups.PROBED` (ASCII and a few letters, digits and spaces
beyond it), which is enough to tell classes apart. Possessive repeats and atomic groups,
which give nothing back, are not judged; nor are patterns with back-references.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

from webwarden.analysis.regex_groups import PROBED, class_characters

_MAX_LENGTH = 2000
_MAX_STEPS = 5000
"""Continuations followed per pattern before giving up (no finding)."""
_REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT})
_ATOMS = frozenset({_constants.LITERAL, _constants.NOT_LITERAL, _constants.ANY, _constants.IN})
_ZERO_WIDTH = frozenset({_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT})
_UNKNOWN = frozenset({_constants.GROUPREF, _constants.GROUPREF_EXISTS})
Item = tuple[Any, Any]
"""One node of the parsed pattern: an opcode and its argument."""


class _Unknown(Exception):
    """The pattern holds something this reading does not judge (a back-reference)."""


class _Reader:
    """First characters, all characters and ambiguity of parsed nodes."""

    def __init__(self, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.steps = 0

    def atom(self, op: Any, av: Any) -> frozenset[str]:
        if op is _constants.LITERAL:
            found = frozenset(chr(av))
        elif op is _constants.NOT_LITERAL:
            found = PROBED - {chr(av)}
        elif op is _constants.ANY:
            found = PROBED - {"\n"}
        else:
            found = frozenset(class_characters(av, 0))
        if self.ignore_case:
            found = found | {c.swapcase() for c in found}
        return found

    def first(self, items: Sequence[Item]) -> tuple[frozenset[str], bool]:
        """The characters a match of `items` may start with, and whether it may be empty."""
        found: set[str] = set()
        for op, av in items:
            if op in _ATOMS:
                return frozenset(found | self.atom(op, av)), False
            if op in _REPEATS or op is _constants.POSSESSIVE_REPEAT:
                chars, empty = self.first(av[2])
                empty = empty or av[0] == 0
            elif op is _constants.SUBPATTERN:
                chars, empty = self.first(av[3])
            elif op is _constants.ATOMIC_GROUP:
                chars, empty = self.first(av)
            elif op is _constants.BRANCH:
                read = [self.first(branch) for branch in av[1]]
                chars = frozenset().union(*(c for c, _ in read))
                empty = any(e for _, e in read)
            elif op in _ZERO_WIDTH:
                continue
            else:
                raise _Unknown
            found.update(chars)
            if not empty:
                return frozenset(found), False
        return frozenset(found), True

    def overtaken(self, chars: frozenset[str], then: tuple[Sequence[Item], ...]) -> bool:
        """Whether what follows an inner repeat of `chars` (`then`, ending with the outer
        repeat's next round) may take its characters in another way: another repeat
        sharing them comes before any required character the inner one cannot match."""
        self.steps += 1
        if not then or self.steps > _MAX_STEPS:
            return False
        items, rest = then[0], then[1:]
        for at, (op, av) in enumerate(items):
            after = (items[at + 1 :], *rest)
            if op in _ATOMS:
                if not self.atom(op, av) & chars:
                    return False
            elif op in _REPEATS or op is _constants.POSSESSIVE_REPEAT:
                if av[1] > 1 and self.first(av[2])[0] & chars:
                    return True
                if av[0] > 0:
                    return self.overtaken(chars, (av[2], *after))
                if self.overtaken(chars, (av[2], *after)):
                    return True
            elif op is _constants.SUBPATTERN:
                return self.overtaken(chars, (av[3], *after))
            elif op is _constants.ATOMIC_GROUP:
                return self.overtaken(chars, (av, *after))
            elif op is _constants.BRANCH:
                return any(self.overtaken(chars, (branch, *after)) for branch in av[1])
            elif op not in _ZERO_WIDTH:
                raise _Unknown
        return self.overtaken(chars, rest)

    def ambiguous(self, items: Sequence[Item], then: tuple[Sequence[Item], ...]) -> bool:
        """Whether, inside an unbounded repeat, `items` (followed by `then`, which ends
        with the repeat's next round) can match one text in several ways."""
        for at, (op, av) in enumerate(items):
            after = (items[at + 1 :], *then)
            if op in _REPEATS:
                if av[1] == _constants.MAXREPEAT:
                    if self.overtaken(self.first(av[2])[0], after):
                        return True
                elif self.ambiguous(av[2], after):
                    return True
            elif op is _constants.SUBPATTERN:
                if self.ambiguous(av[3], after):
                    return True
            elif op is _constants.BRANCH and (
                _same_branches(self, av[1])
                or any(self.ambiguous(branch, after) for branch in av[1])
            ):
                return True
        return False

    def catastrophic(self, items: Sequence[Item], tail_fails: bool = True) -> bool:
        """Whether an unbounded repeat anywhere in `items` is ambiguous. `tail_fails`:
        whether what follows `items` in the pattern may fail to match; where nothing after
        a repeat can fail, its first greedy try is the match and nothing is given back
        (`(?:\\n\\s*)+` ending a pattern)."""
        for at, (op, av) in enumerate(items):
            fails_after = tail_fails or any(_may_fail(item) for item in items[at + 1 :])
            if op in _REPEATS:
                body = av[2]
                if fails_after and av[1] == _constants.MAXREPEAT and self.ambiguous(body, (body,)):
                    return True
                if self.catastrophic(body):
                    return True
            elif op is _constants.SUBPATTERN:
                if self.catastrophic(av[3], fails_after):
                    return True
            elif op is _constants.BRANCH:
                if any(self.catastrophic(branch, fails_after) for branch in av[1]):
                    return True
            elif op in (_constants.ASSERT, _constants.ASSERT_NOT) and self.catastrophic(av[1]):
                return True
        return False


def _may_fail(item: Item) -> bool:
    """Whether a node of the pattern may fail to match where it is tried: not a repeat
    that may match nothing, nor a group or alternation only of those."""
    op, av = item
    if op in _REPEATS or op is _constants.POSSESSIVE_REPEAT:
        return av[0] > 0 and any(_may_fail(inner) for inner in av[2])
    if op is _constants.SUBPATTERN:
        return any(_may_fail(inner) for inner in av[3])
    if op is _constants.BRANCH:
        return all(any(_may_fail(inner) for inner in branch) for branch in av[1])
    return True


def _same_branches(reader: _Reader, branches: Sequence[Sequence[Item]]) -> bool:
    """Two branches that match one text: equal ones (`(ab|ab)`, or the empty rests the
    parser leaves of them), or strings of single characters of one length whose classes
    overlap at every place (`[a-z]\\d|\\w[0-9]`)."""
    seen: list[list[frozenset[str]] | None] = []
    for branch in branches:
        shape = (
            [reader.atom(op, av) for op, av in branch]
            if all(op in _ATOMS for op, _ in branch)
            else None
        )
        for other in seen:
            if (
                shape is not None
                and other is not None
                and len(shape) == len(other)
                and all(a & b for a, b in zip(shape, other, strict=True))
            ):
                return True
        seen.append(shape)
    listed = [repr(branch) for branch in branches]
    return len(set(listed)) < len(listed)


@cache
def backtracks_catastrophically(pattern: str, flags: int = 0, *, whole: bool = False) -> bool:
    """Whether `re` may take exponential time to find that `pattern` does not match a
    crafted text (see the module's docstring); False for a pattern it cannot parse.
    `whole`: the match must reach the end of the text (`fullmatch`), which may fail after
    the pattern's last node; a search or `match` ends where the pattern does."""
    if len(pattern) > _MAX_LENGTH:
        return False
    try:
        parsed = _parser.parse(pattern, flags)
    except (re.error, RecursionError, OverflowError, ValueError):
        return False
    reader = _Reader(bool(parsed.state.flags & re.IGNORECASE))
    try:
        return reader.catastrophic(parsed.data, tail_fails=whole)
    except (_Unknown, RecursionError):
        return False
