"""setup.cfg: `[options] install_requires` and `[options.extras_require]`, with lines."""

from __future__ import annotations

import dataclasses
import re

from webwarden.deps.model import Problem
from webwarden.deps.sources import names
from webwarden.deps.sources._pep508 import from_requirement, parse_requirement
from webwarden.deps.sources.interface import Collected, DependencySource
from webwarden.deps.sources.requirements import RequirementsSource

_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]\s*$")
_KEY = re.compile(r"^(?P<key>[A-Za-z0-9_.-]+)\s*[=:]\s*(?P<value>.*)$")


class SetupCfgSource(DependencySource):
    """The requirements a setuptools `setup.cfg` declares."""

    format_name = "setup.cfg"
    patterns = names.SETUP_CFG

    def collect(self) -> Collected:
        """Each requirement line of `install_requires` and of every extra."""
        lines = self.read().splitlines()
        collected = Collected()
        for group, line, value in self._values(lines):
            if value.startswith("file:"):
                self._files(value[5:], group, line, collected)
                continue
            for part in value.split(";") if value.count(";") > 1 else [value]:
                text = part.split("#", 1)[0].strip()
                if not text:
                    continue
                try:
                    requirement = parse_requirement(text)
                except ValueError as exc:
                    collected.problems.append(Problem(self.relpath, str(exc), line))
                    continue
                declared = self.declaration(lines, line)
                collected.dependencies.append(
                    from_requirement(requirement, declared, self.format_name, group=group)
                )
        return collected

    def _files(self, names: str, group: str, line: int, out: Collected) -> None:
        """`install_requires = file: requirements.in`: the named requirements files."""
        for name in (n.strip() for n in names.split(",")):
            if not name:
                continue
            path = self.path.parent / name
            out.included.append(path)
            if not path.is_file():
                out.problems.append(Problem(self.relpath, f"`file: {name}` not found", line))
                continue
            found = RequirementsSource(path, self.root).collect()
            out.included += found.included
            out.problems.extend(found.problems)
            out.dependencies.extend(
                dataclasses.replace(d, group=group) if group else d for d in found.dependencies
            )

    @staticmethod
    def _values(lines: list[str]) -> list[tuple[str, int, str]]:
        """(group, line, requirement text) of every line of the wanted keys."""
        found: list[tuple[str, int, str]] = []
        section = ""
        group: str | None = None
        for number, raw in enumerate(lines, start=1):
            if not raw.strip() or raw.lstrip().startswith(("#", ";")):
                continue
            if match := _SECTION.match(raw.strip()):
                section, group = match.group("name").strip(), None
                continue
            if raw[0].isspace():
                if group is not None:
                    found.append((group, number, raw.strip()))
                continue
            key = _KEY.match(raw)
            group = None
            if key is None:
                continue
            name = key.group("key")
            if section == "options" and name == "install_requires":
                group = ""
            elif section == "options.extras_require":
                group = name
            if group is not None and key.group("value").strip():
                found.append((group, number, key.group("value").strip()))
        return found
