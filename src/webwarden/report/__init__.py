"""Reports: text, JSON, SARIF and HTML renderings of a run's findings."""

from __future__ import annotations

from webwarden.report.html import HtmlReporter
from webwarden.report.interface import ReportData as ReportData
from webwarden.report.interface import Reporter as Reporter
from webwarden.report.interface import RuleInfo as RuleInfo
from webwarden.report.json import JsonReporter
from webwarden.report.sarif import SarifReporter
from webwarden.report.text import TextReporter

REPORTERS: dict[str, type[Reporter]] = {
    "text": TextReporter,
    "json": JsonReporter,
    "sarif": SarifReporter,
    "html": HtmlReporter,
}
"""Format name -> reporter class."""
