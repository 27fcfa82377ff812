"""The labelled corpus: exact findings with their flows, and every label honoured.

`corpus/flask_app` and `corpus/django_app` are small apps whose views are labelled
cases (`cases.toml`): each vulnerable case must raise its rule, each safe look-alike
must stay silent, and no finding may fall outside a case. The `.expected` snapshots
beside them hold every finding with its flow (`pytest --update-expected` rewrites them).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.analysis.taint.corpus_cases import APPS, CORPUS, case_at, labels, score, spans
from tests.helpers import audit
from webwarden.findings import Finding
from webwarden.rules.base import TaintRule
from webwarden.rules.registry import all_rules

TAINT_CODES = sorted(rule.code for rule in all_rules() if issubclass(rule, TaintRule))


def _scan(app: Path) -> list[Finding]:
    config = app / "pyproject.toml"
    return audit(
        [app],
        app,
        select=TAINT_CODES,
        config_file=config if config.is_file() else None,
    )


@pytest.fixture(scope="module", params=APPS)
def corpus(request: pytest.FixtureRequest) -> tuple[Path, list[Finding]]:
    app = CORPUS / request.param
    return app, _scan(app)


def render(findings: list[Finding]) -> str:
    """Every finding, its confidence, snippet and flow."""
    lines: list[str] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        where = f"{f.location.path}:{f.location.line}:{f.location.column}"
        lines.append(f"{where} {f.code} {f.name} [{f.confidence.value}]: {f.message}")
        lines.extend(f"    | {line}" for line in f.snippet.splitlines())
        lines.extend(f"    > {s.location.path}:{s.location.line} {s.note}" for s in f.flow)
    return "\n".join(lines) + "\n"


def test_snapshot(corpus: tuple[Path, list[Finding]], update_expected: bool) -> None:
    app, findings = corpus
    expected = app.with_name(app.name + ".expected")
    actual = render(findings)
    if update_expected:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")


def test_every_label_holds(corpus: tuple[Path, list[Finding]]) -> None:
    app, findings = corpus
    result = score(app, ((f.location.path, f.location.line, f.code) for f in findings))
    assert result.missed == ()
    assert result.flagged_safe == ()
    assert result.safe >= result.vulnerable


def test_no_finding_outside_a_case(corpus: tuple[Path, list[Finding]]) -> None:
    app, findings = corpus
    app_spans = spans(app)
    outside = [f for f in findings if not case_at(app_spans, f.location.path, f.location.line)]
    assert outside == []


def test_labels_match_the_code() -> None:
    total = 0
    for name in APPS:
        app = CORPUS / name
        defined = {case for found in spans(app).values() for _, _, case in found}
        assert defined == set(labels(app))
        total += len(defined)
    assert total >= 60


def test_flows_start_at_the_source_and_end_at_the_sink(
    corpus: tuple[Path, list[Finding]],
) -> None:
    _, findings = corpus
    for finding in findings:
        assert finding.flow[0].note.endswith(" read")
        last = finding.flow[-1]
        assert (last.location.path, last.location.line) == (
            finding.location.path,
            finding.location.line,
        )
