"""What the TOML lock files (poetry.lock, uv.lock, pdm.lock) have in common."""

from __future__ import annotations

import posixpath
from typing import Any

from webwarden.deps.model import Declaration, Dependency, Kind, Problem
from webwarden.deps.sources._toml import array_tables, load_toml
from webwarden.deps.sources.interface import (
    Collected,
    DependencySource,
    DependencySourceError,
    find_line,
)


class TomlLockSource(DependencySource):
    """A lock file of `[[package]]` tables, each with a `name` and an exact `version`."""

    def collect(self) -> Collected:
        """One pinned dependency per locked package."""
        document, lines = load_toml(self)
        packages = document.get("package")
        if packages is None and isinstance(document.get("metadata"), dict):
            # NOTE: a project with no dependencies locks to a `[metadata]` table alone.
            return Collected()
        if not isinstance(packages, list):
            raise DependencySourceError(self.relpath, "no [[package]] tables: not a lock file")
        headers = array_tables(lines, "package")
        collected = Collected()
        for index, package in enumerate(packages):
            header = headers[index] if index < len(headers) else 1
            if not isinstance(package, dict) or not isinstance(package.get("name"), str):
                collected.problems.append(Problem(self.relpath, "package without a name", header))
                continue
            line = find_line(lines, r"^\s*name\s*=", header, default=header)
            declared = self.declaration(lines, line)
            dependency = self.entry(package, declared)
            if dependency is not None:
                collected.dependencies.append(dependency)
            member = self.member(package)
            if member is not None:
                folder = posixpath.dirname(self.relpath)
                collected.members.append(posixpath.normpath(posixpath.join(folder, member)))
        return collected

    def member(self, package: dict[str, Any]) -> str | None:
        """The folder, relative to the lock file's, of a project of the workspace the
        lock pins with its own (None: a package installed, not a project)."""
        return None

    def entry(self, package: dict[str, Any], declared: Declaration) -> Dependency | None:
        """The dependency for one `[[package]]` table (None for the project itself)."""
        name = package["name"]
        reference = self.reference(package)
        if reference is None:
            return None
        marker = str(package.get("markers") or package.get("marker") or "")
        if isinstance(package.get("markers"), dict):
            marker = ""  # NOTE: poetry's per-group marker tables apply to groups, not here.
        group = str(package.get("category") or ",".join(package.get("groups", ())) or "")
        if reference:
            return Dependency(
                name, Kind.UNAUDITABLE, declared, self.format_name, spec_text=reference
            )
        version = package.get("version")
        if not isinstance(version, str) or not version:
            return Dependency(
                name, Kind.UNAUDITABLE, declared, self.format_name, spec_text="no version"
            )
        return Dependency(
            name,
            Kind.PINNED,
            declared,
            self.format_name,
            version=version,
            spec_text=f"=={version}",
            marker=marker,
            group=group,
        )

    def reference(self, package: dict[str, Any]) -> str | None:
        """A URL/VCS reference ("" for an index package, None for a local path)."""
        raise NotImplementedError
