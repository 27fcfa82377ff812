"""webwarden: a security auditor for Flask and Django applications.

The public surface is small: the version, the finding model and `scan`, which runs the
same audit as `webwarden check` and returns its result. Everything else may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

# NOTE: not `typing.TYPE_CHECKING`: importing typing is a tenth of the cost of a
# `check --daemon` client, which imports this package first (mypy knows the name).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from webwarden.engine import ScanResult as ScanResult
    from webwarden.engine import scan as scan
    from webwarden.findings import Confidence as Confidence
    from webwarden.findings import Finding as Finding
    from webwarden.findings import Location as Location
    from webwarden.findings import Practice as Practice
    from webwarden.findings import Severity as Severity

_FINDINGS = frozenset({"Confidence", "Finding", "Location", "Practice", "Severity"})


def __getattr__(name: str) -> Any:
    """The finding model, `scan` and `ScanResult`, imported on first use.

    NOTE: `import webwarden.<anything>` runs this package first; importing the engine
    here would make `webwarden --help` and every light command pay for all of it, and
    importing the finding model would make `check --daemon`'s client pay for it.
    """
    if name in _FINDINGS:
        from webwarden import findings

        return getattr(findings, name)
    if name in {"scan", "ScanResult"}:
        from webwarden import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
