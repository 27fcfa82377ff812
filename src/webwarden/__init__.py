"""webwarden: a security auditor for Flask and Django applications.

The public surface is small: the version, the finding model and `scan`, which runs the
same audit as `webwarden check` and returns its result. Everything else may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

from webwarden.engine import ScanResult as ScanResult
from webwarden.engine import scan as scan
from webwarden.findings import Confidence as Confidence
from webwarden.findings import Finding as Finding
from webwarden.findings import Location as Location
from webwarden.findings import Practice as Practice
from webwarden.findings import Severity as Severity
