"""poetry.lock: every locked package, with git/url sources reported as unauditable."""

from __future__ import annotations

from typing import Any

from webwarden.deps.sources import names
from webwarden.deps.sources._lock import TomlLockSource


class PoetryLockSource(TomlLockSource):
    """The packages pinned by a `poetry.lock`."""

    format_name = "poetry.lock"
    patterns = names.POETRY_LOCK

    def reference(self, package: dict[str, Any]) -> str | None:
        """`source.type` git/url/file is unauditable; directory is the project's own code."""
        source = package.get("source")
        if not isinstance(source, dict):
            return ""
        kind = source.get("type")
        if kind == "directory":
            return None
        if kind in ("git", "url", "file"):
            return f"{kind}+{source.get('url', '')}"
        return ""
