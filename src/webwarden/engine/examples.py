"""Run a rule on its own documentation: the Example must produce its finding, the Fix none.

The blocks are written to a temporary project under the rule's `example_filename` and
audited by `scan` with only that rule selected, exactly as a user would run it. A block
whose first line is a comment naming a file (`# app.py`, `{# templates/base.html #}`) is
written under that name instead, so an example can hold a template and the view or
settings beside it. A `ProbeRule`'s blocks are HTTP transcripts of recorded exchanges,
judged by that rule.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.findings import Finding
from webwarden.rules.base import ProbeRule, Rule
from webwarden.rules.docs import code_blocks

_NAMED = re.compile(r"^(?:#|\{#|<!--)\s*(?P<name>[\w./-]+\.\w+)\s*(?:#\}|-->)?\s*$")


def example_files(rule: type[Rule], blocks: Sequence[str]) -> dict[str, str]:
    """File name -> content for the code blocks of one docs section."""
    files: dict[str, str] = {}
    for code in blocks:
        first, _, rest = code.partition("\n")
        named = _NAMED.match(first.strip())
        if named is not None:
            files[named.group("name")] = rest
        elif rule.example_filename not in files:
            files[rule.example_filename] = code
    return files


def audit_snippet(rule: type[Rule], code: str, *more: str) -> list[Finding]:
    """The findings of `rule` alone on `code` (and further named blocks)."""
    if issubclass(rule, ProbeRule):
        return judge_transcript(rule, code)
    with tempfile.TemporaryDirectory(prefix="webwarden-example-") as tmp:
        root = Path(tmp)
        config_file = None
        for name, content in example_files(rule, [code, *more]).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            if target.name == "pyproject.toml":
                config_file = target
        config = load_config(
            [root],
            config_file=config_file,
            isolated=config_file is None,
            root=root,
            overrides={
                "select": [rule.code],
                "report-unused-ignores": True,
                "test-severity": "keep",
            },
        )
        return [f for f in scan([root], config).findings if f.code == rule.code]


def example_findings(rule: type[Rule], section: str) -> list[Finding]:
    """The findings of `rule` on the code blocks of a docs section."""
    blocks = code_blocks(rule, section)
    if issubclass(rule, ProbeRule):
        return audit_snippet(rule, blocks[0].code)
    return audit_snippet(rule, *(block.code for block in blocks))


def judge_transcript(rule: type[Rule], transcript: str) -> list[Finding]:
    """The findings of `rule` alone on a recording written as an HTTP transcript."""
    from webwarden.engine.live import judge
    from webwarden.probe.transcript import parse_transcript

    findings = judge(parse_transcript(transcript), [rule])
    return [f for f in findings if f.code == rule.code]
