"""Rule documentation: the docstring's sections, and the one page rendered from them.

The same page is printed by `webwarden explain`, written to docs/rules/<CODE>.md and
embedded as SARIF `help`.
"""

from __future__ import annotations

import functools
import inspect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.rules.base import Rule

REQUIRED = ("What it does", "Why is this bad?", "Example", "Fix", "References")
ORDER = (
    "What it does",
    "Why is this bad?",
    "Known problems",
    "Example",
    "Fix",
    "Options",
    "References",
)
DOCS_URL = "https://github.com/webwarden/webwarden/blob/main/docs/rules/{code}.md"
SILENCED_NOTE = (
    "Respects `SILENCED_SYSTEM_CHECKS`: a finding whose Django check the settings module"
    " silences is reported as suppressed."
)
_HEADING = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_FENCE = re.compile(r"^```(?P<lang>[\w+-]*)\n(?P<code>.*?)^```", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class CodeBlock:
    """A fenced code block of a section."""

    language: str
    code: str


def parse_sections(docstring: str) -> dict[str, str]:
    """Split a rule docstring into its `##` sections, checking names and order."""
    return dict(_sections(docstring))


@functools.lru_cache(maxsize=512)
def _sections(docstring: str) -> tuple[tuple[str, str], ...]:
    # NOTE: a check asks three times per rule (the registry's check at load, the report's
    # summary and its help page); a failure raises again each time, as it is not cached.
    text = inspect.cleandoc(docstring)
    headings = list(_HEADING.finditer(text))
    if not headings:
        raise ValueError("no `## What it does` section")
    if text[: headings[0].start()].strip():
        raise ValueError("text before the first section")
    sections: dict[str, str] = {}
    for index, match in enumerate(headings):
        title = match.group(1)
        if title not in ORDER:
            raise ValueError(f"unknown section `## {title}` (allowed: {', '.join(ORDER)})")
        if title in sections:
            raise ValueError(f"section `## {title}` appears twice")
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        body = text[match.end() : end].strip()
        if not body:
            raise ValueError(f"section `## {title}` is empty")
        sections[title] = body
    missing = [title for title in REQUIRED if title not in sections]
    if missing:
        raise ValueError(f"missing section(s): {', '.join(missing)}")
    positions = [ORDER.index(title) for title in sections]
    if positions != sorted(positions):
        raise ValueError(f"sections out of order; expected {' / '.join(ORDER)}")
    for title in ("Example", "Fix"):
        if not _FENCE.search(sections[title]):
            raise ValueError(f"section `## {title}` has no fenced code block")
    return tuple(sections.items())


def code_blocks(rule: type[Rule], section: str) -> list[CodeBlock]:
    """The fenced code blocks of one section of `rule`'s docs."""
    body = parse_sections(rule.__doc__ or "").get(section, "")
    return [CodeBlock(m.group("lang") or "text", m.group("code")) for m in _FENCE.finditer(body)]


def cwe_link(cwe: int | None) -> str:
    """A Markdown link to the CWE entry, or `-`."""
    if cwe is None:
        return "-"
    return f"[CWE-{cwe}](https://cwe.mitre.org/data/definitions/{cwe}.html)"


def help_uri(rule: type[Rule]) -> str:
    """Where the rule's page is published."""
    return DOCS_URL.format(code=rule.code)


def _equivalents(rule: type[Rule]) -> str:
    parts = []
    if rule.bandit:
        parts.append("Bandit " + ", ".join(rule.bandit))
    if rule.ruff:
        parts.append("ruff " + ", ".join(rule.ruff))
    if rule.django_checks:
        parts.append("Django " + ", ".join(f"`{check}`" for check in rule.django_checks))
    return "; ".join(parts) or "-"


def _status(rule: type[Rule]) -> str:
    """`preview`, or `preview, opt-in` for a rule left out of the default selection."""
    return f"{rule.status}, opt-in" if rule.opt_in else str(rule.status)


def render_page(rule: type[Rule]) -> str:
    """The rule's Markdown page (docs/rules/<CODE>.md, `explain`, SARIF help)."""
    sections = parse_sections(rule.__doc__ or "")
    frameworks = ", ".join(sorted(f.value for f in rule.frameworks))
    lines = [
        f"# {rule.code}: {rule.name}",
        "",
        "| | |",
        "|---|---|",
        f"| Practice | {rule.practice.number}. {rule.practice.label} |",
        f"| Severity | {rule.severity} |",
        f"| Confidence | {rule.confidence} |",
        f"| CWE | {cwe_link(rule.cwe)} |",
        f"| Frameworks | {frameworks} |",
        f"| Status | {_status(rule)} (since {rule.since}) |",
        f"| Covers | {_equivalents(rule)} |",
        "",
        f"Message: {rule.message}",
        "",
        f"Fix: {rule.fix}",
        "",
    ]
    if rule.django_checks:
        lines += [SILENCED_NOTE, ""]
    for title, body in sections.items():
        lines += [f"## {title}", "", body, ""]
    return "\n".join(lines).rstrip() + "\n"


def render_index(rules: list[type[Rule]]) -> str:
    """docs/rules/README.md: every rule in one table."""
    lines = [
        "# webwarden rules",
        "",
        "Generated from the rule docstrings; do not edit by hand.",
        "",
        "| Code | Name | Practice | Severity | CWE | Status |",
        "|---|---|---|---|---|---|",
    ]
    lines.extend(
        f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.practice.label} | "
        f"{rule.severity} | {cwe_link(rule.cwe)} | {_status(rule)} |"
        for rule in rules
    )
    return "\n".join(lines) + "\n"
