"""webwarden: a security auditor for Flask and Django applications.

The public surface is small: the version, the finding model and `scan`, which runs the
same audit as `webwarden check` and returns its result. Everything else may change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from webwarden.findings import Confidence as Confidence
from webwarden.findings import Finding as Finding
from webwarden.findings import Location as Location
from webwarden.findings import Practice as Practice
from webwarden.findings import Severity as Severity

if TYPE_CHECKING:
    from webwarden.engine import ScanResult as ScanResult
    from webwarden.engine import scan as scan


def __getattr__(name: str) -> Any:
    """`scan` and `ScanResult`, imported on first use.

    NOTE: `import webwarden.<anything>` runs this package first; importing the engine
    here would make `webwarden --help` and every light command pay for all of it.
    """
    if name in {"scan", "ScanResult"}:
        from webwarden import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
