"""Run a rule on its own documentation: the Example must produce its finding, the Fix none.

The blocks are written to a temporary project under the rule's `example_filename` and
audited by `scan` with only that rule selected, exactly as a user would run it. A
`ProbeRule`'s blocks are HTTP transcripts of recorded exchanges, judged by that rule.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.findings import Finding
from webwarden.rules.base import ProbeRule, Rule
from webwarden.rules.docs import code_blocks


def audit_snippet(rule: type[Rule], code: str) -> list[Finding]:
    """The findings of `rule` alone on `code`, saved as the rule's example file."""
    if issubclass(rule, ProbeRule):
        return judge_transcript(rule, code)
    with tempfile.TemporaryDirectory(prefix="webwarden-example-") as tmp:
        root = Path(tmp)
        target = root / rule.example_filename
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(code, encoding="utf-8")
        config_file = target if target.name == "pyproject.toml" else None
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
    """The findings of `rule` on the first code block of a docs section."""
    blocks = code_blocks(rule, section)
    return audit_snippet(rule, blocks[0].code)


def judge_transcript(rule: type[Rule], transcript: str) -> list[Finding]:
    """The findings of `rule` alone on a recording written as an HTTP transcript."""
    from webwarden.engine.live import judge
    from webwarden.probe.transcript import parse_transcript

    findings = judge(parse_transcript(transcript), [rule])
    return [f for f in findings if f.code == rule.code]
