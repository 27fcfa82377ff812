"""Baselines: record today's findings, later show only the new ones.

The file is JSON: `{"version": 1, "tool": "webwarden", "findings": [...]}` where each entry
keeps the fingerprint plus code, path and message so a reviewer can read it.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from webwarden.errors import BaselineError
from webwarden.findings.model import Finding

BASELINE_VERSION = 1


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the fingerprints of `findings` to `path` atomically; return how many."""
    entries = [
        {
            "fingerprint": f.fingerprint,
            "code": f.code,
            "path": f.location.path,
            "line": f.location.line,
            "message": f.message,
        }
        for f in findings
    ]
    document = {"version": BASELINE_VERSION, "tool": "webwarden", "findings": entries}
    text = json.dumps(document, indent=2, sort_keys=True) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".baseline-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write baseline: {exc.strerror or exc}") from exc
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    """Read a baseline; return how many times each fingerprint is accepted."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: not a webwarden baseline (invalid JSON: {exc})") from exc
    if (
        not isinstance(document, dict)
        or document.get("version") != BASELINE_VERSION
        or not isinstance(document.get("findings"), list)
    ):
        raise BaselineError(f"{path}: not a webwarden baseline (version {BASELINE_VERSION})")
    accepted: Counter[str] = Counter()
    for entry in document["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: baseline entry without a fingerprint: {entry!r}")
        accepted[entry["fingerprint"]] += 1
    return accepted


def new_findings(findings: Iterable[Finding], accepted: Counter[str]) -> list[Finding]:
    """The findings not covered by `accepted` (each accepted fingerprint covers one)."""
    remaining = Counter(accepted)
    fresh = []
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
        else:
            fresh.append(finding)
    return fresh
