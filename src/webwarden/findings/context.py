"""Lowering a finding's severity because of where it is (test code, a dev config)."""

from __future__ import annotations

import dataclasses

from webwarden.findings.model import Finding, Severity


def lower_for_context(finding: Finding, ceiling: Severity, reason: str) -> Finding:
    """Cap a finding's severity because of where it is (test code, a dev settings module).

    The one helper every context uses, so the report can always say why. Engine triage
    (test code) and project rules (development/testing config classes) both call it.
    """
    if finding.severity.rank <= ceiling.rank:
        return finding if finding.context else dataclasses.replace(finding, context=reason)
    return dataclasses.replace(finding, severity=ceiling, context=reason)
