"""Running a log rule on its own documentation (see `webwarden.engine.examples`).

The Example section's fenced `log` block must give the rule's finding and the Fix
section's `log` block none; a `toml` block in the Example (a `[tool.webwarden.logs]`
table) configures both, so docs can show small thresholds with short excerpts.
"""

from __future__ import annotations

import tempfile
import tomllib
from pathlib import Path

from webwarden.findings import Finding
from webwarden.logs.monitor import monitor_logs
from webwarden.logs.settings import parse_settings
from webwarden.rules.base import LogNoticeRule, LogRule, Rule
from webwarden.rules.docs import code_blocks
from webwarden.rules.registry import all_rules


def _block(rule: type[Rule], section: str, language: str) -> str | None:
    return next((b.code for b in code_blocks(rule, section) if b.language == language), None)


def audit_log(rule: type[Rule], log: Path, config: str | None = None) -> list[Finding]:
    """The findings of `rule` on the log file(s) at `log`, with an optional TOML config.

    A notice of the monitor needs the rules whose reading produces it, so notices run
    with every log rule selected; only `rule`'s findings are returned.
    """
    table = (
        tomllib.loads(config).get("tool", {}).get("webwarden", {}).get("logs", {}) if config else {}
    )
    settings = parse_settings(table)
    rules = [r for r in all_rules() if issubclass(r, LogRule | LogNoticeRule)]
    selected = rules if issubclass(rule, LogNoticeRule) else [rule]
    root = log if log.is_dir() else log.parent
    inputs = (
        [str(p) for p in sorted(log.iterdir()) if p.name != "pyproject.toml"]
        if log.is_dir()
        else [str(log)]
    )
    run = monitor_logs(inputs, settings, selected, root)
    return [f for f in run.findings if f.code == rule.code]


def log_example_findings(rule: type[Rule], section: str) -> list[Finding]:
    """The findings of `rule` on the `log` block of a docs section."""
    log = _block(rule, section, "log")
    if log is None:
        raise ValueError(f"{rule.code}: the `## {section}` section has no ```log block")
    with tempfile.TemporaryDirectory(prefix="webwarden-example-") as tmp:
        path = Path(tmp) / rule.example_filename
        path.write_text(log, encoding="utf-8")
        return audit_log(rule, path, _block(rule, "Example", "toml"))
