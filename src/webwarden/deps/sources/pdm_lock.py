"""pdm.lock: every locked package, with git/url entries reported as unauditable."""

from __future__ import annotations

from typing import Any

from webwarden.deps.sources import names
from webwarden.deps.sources._lock import TomlLockSource


class PdmLockSource(TomlLockSource):
    """The packages pinned by a `pdm.lock`."""

    format_name = "pdm.lock"
    patterns = names.PDM_LOCK

    def reference(self, package: dict[str, Any]) -> str | None:
        """`git = ...`/`url = ...` is unauditable; `path`/`editable` is local code."""
        if "path" in package or package.get("editable"):
            return None
        if "git" in package:
            return f"git+{package['git']}"
        if "url" in package:
            return str(package["url"])
        return ""
