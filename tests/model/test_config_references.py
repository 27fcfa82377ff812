"""Configuration files the project's code names, and whether only tests name them."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from webwarden.model.config_references import (
    CONFIG_REFERENCE_FACTS,
    extract_config_references,
    named_by_tests_only,
)
from webwarden.model.facts import Facts
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.project import ModuleSummary, ProjectModel


def _context(source: str, relpath: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    module = relpath.removesuffix(".py").replace("/", ".")
    return FileContext(relpath, module, tuple(text.splitlines()), tree, NameResolver(tree, module))


def _project(tmp_path: Path, modules: dict[str, str]) -> ProjectModel:
    summaries = {}
    for relpath, source in modules.items():
        ctx = _context(source, relpath)
        facts = extract_config_references(ctx)
        summaries[relpath] = ModuleSummary(
            relpath,
            ctx.module,
            relpath.startswith("tests/"),
            frozenset(),
            {},
            Facts({CONFIG_REFERENCE_FACTS: facts} if facts else {}),
        )
    return ProjectModel(root=tmp_path, files=[], modules=summaries)


def test_extract_marks_names_said_for_tests() -> None:
    ctx = _context(
        """
        TEST_CONFIG = load("data/auth.cfg")
        SITE = "data/site.cfg"
        def testing_defaults():
            return "seed.ini"
        NOTE = "not a file name.cfg"
        """,
        "app/paths.py",
    )
    assert sorted(extract_config_references(ctx) or ()) == [
        ("data/auth.cfg", True),
        ("data/site.cfg", False),
        ("seed.ini", True),
    ]


def test_extract_skips_modules_naming_no_configuration_file() -> None:
    assert extract_config_references(_context("NAME = 'data/notes.txt'", "app/x.py")) is None


@pytest.mark.parametrize(
    ("relpath", "expected"),
    [
        pytest.param("app/data/auth.cfg", True, id="test-constant-only"),
        pytest.param("app/data/site.cfg", False, id="app-code-too"),
        pytest.param("app/data/other.cfg", False, id="never-named"),
        pytest.param("app/local.ini", True, id="bare-name-beside-test-module"),
        pytest.param("lib/local.ini", False, id="bare-name-elsewhere"),
    ],
)
def test_named_by_tests_only(tmp_path: Path, relpath: str, expected: bool) -> None:
    project = _project(
        tmp_path,
        {
            "app/paths.py": 'TEST_CONFIG = "data/auth.cfg"\nSITE = "./data/site.cfg"\n',
            "tests/test_app.py": 'USED = ["app/data/site.cfg", "local.ini"]\n',
            "app/tests_helpers.py": 'def for_testing():\n    return "local.ini"\n',
        },
    )
    assert named_by_tests_only(project, relpath) is expected
