"""Which lines of an INI or TOML file set the environment of a test run only.

pytest-env's `env` option (in `[pytest]`, `[tool:pytest]`, `[tool.pytest.ini_options]` or
its own `[tool.pytest_env]` table) and tox's `setenv`/`set_env` of a `[testenv]` section
export variables while the test suite runs, never in a deployment: a `SECRET_KEY` there
signs the test database's sessions and nothing else.
"""

from __future__ import annotations

import re

_PYTEST_SECTIONS = frozenset({"pytest", "tool:pytest", "tool.pytest.ini_options"})
_TOX_OPTIONS = frozenset({"setenv", "set_env"})
_SECTION = re.compile(r"^\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$")
_OPTION = re.compile(r"^([\"']?[A-Za-z_][\w.\-]*[\"']?)\s*[=:]\s*(.*)$")


def _sets_test_environment(section: str, option: str) -> bool:
    if section == "tool.pytest_env":
        return True
    if section in _PYTEST_SECTIONS:
        return option == "env"
    tox = section == "testenv" or section.startswith("testenv:")
    return tox and option in _TOX_OPTIONS


def lines_setting_test_runs(text: str) -> frozenset[int]:
    """The 1-based lines holding an option that sets variables for test runs only: its
    first line and the lines it goes on over (indented, or inside a TOML `[...]` list)."""
    found: set[int] = set()
    section = ""
    inside = False
    open_list = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if open_list or (inside and line[:1] in {" ", "\t"} and stripped):
            found.add(number)
            open_list = open_list and "]" not in stripped
            continue
        header = _SECTION.match(stripped) if line[:1] == "[" else None
        if header is not None:
            section, inside = header.group(1).strip("\"'"), False
            continue
        option = _OPTION.match(line)
        if option is None:
            inside = inside and not stripped  # NOTE: a blank line inside a value is part of it
            continue
        inside = _sets_test_environment(section, option.group(1).strip("\"'"))
        if inside:
            found.add(number)
            value = option.group(2)
            open_list = value.startswith("[") and "]" not in value
    return frozenset(found)
