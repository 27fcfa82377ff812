"""The lowest release of a package an application's requirement files let it install."""

from __future__ import annotations

import json
import posixpath
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from webwarden.discover import SourceFile
from webwarden.parse.requirement_lines import logical_lines

_REQUIREMENT_FILE = re.compile(r"requirements[\w.-]*\.txt")
_FLOORS = frozenset({"==", "===", ">=", ">", "~="})
"""Operators that set a lowest version (`>` one just above it)."""
_TOML_LOCKS = frozenset({"uv.lock", "poetry.lock", "pdm.lock"})
"""Lock files of `[[package]]` tables, each with a `name` and the exact `version` installed."""
_PIPFILE_LOCK = "Pipfile.lock"


def version_files(files: Iterable[SourceFile]) -> list[SourceFile]:
    """The files among `files` that `lowest_allowed` and `allows_only_below` read
    (requirement lists, `pyproject.toml`, lock files): a project's few, picked once so
    that each question walks these rather than every file of the tree."""
    return [file for file in files if _declares_versions(file.relpath)]


def _declares_versions(relpath: str) -> bool:
    where, _, name = relpath.rpartition("/")
    return (
        _REQUIREMENT_FILE.fullmatch(name) is not None
        or (where.rpartition("/")[2] == "requirements" and name.endswith(".txt"))
        or name in _TOML_LOCKS
        or name in (_PIPFILE_LOCK, "pyproject.toml")
    )


def lowest_allowed(files: list[SourceFile], folder: str, package: str) -> Version | None:
    """The lowest version of `package` that every requirement naming it in `folder`'s
    requirement files (`requirements*.txt`, `pyproject.toml`'s `[project]` dependencies)
    allows, and those of its `requirements/` folder (`requirements/prod.txt`, pip-tools'
    output with hashes); when none of them names it, those of the nearest folder above
    that do (a `src/` holding `manage.py` below the repository's `requirements.txt`);
    None when none names it or one sets no lowest version (`lxml`, `lxml<6`). A lock file
    of the folder (`uv.lock`, `poetry.lock`, `pdm.lock`, `Pipfile.lock`) says which
    release the tool installing from it puts in: it gives the version of a requirement
    that sets none (`"lxml"` in `pyproject.toml` locked at 6.1.1), and of a package only
    another one depends on."""
    wanted = canonicalize_name(package)
    while True:
        floors: list[Version | None] = [
            _floor(requirement)
            for requirement in _requirements(files, folder)
            if canonicalize_name(requirement.name) == wanted
        ]
        locked = _locked(files, folder, wanted)
        if locked:
            return min([*locked, *(f for f in floors if f is not None)])
        if floors:
            return None if None in floors else min(f for f in floors if f is not None)
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def allows_only_below(files: list[SourceFile], folder: str, package: str, version: str) -> bool:
    """Whether the requirement files that name `package` for `folder` (found as
    `lowest_allowed` finds them) let it install no release from `version` on: every
    requirement naming it excludes that release and every later one (`Django==2.2.28`,
    `Django>=2.2,<3`, `Django~=2.2.0`), or a lock file of the folder pins it below.
    False when none names it: the newest release is then what gets installed."""
    wanted = canonicalize_name(package)
    limit = Version(version)
    while True:
        requirements = [
            requirement
            for requirement in _requirements(files, folder)
            if canonicalize_name(requirement.name) == wanted
        ]
        locked = _locked(files, folder, wanted)
        if locked:
            return all(found < limit for found in locked)
        if requirements:
            return all(_below(requirement, limit) for requirement in requirements)
        if not folder:
            return False
        folder = posixpath.dirname(folder)


def _below(requirement: Requirement, limit: Version) -> bool:
    """Whether every release the requirement allows is older than `limit`: one of its
    specifiers pins one (`==2.2.28`, `==2.2.*`) or sets an upper bound (`<3`, `<=2.2.99`,
    `~=2.2.0`, below 2.3) at or below `limit`."""
    return any(
        _bound(specifier.operator, specifier.version, limit) for specifier in requirement.specifier
    )


