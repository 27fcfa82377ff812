"""pyproject.toml: PEP 621 dependencies and optional dependencies, PEP 735 dependency
groups, Poetry's `tool.poetry` sections, and PDM's and uv's development dependencies."""

from __future__ import annotations

import dataclasses
from typing import Any

from webwarden.deps.model import Declaration, Dependency, Kind, Problem, normalise_name
from webwarden.deps.sources import names
from webwarden.deps.sources._pep508 import (
    constrained,
    from_requirement,
    parse_requirement,
    poetry_specifiers,
)
from webwarden.deps.sources._toml import load_toml, string_line, table_lines
from webwarden.deps.sources.interface import Collected, DependencySource, find_line, quoted_name
from webwarden.deps.sources.requirements import RequirementsSource


class PyprojectSource(DependencySource):
    """The dependencies a `pyproject.toml` declares."""

    format_name = "pyproject"
    patterns = names.PYPROJECT

    def collect(self) -> Collected:
        """Every PEP 508 list and Poetry table of the file."""
        document, self.lines = load_toml(self)
        collected = Collected()
        project = document.get("project", {})
        tool = document.get("tool", {})
        self.own = _own_name(project, tool)
        lists: list[tuple[str, str, Any]] = [("project", "", project.get("dependencies"))]
        optional = project.get("optional-dependencies", {})
        lists += [("project.optional-dependencies", g, v) for g, v in _items(optional)]
        groups = document.get("dependency-groups", {})
        lists += [("dependency-groups", g, v) for g, v in _items(groups)]
        pdm = tool.get("pdm", {}).get("dev-dependencies", {})
        lists += [("tool.pdm.dev-dependencies", g, v) for g, v in _items(pdm)]
        lists.append(("tool.uv", "dev", tool.get("uv", {}).get("dev-dependencies")))
        for header, group, entries in lists:
            if isinstance(entries, list):
                self._pep508_list(header, group, entries, collected)
        poetry = tool.get("poetry", {})
        tables: list[tuple[str, str, Any]] = [
            ("tool.poetry.dependencies", "", poetry.get("dependencies")),
            ("tool.poetry.dev-dependencies", "dev", poetry.get("dev-dependencies")),
        ]
        tables += [
            (f"tool.poetry.group.{g}.dependencies", g, v.get("dependencies"))
            for g, v in _items(poetry.get("group", {}))
            if isinstance(v, dict)
        ]
        for header, group, table in tables:
            if isinstance(table, dict):
                self._poetry_table(header, group, table, collected)
        self._dynamic(tool.get("setuptools", {}).get("dynamic", {}), collected)
        return collected

    def _dynamic(self, dynamic: Any, out: Collected) -> None:
        """`[tool.setuptools.dynamic] dependencies = {file = [...]}`: the files named."""
        if not isinstance(dynamic, dict):
            return
        named: list[tuple[str, Any]] = [("", dynamic.get("dependencies"))]
        named += _items(dynamic.get("optional-dependencies", {}))
        line = table_lines(self.lines, "tool.setuptools.dynamic") or 1
        for group, spec in named:
            files = spec.get("file") if isinstance(spec, dict) else None
            for name in [files] if isinstance(files, str) else files or []:
                path = self.path.parent / str(name)
                out.included.append(path)
                if not path.is_file():
                    out.problems.append(Problem(self.relpath, f"`{name}` not found", line))
                    continue
                found = RequirementsSource(path, self.root).collect()
                out.included += found.included
                out.problems.extend(found.problems)
                out.dependencies.extend(
                    dataclasses.replace(d, group=group) if group else d for d in found.dependencies
                )

    def _pep508_list(self, header: str, group: str, entries: list[Any], out: Collected) -> None:
        start = table_lines(self.lines, header)
        for entry in entries:
            if not isinstance(entry, str):
                continue  # NOTE: `{include-group = "..."}` tables only reuse other groups.
            line = string_line(self.lines, entry, start)
            try:
                requirement = parse_requirement(entry)
            except ValueError as exc:
                out.problems.append(Problem(self.relpath, str(exc), line))
                continue
            if normalise_name(requirement.name) == self.own:
                continue  # NOTE: `all = ["shop[api,cli]"]`: the project's own extras.
            declared = self.declaration(self.lines, line)
            out.dependencies.append(
                from_requirement(requirement, declared, self.format_name, group=group)
            )

    def _poetry_table(self, header: str, group: str, table: dict[str, Any], out: Collected) -> None:
        start = table_lines(self.lines, header)
        for name, value in table.items():
            if name.lower() == "python":
                continue
            line = find_line(self.lines, quoted_name(name), start, default=start or 1)
            declared = self.declaration(self.lines, line)
            for spec in value if isinstance(value, list) else [value]:
                try:
                    dependency = self._poetry_entry(name, spec, declared, group)
                except ValueError as exc:
                    out.problems.append(Problem(self.relpath, f"`{name}`: {exc}", line))
                    continue
                if dependency is not None:
                    out.dependencies.append(dependency)

    def _poetry_entry(
        self, name: str, spec: Any, declared: Declaration, group: str
    ) -> Dependency | None:
        if isinstance(spec, str):
            return constrained(name, spec, declared, self.format_name, group=group)
        if not isinstance(spec, dict):
            raise ValueError(f"unexpected constraint {spec!r}")
        marker = str(spec.get("markers", ""))
        if python := spec.get("python"):
            marker = " and ".join(filter(None, [marker, _python_marker(str(python))]))
        extras = tuple(spec.get("extras", ()))
        for key in ("git", "url"):
            if key in spec:
                return Dependency(
                    name, Kind.UNAUDITABLE, declared, self.format_name, spec_text=str(spec[key])
                )
        if "path" in spec:
            return None  # NOTE: a local path is the project's own code.
        return constrained(
            name,
            str(spec.get("version", "*")),
            declared,
            self.format_name,
            marker=marker,
            extras=extras,
            group=group if not spec.get("optional") else group or "optional",
        )


def _own_name(project: Any, tool: Any) -> str:
    """The normalised name of the distribution the file builds (PEP 621's or Poetry's),
    "" when it names none: a list naming it (`all = ["shop[api]"]`) only gathers the
    project's own extras, which are this code, not a dependency of it."""
    poetry = tool.get("poetry", {}) if isinstance(tool, dict) else {}
    for table in (project, poetry):
        name = table.get("name") if isinstance(table, dict) else None
        if isinstance(name, str) and name.strip():
            return normalise_name(name)
    return ""


def _items(value: Any) -> list[tuple[str, Any]]:
    return list(value.items()) if isinstance(value, dict) else []


def _python_marker(constraint: str) -> str:
    """Poetry's `python = "^3.8"` as a marker over `python_version`."""
    alternatives = []
    for specifier in poetry_specifiers(constraint):
        parts = [f'python_version {s.operator} "{s.version}"' for s in specifier]
        alternatives.append(" and ".join(parts) or 'python_version >= "0"')
    return "(" + ") or (".join(alternatives) + ")"
