"""Whole-tool snapshots: every rule on each example app, compared with its expected report.

A new false positive anywhere, or a lost finding, shows up here as a diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import audit, snapshot

EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())


@pytest.mark.parametrize("app", EXAMPLES, ids=lambda p: p.name)
def test_example_app_findings(app: Path, update_expected: bool, pypa_store: Path) -> None:
    # NOTE: the dependency audit runs against the shared PyPA snapshot (2024-10), whose
    # age is not what this snapshot is about.
    deps = {"db": str(pypa_store), "stale-days": 100_000}
    findings = audit([app], app, **{"test-severity": "low", "deps": deps})
    actual = snapshot(findings, with_path=True)
    expected = app / "webwarden.expected"
    if update_expected:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_every_example_has_findings() -> None:
    assert len(EXAMPLES) >= 2
    for app in EXAMPLES:
        assert (app / "webwarden.expected").read_text(encoding="utf-8").strip()


def test_scanning_the_apps_together_finds_what_each_finds_alone(pypa_store: Path) -> None:
    # NOTE: the README's first command scans both apps at once; a Django project beside a
    # Flask app must not change how either is read (e.g. which dialect its templates use).
    deps = {"db": str(pypa_store), "stale-days": 100_000}
    options = {"test-severity": "low", "deps": deps}
    root = REPO / "examples"
    together = {
        (f.code, f.location.path, f.location.line)
        for f in audit(EXAMPLES, root, **options)
    }
    alone = {
        (f.code, f"{app.name}/{f.location.path}", f.location.line)
        for app in EXAMPLES
        for f in audit([app], app, **options)
    }
    assert together == alone
