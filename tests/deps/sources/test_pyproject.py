from __future__ import annotations

from pathlib import Path

import pytest

from tests.deps.fixtures import ASSETS
from webwarden.deps.sources import DependencySourceError
from webwarden.deps.sources._pep508 import poetry_specifiers
from webwarden.deps.sources.pyproject import PyprojectSource


def _rows(root: Path) -> list[tuple[object, ...]]:
    collected = PyprojectSource(root / "pyproject.toml", root).collect()
    assert collected.problems == []
    return [
        (d.declared.line, d.name, d.kind.value, d.version or d.spec_text, d.group, d.marker)
        for d in collected.dependencies
    ]


def test_pep621_optional_dependencies_and_groups() -> None:
    assert _rows(ASSETS / "pyproject_pep621") == [
        (5, "Django", "pinned", "3.2.4", "", ""),
        (6, "flask", "range", "<2.3,>=2.0", "", ""),
        (7, "requests", "range", "", "", ""),
        (11, "Jinja2", "pinned", "2.11.2", "templates", ""),
        # The `{include-group = "lint"}` table reuses another group and is not a requirement.
        (14, "Werkzeug", "pinned", "2.0.1", "dev", ""),
        (15, "ruff", "pinned", "0.8.0", "lint", ""),
    ]


def test_own_extras_are_not_dependencies(tmp_path: Path) -> None:
    # `all = ["Shop_App[api]"]` names the project itself (PEP 503 spelling aside).
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "shop-app"\ndependencies = ["flask>=2"]\n\n'
        '[project.optional-dependencies]\napi = ["requests"]\nall = ["Shop_App[api]"]\n',
        encoding="utf-8",
    )
    assert [
        d.name
        for d in PyprojectSource(tmp_path / "pyproject.toml", tmp_path).collect().dependencies
    ] == [
        "flask",
        "requests",
    ]


def test_poetry_tables_constraints_git_and_path() -> None:
    assert _rows(ASSETS / "poetry_project") == [
        (7, "Django", "pinned", "3.2.4", "", ""),
        (8, "flask", "range", "^2.0", "", ""),
        (9, "pillow", "pinned", "8.1.0", "optional", ""),
        (10, "werkzeug", "unauditable", "https://github.com/pallets/werkzeug.git", "", ""),
        (14, "Jinja2", "range", "~2.11.2", "dev", ""),
    ]


def test_poetry_python_constraint_becomes_a_marker(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.poetry.dependencies]\nflask = { version = "2.0.1", python = "<3.9" }\n',
        encoding="utf-8",
    )
    [dep] = PyprojectSource(tmp_path / "pyproject.toml", tmp_path).collect().dependencies
    assert dep.marker == '(python_version < "3.9")'


def test_pdm_and_uv_development_dependencies(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pdm.dev-dependencies]\ntest = ["pytest==6.0"]\n\n'
        '[tool.uv]\ndev-dependencies = ["Werkzeug==2.0.1"]\n',
        encoding="utf-8",
    )
    deps = PyprojectSource(tmp_path / "pyproject.toml", tmp_path).collect().dependencies
    assert [(d.declared.line, d.name, d.group) for d in deps] == [
        (2, "pytest", "test"),
        (5, "Werkzeug", "dev"),
    ]


def test_bad_entries_are_problems_at_their_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\ndependencies = [\n  "flask==2.0.1",\n  "not valid ===",\n]\n\n'
        '[tool.poetry.dependencies]\ndjango = "^^3"\nbad = 5\n',
        encoding="utf-8",
    )
    collected = PyprojectSource(tmp_path / "pyproject.toml", tmp_path).collect()
    assert [d.name for d in collected.dependencies] == ["flask"]
    assert [(p.line, p.reason.split(":")[0]) for p in collected.problems] == [
        (4, "not a valid requirement `not valid ===`"),
        (8, "`django`"),
        (9, "`bad`"),
    ]


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = [\n', "utf-8")
    with pytest.raises(DependencySourceError, match=r"pyproject.toml: invalid TOML") as info:
        PyprojectSource(tmp_path / "pyproject.toml", tmp_path).collect()
    assert info.value.line == 4


@pytest.mark.parametrize(
    ("constraint", "expected"),
    [
        pytest.param("^2.0", ["<3,>=2.0"], id="caret"),
        pytest.param("^0.2.3", ["<0.3,>=0.2.3"], id="caret-zero-major"),
        pytest.param("^0.0.3", ["<0.0.4,>=0.0.3"], id="caret-zero-minor"),
        pytest.param("~1.2.3", ["<1.3,>=1.2.3"], id="tilde"),
        pytest.param("~1", ["<2,>=1"], id="tilde-major"),
        pytest.param(">=1 <2", ["<2,>=1"], id="space-and"),
        pytest.param(">=1,<2", ["<2,>=1"], id="comma-and"),
        pytest.param("1.0 || 2.0", ["==1.0", "==2.0"], id="or"),
        pytest.param("*", [""], id="any"),
        pytest.param("2.0.1", ["==2.0.1"], id="exact"),
        pytest.param("2.*", ["==2.*"], id="wildcard"),
        pytest.param("~=1.4", ["~=1.4"], id="compatible"),
        pytest.param("=1.10", ["==1.10"], id="single-equals"),
        pytest.param("<>1.0", ["!=1.0"], id="not-equal-brackets"),
        pytest.param("1.2.x", ["==1.2.*"], id="x-wildcard"),
        pytest.param("!=1.2.x", ["!=1.2.*"], id="x-wildcard-excluded"),
    ],
)
def test_poetry_constraints(constraint: str, expected: list[str]) -> None:
    assert [str(s) for s in poetry_specifiers(constraint)] == expected


def test_invalid_poetry_constraint() -> None:
    with pytest.raises(ValueError, match=r"not a valid version constraint `\^\^3`"):
        poetry_specifiers("^^3")


def test_setuptools_dynamic_dependencies_read_the_files_they_name(tmp_path: Path) -> None:
    (tmp_path / "deps").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\nversion = "1"\ndynamic = ["dependencies"]\n\n'
        "[tool.setuptools.dynamic]\n"
        'dependencies = {file = ["deps/runtime.in"]}\n'
        'optional-dependencies.dev = {file = ["deps/dev.in"]}\n',
        encoding="utf-8",
    )
    (tmp_path / "deps" / "runtime.in").write_text("django==3.2.1\n", encoding="utf-8")
    (tmp_path / "deps" / "dev.in").write_text("werkzeug==0.15.2\n", encoding="utf-8")
    collected = PyprojectSource(tmp_path / "pyproject.toml", tmp_path).collect()
    assert [(d.name, d.group, d.declared.path) for d in collected.dependencies] == [
        ("django", "", "deps/runtime.in"),
        ("werkzeug", "dev", "deps/dev.in"),
    ]
