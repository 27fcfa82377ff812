"""The live side of an audit: crawl the running app, judge the recording, link findings.

`probe` runs the crawl and every selected `ProbeRule`, then the same configuration triage
as `check` (accepted risks, per-file ignores on URLs, severity floors) and fingerprints.
`link` marks the static findings that a probe finding confirms on the running app.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from webwarden.config import Config
from webwarden.engine import ScanResult
from webwarden.engine.triage import Triage, apply_configuration
from webwarden.findings import Confidence, Finding, Location
from webwarden.findings.fingerprint import with_fingerprints
from webwarden.probe.client import Limits
from webwarden.probe.crawl import CrawlPlan, crawl
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import CONFIRMS_TAG, ProbeRule, Rule
from webwarden.rules.notices.rule_failed import RuleFailed
from webwarden.rules.registry import select_rules

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class LiveResult:
    """A probe run: the findings as a `ScanResult`, and what was recorded."""

    result: ScanResult
    record: ProbeRecord


def probe_rules(config: Config) -> tuple[type[ProbeRule], ...]:
    """The selected rules that judge probe recordings."""
    selected = select_rules(config.select, config.extend_select, config.ignore)
    return tuple(rule for rule in selected if issubclass(rule, ProbeRule))


def judge(record: ProbeRecord, rules: Iterable[type[Rule]]) -> list[Finding]:
    """Every `ProbeRule` among `rules` over `record`; a failing rule becomes a WW003."""
    findings: list[Finding] = []
    for rule in rules:
        if not issubclass(rule, ProbeRule):
            continue
        try:
            findings.extend(rule().check_probe(record))
        except Exception as exc:
            logger.debug("probe rule %s failed", rule.code, exc_info=True)
            findings.append(
                RuleFailed.make_finding(
                    Location(record.target), rule=rule.code, error=f"{type(exc).__name__}: {exc}"
                )
            )
    return findings


def probe(
    target: str,
    config: Config,
    limits: Limits,
    plan: CrawlPlan,
    *,
    ca_bundle: str | None = None,
) -> LiveResult:
    """Probe `target` and judge it with the probe rules `config` selects."""
    started = time.perf_counter()
    rules = probe_rules(config)
    record = crawl(target, limits, plan, ca_bundle=ca_bundle)
    triage = Triage()
    findings = apply_configuration(judge(record, rules), config, triage, lambda _url: False)
    result = ScanResult(
        root=config.root,
        findings=with_fingerprints(findings),
        rules=rules,
        triage=triage,
        seconds=time.perf_counter() - started,
    )
    return LiveResult(result, record)


def confirmed_codes(probe_findings: Iterable[Finding]) -> frozenset[str]:
    """The static rule codes the probe findings confirm (through their `confirms:` tags)."""
    return frozenset(
        tag.removeprefix(CONFIRMS_TAG)
        for finding in probe_findings
        for tag in finding.tags
        if tag.startswith(CONFIRMS_TAG)
    )


def link(static: Sequence[Finding], probe_findings: Sequence[Finding]) -> list[Finding]:
    """`static` with the findings the probe confirmed marked `confirmed`, confidence high."""
    codes = confirmed_codes(probe_findings)
    return [
        dataclasses.replace(finding, confirmed=True, confidence=Confidence.HIGH)
        if finding.code in codes
        else finding
        for finding in static
    ]
