"""Reading TOML dependency files with the lines their entries are declared on."""

from __future__ import annotations

import re
import tomllib
from typing import Any

from webwarden.deps.sources.interface import DependencySource, DependencySourceError


def load_toml(source: DependencySource) -> tuple[dict[str, Any], list[str]]:
    """The parsed document and its lines; a syntax error names its line."""
    text = source.read()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else 1
        if "end of document" in str(exc):
            line = text.count("\n") + 1
        raise DependencySourceError(source.relpath, f"invalid TOML: {exc}", line) from None
    return document, text.splitlines()


def table_lines(lines: list[str], header: str) -> int:
    """The line of a `[header]` or `[[header]]` table (0 when absent)."""
    pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(header)}\s*\]\]?\s*(#.*)?$")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
    return 0


def array_tables(lines: list[str], header: str) -> list[int]:
    """The lines of every `[[header]]` array-of-tables entry, in order."""
    pattern = re.compile(rf"^\s*\[\[\s*{re.escape(header)}\s*\]\]\s*(#.*)?$")
    return [n for n, line in enumerate(lines, start=1) if pattern.match(line)]


def string_line(lines: list[str], value: str, start: int = 1) -> int:
    """The line holding `value` as a quoted string, searched from `start` then from the top."""
    needles = (f'"{value}"', f"'{value}'", value)
    for begin in (start, 1):
        for needle in needles:
            for number in range(max(begin, 1), len(lines) + 1):
                if needle in lines[number - 1]:
                    return number
    return start or 1
