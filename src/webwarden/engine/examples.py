"""Run a rule on its own documentation: the Example must produce its finding, the Fix none.

The blocks are written to a temporary project under the rule's `example_filename` and
audited by `scan` with only that rule selected, exactly as a user would run it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.findings import Finding
from webwarden.rules.base import LogNoticeRule, LogRule, Rule
from webwarden.rules.docs import code_blocks


def audit_snippet(rule: type[Rule], code: str) -> list[Finding]:
    """The findings of `rule` alone on `code`, saved as the rule's example file."""
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
    """The findings of `rule` on the first code block of a docs section.

    Log rules (and the log monitor's notices) run through `webwarden logs` instead: the
    section's `log` block is the log, a `toml` block of the Example the configuration.
    """
    if issubclass(rule, LogRule | LogNoticeRule):
        from webwarden.logs.examples import log_example_findings

        return log_example_findings(rule, section)
    blocks = code_blocks(rule, section)
    return audit_snippet(rule, blocks[0].code)
