"""An installed environment (`--python PATH`): its dist-info metadata, read, never run.

PATH is a virtualenv directory or its interpreter (`.venv/bin/python`); webwarden finds
the environment's site-packages next to it and reads each `*.dist-info/METADATA` (and
legacy `*.egg-info/PKG-INFO`) for the distribution's name and version. No code of the
environment is executed, so a hostile package cannot run anything.
"""

from __future__ import annotations

from pathlib import Path

from webwarden.deps.model import Declaration, Dependency, Kind, Problem
from webwarden.deps.sources.interface import (
    Collected,
    DependencySource,
    DependencySourceError,
    display_path,
)

_SITE_GLOBS = ("lib/python3*/site-packages", "lib64/python3*/site-packages", "Lib/site-packages")
_META_GLOBS = ("*.dist-info/METADATA", "*.egg-info/PKG-INFO")


def environment_root(python: Path) -> Path:
    """The environment directory of an interpreter path or an environment directory."""
    if python.is_dir():
        return python
    parent = python.parent
    return parent.parent if parent.name in ("bin", "Scripts") else parent


def site_packages(environment: Path) -> list[Path]:
    """The site-packages directories of an environment, in a stable order."""
    found: list[Path] = []
    for pattern in _SITE_GLOBS:
        found.extend(sorted(p for p in environment.glob(pattern) if p.is_dir()))
    if not found and environment.name == "site-packages" and environment.is_dir():
        found.append(environment)
    return found


class EnvironmentSource(DependencySource):
    """The distributions installed in a Python environment."""

    format_name = "environment"

    def collect(self) -> Collected:
        """One pinned dependency per installed distribution."""
        if not self.path.exists():
            raise DependencySourceError(str(self.path), "no such interpreter or environment")
        directories = site_packages(environment_root(self.path))
        if not directories:
            raise DependencySourceError(
                str(self.path), "no site-packages found (expected a virtualenv or its python)"
            )
        import email.parser  # NOTE: only when an environment is read (slow to import)

        collected = Collected()
        parser = email.parser.HeaderParser()
        for directory in directories:
            for pattern in _META_GLOBS:
                for metadata in sorted(directory.glob(pattern)):
                    shown = display_path(metadata, self.root)
                    try:
                        headers = parser.parsestr(metadata.read_text(encoding="utf-8"))
                    except (OSError, UnicodeDecodeError) as exc:
                        collected.problems.append(Problem(shown, f"cannot read: {exc}"))
                        continue
                    name, version = headers.get("Name"), headers.get("Version")
                    if not name or not version:
                        collected.problems.append(Problem(shown, "no Name or Version header"))
                        continue
                    declared = Declaration(shown, 1, 1, f"Name: {name}")
                    collected.dependencies.append(
                        Dependency(
                            str(name),
                            Kind.PINNED,
                            declared,
                            self.format_name,
                            version=str(version),
                            spec_text=f"=={version}",
                        )
                    )
        return collected
