"""Which packages of a `poetry.lock` only Poetry's development groups bring in.

Poetry 1.5 and later no longer write a `category` (`main` or `dev`) into the lock: what a
package is for follows from the project's `pyproject.toml` beside it, whose
`[tool.poetry.dependencies]` (and PEP 621 `[project]` lists) a deployment installs, and
whose `[tool.poetry.dev-dependencies]` and `[tool.poetry.group.<name>.dependencies]` only
a developer does (`poetry install --only main` skips them), with each locked package's
`[package.dependencies]` linking them.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from webwarden.deps.model import normalise_name

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def group_only(packages: Iterable[Any], pyproject: Path) -> dict[str, str]:
    """The locked packages (normalised names) that only the non-main groups of the
    `pyproject.toml` reach, each to the groups that do, joined by `,` (`dev`, `test,lint`).
    A package a main dependency reaches, through any dependency of any locked package
    (optional ones too: an extra a deployment may ask for), is left out; so is every
    package when the project file is missing or unreadable."""
    roots = _roots(pyproject)
    if roots is None:
        return {}
    main, groups = roots
    links = _links(packages)
    installed = _reached(main, links)
    found: dict[str, set[str]] = {}
    for group, names in groups.items():
        for name in _reached(names, links) - installed:
            found.setdefault(name, set()).add(group)
    return {name: ",".join(sorted(groups)) for name, groups in found.items()}


def _roots(pyproject: Path) -> tuple[set[str], dict[str, set[str]]] | None:
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    tool = document.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    if not isinstance(poetry, dict):
        return None
    main = _table_names(poetry.get("dependencies"))
    project = document.get("project")
    if isinstance(project, dict):
        main |= _list_names(project.get("dependencies"))
        extras = project.get("optional-dependencies")
        for entries in extras.values() if isinstance(extras, dict) else ():
            main |= _list_names(entries)
    groups: dict[str, set[str]] = {}
    if isinstance(dev := poetry.get("dev-dependencies"), dict):
        groups["dev"] = _table_names(dev)
    declared = poetry.get("group")
    for name, group in declared.items() if isinstance(declared, dict) else ():
        if not isinstance(group, dict):
            continue
        names = _table_names(group.get("dependencies"))
        if name == "main":
            main |= names  # NOTE: Poetry's own name for `[tool.poetry.dependencies]`
        else:
            groups.setdefault(str(name), set()).update(names)
    return main, groups


def _table_names(table: object) -> set[str]:
    if not isinstance(table, dict):
        return set()
    return {normalise_name(str(name)) for name in table if str(name).lower() != "python"}


def _list_names(entries: object) -> set[str]:
    if not isinstance(entries, list):
        return set()
    return {
        normalise_name(match.group(1))
        for entry in entries
        if isinstance(entry, str) and (match := _NAME.match(entry))
    }


def _links(packages: Iterable[Any]) -> Mapping[str, set[str]]:
    """Each locked package's dependencies, by normalised name."""
    links: dict[str, set[str]] = {}
    for package in packages:
        if isinstance(package, dict) and isinstance(package.get("name"), str):
            needs = package.get("dependencies")
            links.setdefault(normalise_name(package["name"]), set()).update(_table_names(needs))
    return links


def _reached(roots: Iterable[str], links: Mapping[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name not in seen:
            seen.add(name)
            pending.extend(links.get(name, ()))
    return seen
