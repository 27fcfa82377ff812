"""What discovery hands on: the files of the project, each with its kind."""

from __future__ import annotations

import enum
import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath


class FileKind(enum.StrEnum):
    """What webwarden does with a file."""

    PYTHON = "python"
    TEMPLATE = "template"
    TEXT = "text"
    """Configuration-like text: .env, YAML, TOML, INI, requirements and lock files, ..."""
    OTHER = "other"
    """Listed for completeness; no rule reads it."""


_PYTHON_SUFFIXES = frozenset({".py", ".pyw"})
_TEMPLATE_SUFFIXES = frozenset({".html", ".htm", ".jinja", ".jinja2", ".j2", ".djhtml", ".xhtml"})
_TEXT_PATTERNS = (
    ".env",
    ".env.*",
    "*.env",
    "*.env.*",
    "env.example",
    "env.sample",
    ".flaskenv",
    "*.toml",
    "*.ini",
    "*.cfg",
    "*.yaml",
    "*.yml",
    "*.json",
    "requirements*.txt",
    "*requirements.txt",
    "constraints*.txt",
    "*.lock",
    "Pipfile",
    "Procfile",
    "Dockerfile",
    "*.dockerfile",
    "*.config",
    "*.conf",
)


def classify(name: str, parent_parts: tuple[str, ...] = ()) -> FileKind:
    """The kind of a file from its name (and, for templates, its folders)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _PYTHON_SUFFIXES:
        return FileKind.PYTHON
    if suffix in _TEMPLATE_SUFFIXES or (suffix == ".txt" and "templates" in parent_parts):
        return FileKind.TEMPLATE
    if any(fnmatch.fnmatchcase(name, pattern) for pattern in _TEXT_PATTERNS):
        return FileKind.TEXT
    if "requirements" in parent_parts and suffix in {".txt", ".in"}:
        return FileKind.TEXT
    return FileKind.OTHER


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file found by discovery."""

    path: Path
    """Absolute path (symlinks not resolved, so it reads as the user sees it)."""
    relpath: str
    """POSIX path relative to the project root, as shown in reports."""
    kind: FileKind
    size: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A path discovery could not list or read; reported as a WW000 finding."""

    relpath: str
    reason: str
