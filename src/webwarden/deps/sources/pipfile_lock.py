"""Pipfile.lock (pipenv): the `default` and `develop` sections, JSON with exact pins."""

from __future__ import annotations

import json
import re
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from webwarden.deps.model import Declaration, Dependency, Kind, Problem
from webwarden.deps.sources import names
from webwarden.deps.sources._pep508 import pinned_version
from webwarden.deps.sources.interface import (
    Collected,
    DependencySource,
    DependencySourceError,
    find_line,
)


class PipfileLockSource(DependencySource):
    """The packages pinned by a `Pipfile.lock`."""

    format_name = "Pipfile.lock"
    patterns = names.PIPFILE_LOCK

    def collect(self) -> Collected:
        """One dependency per entry of `default` and `develop`."""
        text = self.read()
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DependencySourceError(
                self.relpath, f"invalid JSON: {exc.msg} (line {exc.lineno})", exc.lineno
            ) from None
        if not isinstance(document, dict) or not any(
            isinstance(document.get(k), dict) for k in ("default", "develop")
        ):
            raise DependencySourceError(self.relpath, "no `default` or `develop` section")
        lines = text.splitlines()
        collected = Collected()
        for section in ("default", "develop"):
            entries = document.get(section)
            if not isinstance(entries, dict):
                continue
            start = find_line(lines, rf'^\s*"{section}"\s*:', default=1)
            for name, entry in entries.items():
                line = find_line(lines, rf'^\s*"{re.escape(name)}"\s*:', start, default=start)
                declared = self.declaration(lines, line)
                try:
                    dependency = self._entry(name, entry, declared, section)
                except ValueError as exc:
                    collected.problems.append(Problem(self.relpath, f"`{name}`: {exc}", line))
                    continue
                if dependency is not None:
                    collected.dependencies.append(dependency)
        return collected

    def _entry(
        self, name: str, entry: Any, declared: Declaration, section: str
    ) -> Dependency | None:
        if not isinstance(entry, dict):
            raise ValueError("entry is not a table")
        marker = str(entry.get("markers", ""))
        group = "" if section == "default" else section
        for key in ("git", "hg", "svn", "file"):
            if key in entry:
                return Dependency(
                    name, Kind.UNAUDITABLE, declared, self.format_name, spec_text=str(entry[key])
                )
        if "path" in entry:
            return None  # NOTE: a local path is the project's own code.
        try:
            version = pinned_version(SpecifierSet(str(entry.get("version", ""))))
        except InvalidSpecifier:
            raise ValueError(f"invalid version `{entry.get('version')}`") from None
        if version is None:
            raise ValueError(f"not pinned to one version: `{entry.get('version', '')}`")
        return Dependency(
            name,
            Kind.PINNED,
            declared,
            self.format_name,
            version=version,
            spec_text=f"=={version}",
            marker=marker,
            hashed=bool(entry.get("hashes")),
            group=group,
        )
