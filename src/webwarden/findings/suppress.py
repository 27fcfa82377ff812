"""Inline suppressions: `# webwarden: ignore[...]`, and Bandit's, ruff's and the secret
scanners' markers.

A suppression on any line the finding covers (its line to its last line) silences it. `# nosec` and
`# noqa` are honoured for rules that declare a Bandit or ruff equivalent, and
detect-secrets' `# pragma: allowlist secret` and gitleaks' `gitleaks:allow` for the rules
that find credentials written in the code, so a team's past review with those tools
carries over.
"""

from __future__ import annotations

import contextlib
import io
import re
import tokenize
from dataclasses import dataclass, field

_WEBWARDEN = re.compile(r"webwarden\s*:\s*ignore(?:\[(?P<codes>[^\]]*)\])?", re.IGNORECASE)
_NOSEC = re.compile(r"\bnosec\b(?:\s*:?\s*(?P<codes>[A-Z]\d+(?:\s*,?\s*[A-Z]\d+)*))?")
_NOQA = re.compile(r"\bnoqa\b(?:\s*:\s*(?P<codes>[A-Z]+\d+(?:\s*,?\s*[A-Z]+\d+)*))?", re.I)
_SECRET_ALLOWED = re.compile(r"pragma\s*:\s*allowlist[ \t-]+secret|gitleaks\s*:\s*allow\b", re.I)
"""detect-secrets' and gitleaks' markers of a value reviewed as no secret."""


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
    """`webwarden`, `bandit` (`# nosec`), `ruff` (`# noqa`) or `secrets` (detect-secrets'
    `# pragma: allowlist secret`, gitleaks' `gitleaks:allow`)."""
    codes: frozenset[str] | None
    """The codes named in the marker, `None` when it names none (silences all)."""
    used: set[str] = field(default_factory=set)


def _comments(source: str, last_line: int | None = None) -> list[tuple[int, str]]:
    """The comments of `source` as (line, text), up to `last_line` when given; a tokenizer
    error ends the list early."""
    comments: list[tuple[int, str]] = []
    with contextlib.suppress(tokenize.TokenError, SyntaxError):
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if last_line is not None and token.start[0] > last_line:
                break
            if token.type == tokenize.COMMENT:
                comments.append((token.start[0], token.string))
    return comments


def _last_marker_line(source: str) -> int:
    """The last line that may hold a marker (0: none can).

    NOTE: `re` ignoring case is slow on a whole file; lower-casing and a few substring
    scans answer the same. Outside ASCII, the one letter `re` takes for a letter of the
    markers is the long s (U+017F, for `s`), and no letter lower-cases to one of them.
    """
    text = source.lower()
    if not text.isascii():
        text = text.replace("\u017f", "s")
    last = max(
        text.rfind("webwarden"),
        text.rfind("nosec"),
        text.rfind("noqa"),
        text.rfind("allowlist"),
        text.rfind("gitleaks"),
    )
    return 0 if last < 0 else text.count("\n", 0, last) + 1


def parse_suppressions(source: str, *, comment_only: bool = True) -> dict[int, list[Suppression]]:
    """Find suppression markers in `source`, keyed by line.

    With `comment_only`, markers count only inside Python comments (a string that says
    `nosec` suppresses nothing); otherwise every line is read, for non-Python text files
    whose comments the tokenizer cannot find.
    """
    last_line = _last_marker_line(source)
    if last_line == 0:
        return {}
    if comment_only:
        # NOTE: comments are one line long, so none after the last marker can hold one.
        lines = _comments(source, last_line)
    else:
        lines = list(enumerate(source.splitlines(), start=1))
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
        if _SECRET_ALLOWED.search(text):
            found.setdefault(line, []).append(Suppression(line, "secrets", None))
    return found


@dataclass(frozen=True, slots=True)
class RuleAliases:
    """A rule's code and its equivalents in Bandit and ruff."""

    code: str
    name: str = ""
    bandit: frozenset[str] = frozenset()
    ruff: frozenset[str] = frozenset()
    finds_secrets: bool = False
    """Whether the rule finds credentials written in the code, as secret scanners do."""


def matches(suppression: Suppression, rule: RuleAliases, *, honour_other_tools: bool) -> bool:
    """Whether `suppression` silences a finding of `rule`; records the use."""
    if suppression.tool == "webwarden":
        names: frozenset[str] = frozenset({rule.code, rule.name.upper()})
    elif not honour_other_tools:
        return False
    elif suppression.tool == "secrets":
        names = frozenset({rule.code}) if rule.finds_secrets else frozenset()
        if not names:
            return False
    else:
        names = rule.bandit if suppression.tool == "bandit" else rule.ruff
        if not names:
            return False
    if suppression.codes is None or suppression.codes & names:
        suppression.used.add(rule.code)
        return True
    return False
