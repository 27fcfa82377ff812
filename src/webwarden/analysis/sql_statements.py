"""What a SQL statement written in the code does: only read rows, or change state."""

from __future__ import annotations

import re

_READ = re.compile(
    r"\s*(?:--[^\n]*\n\s*)*(select|with|show|pragma|explain|describe|values)\b", re.IGNORECASE
)
_WRITE = re.compile(
    r"\s*(?:--[^\n]*\n\s*)*(insert|update|delete|replace|merge|upsert|create|drop|alter|"
    r"truncate|grant|revoke)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:insert|update|delete|into|merge|nextval|setval|lock|pg_advisory_lock)\b", re.IGNORECASE
)
"""What makes a reading statement change state: `SELECT ... INTO` a new table, a
data-modifying `WITH` (`WITH moved AS (DELETE ...)`), `FOR UPDATE` row locks, a sequence
advanced, an advisory lock taken."""


def reads_only(sql: str) -> bool:
    """A `SELECT` (or `WITH`, `SHOW`, `PRAGMA`, `EXPLAIN`...) that changes nothing: a
    status page's `SELECT version_num FROM alembic_version`, a health check's `SELECT 1`."""
    return bool(_READ.match(sql)) and not _CHANGE.search(sql)


def writes(sql: str) -> bool:
    """A statement that starts by changing data or schema (`INSERT`, `UPDATE`, `DROP`...)."""
    return bool(_WRITE.match(sql))
