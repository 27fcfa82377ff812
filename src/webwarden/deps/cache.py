"""A small on-disk JSON cache: one file per key, written atomically, bypassed when unusable.

Used for OSV API answers and package-index answers. An unreadable or unwritable cache
logs one warning and the run goes on without it (never a crash).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


class DiskCache:
    """JSON values under `directory` (None: no caching)."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self._warned = False

    def _warn(self, what: str, exc: Exception) -> None:
        if not self._warned:
            logger.warning(
                "cache %s %s failed (%s); going on without it", self.directory, what, exc
            )
            self._warned = True

    def get(self, key: str, max_age: float | None) -> Any:
        """The value stored under `key`, or None when absent, older than `max_age` or bad."""
        if self.directory is None:
            return None
        path = self.directory / f"{key}.json"
        try:
            if max_age is not None and time.time() - path.stat().st_mtime > max_age:
                return None
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._warn("read", exc)
            return None

    def put(self, key: str, value: Any) -> None:
        """Store `value` under `key` (temp file + replace)."""
        if self.directory is None:
            return
        path = self.directory / f"{key}.json"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(value, out)
            os.replace(temporary, path)
        except OSError as exc:
            self._warn("write", exc)
