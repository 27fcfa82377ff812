from __future__ import annotations

import textwrap
from pathlib import Path

from webwarden.deps.sources.poetry_lock import PoetryLockSource

_LOCK = """
    [[package]]
    name = "Django"
    version = "4.2.1"

    [package.dependencies]
    asgiref = ">=3.6"

    [[package]]
    name = "asgiref"
    version = "3.7.2"

    [[package]]
    name = "pytest-xdist"
    version = "2.1.0"

    [package.dependencies]
    pytest-forked = "*"

    [[package]]
    name = "pytest_forked"
    version = "1.6.0"

    [package.dependencies]
    py = "*"
    asgiref = {version = "*", optional = true}

    [[package]]
    name = "py"
    version = "1.11.0"

    [[package]]
    name = "sphinx"
    version = "7.0.0"
"""


def _groups(tmp_path: Path, lock: str, pyproject: str | None) -> dict[str, str]:
    (tmp_path / "poetry.lock").write_text(textwrap.dedent(lock))
    if pyproject is not None:
        (tmp_path / "pyproject.toml").write_text(textwrap.dedent(pyproject))
    collected = PoetryLockSource(tmp_path / "poetry.lock", tmp_path).collect()
    return {d.name: d.group for d in collected.dependencies}


def test_packages_only_development_groups_reach_get_them(tmp_path: Path) -> None:
    pyproject = """
        [tool.poetry.dependencies]
        python = "^3.11"
        django = "^4.2"

        [tool.poetry.dev-dependencies]
        pytest-xdist = "~=2.1"

        [tool.poetry.group.docs.dependencies]
        Sphinx = "^7"
    """
    assert _groups(tmp_path, _LOCK, pyproject) == {
        "Django": "",
        # Reached by the main dependencies too: installed with the app.
        "asgiref": "",
        "pytest-xdist": "dev",
        "pytest_forked": "dev",
        "py": "dev",
        "sphinx": "docs",
    }


def test_poetry_main_group_and_pep621_lists_are_installed(tmp_path: Path) -> None:
    pyproject = """
        [project]
        dependencies = ["Django>=4.2"]
        optional-dependencies = {docs = ["sphinx"]}

        [tool.poetry.group.main.dependencies]
        pytest-xdist = "~=2.1"
    """
    assert set(_groups(tmp_path, _LOCK, pyproject).values()) == {""}


def test_without_a_project_file_or_poetry_table_nothing_is_grouped(tmp_path: Path) -> None:
    assert set(_groups(tmp_path, _LOCK, None).values()) == {""}
    assert set(_groups(tmp_path, _LOCK, "[project]\nname = 'x'\n").values()) == {""}
    assert set(_groups(tmp_path, _LOCK, "[tool.poetry\n").values()) == {""}


def test_a_lock_naming_categories_keeps_them(tmp_path: Path) -> None:
    lock = """
        [[package]]
        name = "pytest"
        version = "7.0.0"
        category = "main"
    """
    pyproject = "[tool.poetry.dev-dependencies]\npytest = '*'\n"
    assert _groups(tmp_path, lock, pyproject) == {"pytest": "main"}
