"""Reports: text, JSON, SARIF and HTML renderings of a run's findings."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping

from webwarden.report.interface import ReportData as ReportData
from webwarden.report.interface import Reporter as Reporter
from webwarden.report.interface import RuleInfo as RuleInfo

_WHERE = {
    "text": "webwarden.report.text:TextReporter",
    "json": "webwarden.report.json:JsonReporter",
    "sarif": "webwarden.report.sarif:SarifReporter",
    "html": "webwarden.report.html:HtmlReporter",
}


class _Reporters(Mapping[str, type[Reporter]]):
    """Format name -> reporter class, each module imported when its format is asked for.

    NOTE: the text reporter needs rich, which a `--format json` run need not import.
    """

    def __getitem__(self, fmt: str) -> type[Reporter]:
        module, _, name = _WHERE[fmt].partition(":")
        reporter: type[Reporter] = getattr(importlib.import_module(module), name)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


REPORTERS: Mapping[str, type[Reporter]] = _Reporters()
"""Format name -> reporter class."""
