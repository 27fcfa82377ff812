"""The audit pipeline: discover -> parse -> model -> rules -> findings.

`scan` runs it end to end and returns a `ScanResult` that every reporter renders (see
`engine.pipeline`). The names are loaded on first use: a check that reuses its last
report (`engine.unchanged`) imports none of the analysis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.engine.pipeline import Progress as Progress
    from webwarden.engine.pipeline import ScanResult as ScanResult
    from webwarden.engine.pipeline import scan as scan
    from webwarden.engine.pipeline import scan_dependencies as scan_dependencies

_LAZY = frozenset({"Progress", "ScanResult", "scan", "scan_dependencies"})


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module("webwarden.engine.pipeline"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
