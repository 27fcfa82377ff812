"""The `DependencySource` interface: one implementation per way of declaring dependencies."""

from __future__ import annotations

import abc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from webwarden.deps.model import Declaration, Dependency, Problem
from webwarden.errors import SourceError
from webwarden.parse import Unreadable, read_bytes, read_text

MAX_SOURCE_SIZE = 20 * 1024 * 1024
_NOT_UTF8 = "not valid utf-8 text"


class DependencySourceError(SourceError):
    """A dependency file cannot be read or parsed at all; prefixed with its path."""

    def __init__(self, path: str, reason: str, line: int = 1) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.line = line


@dataclass(slots=True)
class Collected:
    """What one source found: dependencies, and inputs it could only partly read."""

    dependencies: list[Dependency] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    included: list[Path] = field(default_factory=list)
    """The other files it read: requirements files the file includes or names."""
    members: list[str] = field(default_factory=list)
    """Folders (relative to the root, POSIX) of the workspace projects a lock file pins
    with its own: uv locks every member of a workspace in the one `uv.lock` at its root
    (`source = { editable = "api" }`), none beside the members' `pyproject.toml`."""


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` in POSIX form, or absolute when outside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


class DependencySource(abc.ABC):
    """Reads one file (or environment) and returns the dependencies it declares."""

    format_name: ClassVar[str]
    """How reports name the format (`requirements`, `poetry.lock`, ...)."""
    patterns: ClassVar[tuple[str, ...]] = ()
    """File names (fnmatch) this source reads when found in a project."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path = path
        self.root = root
        self.relpath = display_path(path, root)

    @abc.abstractmethod
    def collect(self) -> Collected:
        """Read the input; raise `DependencySourceError` when it cannot be used at all."""

    locale_text: ClassVar[bool] = False
    """The file may be in the writer's own encoding (a requirements file, which pip reads
    in the locale's when it is not UTF-8): read byte for byte as Latin-1 then."""

    def read(self) -> str:
        """The file's text, with webwarden's guards (size, binary, encoding)."""
        text = read_text(self.path, MAX_SOURCE_SIZE)
        if isinstance(text, Unreadable) and self.locale_text and text.reason.startswith(_NOT_UTF8):
            data = read_bytes(self.path, MAX_SOURCE_SIZE)
            if isinstance(data, bytes):
                # NOTE: names, versions and markers are ASCII; only comments differ.
                return data.decode("latin-1")
        if isinstance(text, Unreadable):
            raise DependencySourceError(self.relpath, text.reason, text.line)
        return text

    def declaration(self, lines: list[str], line: int) -> Declaration:
        """Where a dependency is declared: this file at `line` (1-based)."""
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        column = len(text) - len(text.lstrip()) + 1 if text else 1
        return Declaration(self.relpath, line, column, text)


def find_line(lines: list[str], pattern: str, start: int = 1, default: int = 1) -> int:
    """The first line (1-based, at or after `start`) matching the regex `pattern`."""
    compiled = re.compile(pattern)
    for number in range(max(start, 1), len(lines) + 1):
        if compiled.search(lines[number - 1]):
            return number
    return default


def quoted_name(name: str) -> str:
    """A regex for `name` as a TOML key or string, in any PEP 503 spelling."""
    parts = re.split(r"[-_.]+", name)
    body = r"[-_.]+".join(re.escape(p) for p in parts)
    return rf"""(?i)(^|[\s"'{{,\[])(?P<q>["']?){body}(?P=q)\s*(=|[\s\[;<>=!~@"',]|$)"""
