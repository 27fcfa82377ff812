"""poetry.lock: every locked package, with git/url sources reported as unauditable."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from webwarden.deps.model import normalise_name
from webwarden.deps.sources import names
from webwarden.deps.sources._lock import TomlLockSource
from webwarden.deps.sources._toml import load_toml
from webwarden.deps.sources.interface import Collected
from webwarden.deps.sources.poetry_groups import group_only


class PoetryLockSource(TomlLockSource):
    """The packages pinned by a `poetry.lock`."""

    format_name = "poetry.lock"
    patterns = names.POETRY_LOCK

    def collect(self) -> Collected:
        """The locked packages; for a lock that names no category or group (Poetry 1.5
        and later), those only the development groups of the `pyproject.toml` beside it
        reach get those groups (see `poetry_groups`)."""
        collected = super().collect()
        if any(d.group for d in collected.dependencies):
            return collected
        packages = load_toml(self)[0].get("package")
        groups = group_only(packages or (), self.path.parent / "pyproject.toml")
        collected.dependencies = [
            replace(d, group=groups.get(normalise_name(d.name), "")) for d in collected.dependencies
        ]
        return collected

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
