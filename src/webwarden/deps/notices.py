"""Why a dependency audit is incomplete: the kinds of notice, each reported by one WW01x
rule. Apart from `run`, so that the engine maps them to rules without loading the audit."""

from __future__ import annotations

import enum

HOW_TO_GET_DATA = (
    "run `webwarden db update` where the network is reachable, or "
    "`webwarden db import PATH` with a copy of the PyPA advisory database or OSV's PyPI export"
)


class NoticeKind(enum.StrEnum):
    """Why the audit is incomplete; each maps to one WW01x notice rule."""

    UNAVAILABLE = "unavailable"
    CORRUPT = "corrupt"
    STALE = "stale"
    INDEX_UNAVAILABLE = "index-unavailable"
