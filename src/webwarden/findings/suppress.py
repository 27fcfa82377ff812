"""Inline suppressions: `# webwarden: ignore[...]`, and Bandit's and ruff's markers.

A suppression on any line of the flagged statement silences the finding. `# nosec` and
`# noqa` are honoured for rules that declare a Bandit or ruff equivalent, so a team's past
review with those tools carries over.
"""

from __future__ import annotations

import contextlib
import io
import re
import tokenize
from dataclasses import dataclass, field

_MARKER = re.compile(r"webwarden\s*:\s*ignore|nosec|noqa", re.IGNORECASE)
_WEBWARDEN = re.compile(r"webwarden\s*:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)
_NOSEC = re.compile(r"\bnosec\b(?:\s*:?\s*(?P<codes>[A-Z]\d+(?:\s*,?\s*[A-Z]\d+)*))?")
_NOQA = re.compile(r"\bnoqa\b(?:\s*:\s*(?P<codes>[A-Z]+\d+(?:\s*,?\s*[A-Z]+\d+)*))?", re.I)


def _codes(text: str | None) -> frozenset[str] | None:
    """Parse a code list; `None` means "every code"."""
    if text is None or not text.strip():
        return None
    return frozenset(code.upper() for code in re.split(r"[\s,]+", text.strip()) if code)


@dataclass(slots=True)
class Suppression:
    """One marker comment and what it silences."""

    line: int
    tool: str
    """`webwarden`, `bandit` (`# nosec`) or `ruff` (`# noqa`)."""
    codes: frozenset[str] | None
    """The codes named in the marker, `None` when it names none (silences all)."""
    used: set[str] = field(default_factory=set)


def _comments(source: str) -> list[tuple[int, str]]:
    """The comments of `source` as (line, text); a tokenizer error ends the list early."""
    comments: list[tuple[int, str]] = []
    with contextlib.suppress(tokenize.TokenError, SyntaxError):
        comments.extend(
            (token.start[0], token.string)
            for token in tokenize.generate_tokens(io.StringIO(source).readline)
            if token.type == tokenize.COMMENT
        )
    return comments


def parse_suppressions(source: str, *, comment_only: bool = True) -> dict[int, list[Suppression]]:
    """Find suppression markers in `source`, keyed by line.

    With `comment_only`, markers count only inside Python comments (a string that says
    `nosec` suppresses nothing); otherwise every line is read, for non-Python text files
    whose comments the tokenizer cannot find.
    """
    if not _MARKER.search(source):
        return {}
    lines = _comments(source) if comment_only else list(enumerate(source.splitlines(), start=1))
    found: dict[int, list[Suppression]] = {}
    for line, text in lines:
        for match in _WEBWARDEN.finditer(text):
            found.setdefault(line, []).append(
                Suppression(line, "webwarden", _codes(match.group("codes")))
            )
        if nosec := _NOSEC.search(text):
            found.setdefault(line, []).append(Suppression(line, "bandit", _codes(nosec["codes"])))
        if noqa := _NOQA.search(text):
            found.setdefault(line, []).append(Suppression(line, "ruff", _codes(noqa["codes"])))
    return found


@dataclass(frozen=True, slots=True)
class RuleAliases:
    """A rule's code and its equivalents in Bandit and ruff."""

    code: str
    name: str = ""
    bandit: frozenset[str] = frozenset()
    ruff: frozenset[str] = frozenset()


def matches(suppression: Suppression, rule: RuleAliases, *, honour_other_tools: bool) -> bool:
    """Whether `suppression` silences a finding of `rule`; records the use."""
    if suppression.tool == "webwarden":
        names: frozenset[str] = frozenset({rule.code, rule.name.upper()})
    elif not honour_other_tools:
        return False
    else:
        names = rule.bandit if suppression.tool == "bandit" else rule.ruff
        if not names:
            return False
    if suppression.codes is None or suppression.codes & names:
        suppression.used.add(rule.code)
        return True
    return False