def _bound(operator: str, text: str, limit: Version) -> bool:
    wildcard = text.endswith(".*")
    try:
        version = Version(text.removesuffix(".*"))
    except InvalidVersion:
        return False
    if operator in {"==", "==="}:
        if wildcard:
            release = (*version.release[:-1], version.release[-1] + 1)
            return Version(".".join(map(str, release))) <= limit
        return version < limit
    if operator == "<":
        return version <= limit
    if operator == "<=":
        return version < limit
    if operator == "~=" and len(version.release) >= 2:
        release = (*version.release[:-2], version.release[-2] + 1)
        return Version(".".join(map(str, release))) <= limit
    return False


def _locked(files: list[SourceFile], folder: str, wanted: str) -> list[Version]:
    """The versions of the package `wanted` the lock files of `folder` pin."""
    versions: list[Version] = []
    for file in files:
        where, name = posixpath.split(file.relpath)
        if where != folder:
            continue
        if name in _TOML_LOCKS:
            pinned = _toml_locked(read_declaration(file), wanted)
        elif name == _PIPFILE_LOCK:
            pinned = _pipfile_locked(read_declaration(file), wanted)
        else:
            continue
        for text in pinned:
            try:
                versions.append(Version(text))
            except InvalidVersion:
                continue
    return versions


def _toml_locked(text: str, wanted: str) -> list[str]:
    """`[[package]] name = "lxml" version = "6.1.1"`: each version a TOML lock pins (uv
    locks one per set of markers it forks on)."""
    try:
        packages = tomllib.loads(text).get("package", [])
    except tomllib.TOMLDecodeError:
        return []
    if not isinstance(packages, list):
        return []
    return [
        package["version"]
        for package in packages
        if isinstance(package, dict)
        and isinstance(package.get("name"), str)
        and canonicalize_name(package["name"]) == wanted
        and isinstance(package.get("version"), str)
    ]


def _pipfile_locked(text: str, wanted: str) -> list[str]:
    """`{"default": {"lxml": {"version": "==6.1.1"}}}`: the version pinned in each
    section of a `Pipfile.lock`."""
    try:
        document = json.loads(text)
    except ValueError:
        return []
    sections = document.values() if isinstance(document, dict) else ()
    found: list[str] = []
    for section in sections:
        if not isinstance(section, dict):
            continue
        for name, entry in section.items():
            version = entry.get("version") if isinstance(entry, dict) else None
            if canonicalize_name(name) == wanted and isinstance(version, str):
                found.append(version.removeprefix("=="))
    return found


def _requirements(files: list[SourceFile], folder: str) -> Iterator[Requirement]:
    grouped = posixpath.join(folder, "requirements")
    for file in files:
        where, name = posixpath.split(file.relpath)
        if where not in (folder, grouped):
            continue
        if _REQUIREMENT_FILE.fullmatch(name) or (where == grouped and name.endswith(".txt")):
            # NOTE: pip's lines: `pyyaml==6.0.3 \` and its `--hash=...` options are one
            lines = [content for _, content in logical_lines(read_declaration(file))]
        elif name == "pyproject.toml" and where == folder:
            lines = _pyproject_dependencies(read_declaration(file))
        else:
            continue
        for line in lines:
            text = line.split(" --", 1)[0].strip()
            if not text or text.startswith("-"):
                continue  # NOTE: pip options (`-r base.txt`, `-e .`) name no requirement
            try:
                yield Requirement(text)
            except InvalidRequirement:
                continue


def read_declaration(file: SourceFile) -> str:
    """A requirement, lock or metadata file's text ("" when it cannot be read)."""
    try:
        return Path(file.abspath).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _pyproject_dependencies(text: str) -> list[str]:
    try:
        project = tomllib.loads(text).get("project", {})
    except tomllib.TOMLDecodeError:
        return []
    dependencies = project.get("dependencies", []) if isinstance(project, dict) else []
    return [d for d in dependencies if isinstance(d, str)]


def _floor(requirement: Requirement) -> Version | None:
    return specifiers_floor(requirement.specifier)


def specifiers_floor(specifiers: SpecifierSet) -> Version | None:
    """The lowest release specifiers allow as far as their lower bounds tell (`>=3.14,
    <3.15` -> 3.14, `==3.12.*` -> 3.12, `>3.11` -> 3.11, below what it allows); None when
    none sets a lower bound."""
    found: list[Version] = []
    for specifier in specifiers:
        if specifier.operator not in _FLOORS:
            continue
        try:
            found.append(Version(specifier.version.removesuffix(".*")))
        except InvalidVersion:
            continue
    return max(found) if found else None
