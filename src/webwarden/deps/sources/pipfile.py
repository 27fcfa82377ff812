"""Pipfile (pipenv): `[packages]` and `[dev-packages]`, what a project without its lock
file declares."""

from __future__ import annotations

import re
from typing import Any

from webwarden.deps.model import Declaration, Dependency, Kind, Problem
from webwarden.deps.sources import names
from webwarden.deps.sources._pep508 import from_requirement, parse_requirement
from webwarden.deps.sources._toml import load_toml, table_lines
from webwarden.deps.sources.interface import Collected, DependencySource

_SECTIONS = (("packages", ""), ("dev-packages", "dev-packages"))
_REFERENCES = ("git", "path", "file", "hg", "svn", "bzr")
_MARKER_KEYS = (
    "os_name",
    "sys_platform",
    "platform_machine",
    "platform_python_implementation",
    "platform_release",
    "platform_system",
    "platform_version",
    "python_version",
    "python_full_version",
    "implementation_name",
    "implementation_version",
)
"""PEP 508 marker names pipenv also accepts as keys (`sys_platform = "== 'win32'"`)."""
_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|git@)")


class PipfileSource(DependencySource):
    """The packages a `Pipfile` declares (its lock, when there is one, is read too)."""

    format_name = "Pipfile"
    patterns = names.PIPFILE

    def collect(self) -> Collected:
        """One dependency per entry of `[packages]` and `[dev-packages]`."""
        document, lines = load_toml(self)
        collected = Collected()
        for section, group in _SECTIONS:
            table = document.get(section)
            if not isinstance(table, dict):
                continue
            start = table_lines(lines, section)
            for name, value in table.items():
                line = _entry_line(lines, name, start)
                self._entry(str(name), value, self.declaration(lines, line), group, collected)
        return collected

    def _entry(
        self, name: str, value: Any, declared: Declaration, group: str, out: Collected
    ) -> None:
        if isinstance(value, dict):
            if any(key in value for key in _REFERENCES):
                reference = next(str(value[k]) for k in _REFERENCES if k in value)
                if "path" in value or not _URL.match(reference):
                    return  # NOTE: a local path is the project's own code, not a dependency.
                out.dependencies.append(
                    Dependency(
                        name, Kind.UNAUDITABLE, declared, self.format_name, spec_text=reference
                    )
                )
                return
            spec = str(value.get("version", "*"))
            parts = [str(value["markers"])] if "markers" in value else []
            parts += [f"{key} {value[key]}" for key in _MARKER_KEYS if key in value]
            markers = " and ".join(f"({p})" for p in parts) if len(parts) > 1 else "".join(parts)
            extras = value.get("extras", [])
        else:
            spec, markers, extras = str(value), "", []
        spec = spec.strip()
        if spec[:1].isdigit():
            # NOTE: pipenv pastes name and version together (`mako1.0.7`), another package.
            reason = f"`{name}`: version `{spec}` has no operator (pipenv needs `=={spec}`)"
            out.problems.append(Problem(self.relpath, reason, declared.line))
            return
        text = name
        if isinstance(extras, list) and extras:
            text += f"[{','.join(str(e) for e in extras)}]"
        text += "" if spec in {"", "*"} else spec
        if markers:
            text += f"; {markers}"
        try:
            requirement = parse_requirement(text)
        except ValueError as exc:
            out.problems.append(Problem(self.relpath, str(exc), declared.line))
            return
        out.dependencies.append(
            from_requirement(requirement, declared, self.format_name, group=group)
        )


def _entry_line(lines: list[str], name: str, start: int) -> int:
    """The line declaring `name` in a table that starts at line `start`."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(name)}[\"']?\s*=")
    for number in range(max(start, 1), len(lines) + 1):
        if pattern.match(lines[number - 1]):
            return number
    return start or 1
