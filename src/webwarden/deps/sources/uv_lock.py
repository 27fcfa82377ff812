"""uv.lock: every locked package; the project itself (editable/virtual) is skipped."""

from __future__ import annotations

import posixpath
from typing import Any

from webwarden.deps.sources import names
from webwarden.deps.sources._lock import TomlLockSource


class UvLockSource(TomlLockSource):
    """The packages pinned by a `uv.lock`."""

    format_name = "uv.lock"
    patterns = names.UV_LOCK

    def reference(self, package: dict[str, Any]) -> str | None:
        """`source = {git|url = ...}` is unauditable; editable/virtual/path is local code."""
        source = package.get("source")
        if not isinstance(source, dict):
            return ""
        if any(key in source for key in ("editable", "virtual", "path", "directory")):
            return None
        for key in ("git", "url"):
            if key in source:
                return f"{key}+{source[key]}" if key == "git" else str(source[key])
        return ""

    def member(self, package: dict[str, Any]) -> str | None:
        """`source = { editable = "api" }` (or `virtual`): a project of the workspace."""
        source = package.get("source")
        if not isinstance(source, dict):
            return None
        folder = source.get("editable", source.get("virtual"))
        return folder if isinstance(folder, str) and not posixpath.isabs(folder) else None
