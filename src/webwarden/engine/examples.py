"""Run a rule on its own documentation: the Example must produce its finding, the Fix none.

The blocks are written to a temporary project under the rule's `example_filename` and
audited by `scan` with only that rule selected, exactly as a user would run it. A
`ProbeRule`'s blocks are HTTP transcripts of recorded exchanges, judged by that rule.

A further (non-JSON) block whose first line is a comment naming a file (`# app.py`,
`{# templates/base.html #}`) is written under that name, so a template rule's example can
hold the template and the view or settings beside it; a first block that names its file
that way is written there instead of `example_filename`.

Dependency rules (and the dependency notices) need data besides the file: their docs
give it as ```json blocks after the first block of a section: OSV records (with an
`id`) and package-index answers (with `info.version`). The runner writes the records to
a folder that `deps.db` points at (a throw-away store is built from it) and seeds the
package-index cache with the answers, and runs offline, so the examples are
deterministic and never touch the network. A section without data blocks uses the
Example's.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from webwarden.config import load_config
from webwarden.deps.cache import DiskCache
from webwarden.deps.model import normalise_name
from webwarden.engine import scan
from webwarden.engine.dependencies import NOTICES
from webwarden.findings import Finding
from webwarden.rules.base import DependencyRule, LogNoticeRule, LogRule, ProbeRule, Rule
from webwarden.rules.docs import code_blocks
from webwarden.rules.registry import all_rules

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


def uses_dependency_audit(rule: type[Rule]) -> bool:
    """Whether the rule's findings come from the dependency audit."""
    return issubclass(rule, DependencyRule) or rule in NOTICES.values()


def _dependency_overrides(rule: type[Rule], work: Path, data: list[Any]) -> dict[str, Any]:
    cache = work / "cache"
    deps: dict[str, Any] = {"offline": True, "cache-dir": str(cache)}
    records = [d for d in data if isinstance(d, dict) and "id" in d]
    if records:
        folder = work / "advisories"
        folder.mkdir()
        for record in records:
            (folder / f"{record['id']}.json").write_text(json.dumps(record), encoding="utf-8")
        deps["db"] = str(folder)
    answers = [d for d in data if isinstance(d, dict) and "info" in d]
    index = DiskCache(cache / "index")
    for answer in answers:
        index.put(normalise_name(answer["info"]["name"]), answer["info"]["version"])
    if answers:
        deps["outdated"] = True
    dependency_rules = [r.code for r in all_rules() if issubclass(r, DependencyRule)]
    return {"deps": deps, "select": [rule.code, *dependency_rules]}


def audit_snippet(
    rule: type[Rule], code: str, data: list[Any] | None = None, more: Sequence[str] = ()
) -> list[Finding]:
    """The findings of `rule` alone on `code` (saved as the rule's example file) and the
    `more` blocks that name their files."""
    if issubclass(rule, ProbeRule):
        return judge_transcript(rule, code)
    with tempfile.TemporaryDirectory(prefix="webwarden-example-") as tmp:
        work = Path(tmp)
        root = work / "project"
        config_file = None
        for name, content in example_files(rule, [code, *more]).items():
            target = root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
            if target.name == "pyproject.toml":
                config_file = target
        overrides: dict[str, Any] = {
            "select": [rule.code],
            "report-unused-ignores": True,
            "test-severity": "keep",
        }
        if uses_dependency_audit(rule):
            overrides.update(_dependency_overrides(rule, work, data or []))
        config = load_config(
            [root],
            config_file=config_file,
            isolated=config_file is None,
            root=root,
            overrides=overrides,
        )
        return [f for f in scan([root], config).findings if f.code == rule.code]


def _data_blocks(rule: type[Rule], section: str) -> list[Any]:
    blocks = [b for b in code_blocks(rule, section)[1:] if b.language == "json"]
    return [json.loads(b.code) for b in blocks]


def example_findings(rule: type[Rule], section: str) -> list[Finding]:
    """The findings of `rule` on the code blocks of a docs section (a template rule's
    further blocks name their files).

    Log rules (and the log monitor's notices) run through `webwarden logs` instead: the
    section's `log` block is the log, a `toml` block of the Example the configuration.
    """
    if issubclass(rule, LogRule | LogNoticeRule):
        from webwarden.logs.examples import log_example_findings

        return log_example_findings(rule, section)
    blocks = code_blocks(rule, section)
    data = _data_blocks(rule, section) or _data_blocks(rule, "Example")
    more = [b.code for b in blocks[1:] if b.language != "json"]
    return audit_snippet(rule, blocks[0].code, data, more)


def judge_transcript(rule: type[Rule], transcript: str) -> list[Finding]:
    """The findings of `rule` alone on a recording written as an HTTP transcript."""
    from webwarden.engine.live import judge
    from webwarden.probe.transcript import parse_transcript

    findings = judge(parse_transcript(transcript), [rule])
    return [f for f in findings if f.code == rule.code]
