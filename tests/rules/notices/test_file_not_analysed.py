"""WW000's fix says what to do for the reason given, not always "make it parse"."""

from __future__ import annotations

import pytest

from webwarden.findings import Location
from webwarden.rules.notices.file_not_analysed import FileNotAnalysed


@pytest.mark.parametrize(
    ("reason", "fix"),
    [
        (
            "file is 3.0 MiB, larger than max-file-size (2.0 MiB)",
            "raise `max-file-size` if the file is code you run, or exclude it",
        ),
        (
            "broken symlink: the target does not exist",
            "point the symlink at a file that exists, or remove it",
        ),
        (
            "symlink loop",
            "break the symlink loop, or exclude the path with `extend-exclude`",
        ),
        (
            "binary file (contains NUL bytes)",
            "exclude it with `extend-exclude`: it is not source code",
        ),
        (
            "Python 2 syntax (Missing parentheses in call to 'print'); webwarden analyses "
            "Python 3 code only",
            "port the file to Python 3, or exclude it if nothing runs it",
        ),
        (
            "not valid utf-8 text (byte 0xe9 at line 3); declare the encoding or convert "
            "the file to UTF-8",
            "declare the encoding (`# -*- coding: latin-1 -*-`) or convert to UTF-8",
        ),
        # Mailu's docker-compose.yml, a Jinja template that starts with `{% set ... %}`.
        (
            "not valid YAML: found character '%' that cannot start any token",
            "fix the YAML, or exclude the file with `extend-exclude` if it is a template that "
            "renders YAML (Jinja, Helm)",
        ),
        ("syntax error: invalid syntax", FileNotAnalysed.fix),
    ],
)
def test_fix_follows_the_reason(reason: str, fix: str) -> None:
    finding = FileNotAnalysed.make_finding(Location("app.py", 1), reason=reason)
    assert finding.fix == fix
    assert finding.message == f"file could not be analysed: {reason}"
