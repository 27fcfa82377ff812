"""Findings: the model every producer shares, fingerprints, suppressions and baselines.

This package imports nothing of webwarden's but its error tree, so every layer may use it.
"""

from __future__ import annotations

from webwarden.findings.model import Confidence as Confidence
from webwarden.findings.model import Finding as Finding
from webwarden.findings.model import FlowStep as FlowStep
from webwarden.findings.model import Location as Location
from webwarden.findings.model import Practice as Practice
from webwarden.findings.model import Severity as Severity
