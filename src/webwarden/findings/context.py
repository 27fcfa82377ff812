"""Context lowering: one helper for every place that caps a finding's severity."""

from __future__ import annotations

import dataclasses

from webwarden.findings.model import Finding, Severity


def lower_for_context(finding: Finding, ceiling: Severity, reason: str) -> Finding:
    """Cap a finding's severity because of where it is (test code, a dev settings module).

    The one helper every context uses (the engine for test code, the Django rules for
    development settings modules), so the report can always say why.
    """
    if finding.severity.rank <= ceiling.rank:
        return finding if finding.context else dataclasses.replace(finding, context=reason)
    return dataclasses.replace(finding, severity=ceiling, context=reason)
