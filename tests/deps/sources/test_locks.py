from __future__ import annotations

from pathlib import Path

import pytest

from tests.deps.fixtures import ASSETS
from webwarden.deps.sources import DependencySource, DependencySourceError
from webwarden.deps.sources.pdm_lock import PdmLockSource
from webwarden.deps.sources.pipfile_lock import PipfileLockSource
from webwarden.deps.sources.poetry_lock import PoetryLockSource
from webwarden.deps.sources.uv_lock import UvLockSource


def _rows(source: type[DependencySource], root: Path, name: str) -> list[tuple[object, ...]]:
    collected = source(root / name, root).collect()
    assert collected.problems == []
    return [
        (d.declared.line, d.declared.text.strip(), d.name, d.kind.value, d.version or d.spec_text)
        for d in collected.dependencies
    ]


def test_poetry_lock() -> None:
    assert _rows(PoetryLockSource, ASSETS / "poetry_project", "poetry.lock") == [
        (4, 'name = "django"', "django", "pinned", "3.2.4"),
        (12, 'name = "flask"', "flask", "pinned", "2.0.1"),
        (
            20,
            'name = "werkzeug"',
            "werkzeug",
            "unauditable",
            "git+https://github.com/pallets/werkzeug.git",
        ),
        # `mylib` is a directory source: the project's own code, not a dependency.
    ]


def test_pipfile_lock() -> None:
    rows = _rows(PipfileLockSource, ASSETS / "pipenv_project", "Pipfile.lock")
    assert rows == [
        (9, '"django": {', "django", "pinned", "3.2.4"),
        (14, '"jinja2": {', "jinja2", "pinned", "2.11.2"),
        (25, '"werkzeug": {', "werkzeug", "pinned", "2.0.1"),
        (
            29,
            '"itsdangerous": {',
            "itsdangerous",
            "unauditable",
            "https://github.com/pallets/itsdangerous.git",
        ),
    ]
    root = ASSETS / "pipenv_project"
    deps = PipfileLockSource(root / "Pipfile.lock", root).collect().dependencies
    assert [(d.marker, d.hashed, d.group) for d in deps[:3]] == [
        ("", True, ""),
        ("python_version >= '3.6'", True, ""),
        ("", True, "develop"),
    ]


def test_uv_lock_skips_the_project_itself() -> None:
    assert _rows(UvLockSource, ASSETS / "uv_project", "uv.lock") == [
        (5, 'name = "flask"', "flask", "pinned", "2.0.1"),
        (14, 'name = "jinja2"', "jinja2", "pinned", "2.11.2"),
        (24, 'name = "werkzeug"', "werkzeug", "pinned", "3.0.6"),
    ]


def test_pdm_lock() -> None:
    assert _rows(PdmLockSource, ASSETS / "pdm_project", "pdm.lock") == [
        (11, 'name = "django"', "django", "pinned", "3.2.4"),
        (18, 'name = "werkzeug"', "werkzeug", "pinned", "2.0.1"),
    ]


@pytest.mark.parametrize(
    ("source", "text", "kind", "reference"),
    [
        pytest.param(
            UvLockSource,
            '[[package]]\nname = "a"\nversion = "1"\nsource = { git = "https://g/a?rev=1" }\n',
            "unauditable",
            "git+https://g/a?rev=1",
            id="uv-git",
        ),
        pytest.param(
            UvLockSource,
            '[[package]]\nname = "a"\nversion = "1"\nsource = { url = "https://f/a.whl" }\n',
            "unauditable",
            "https://f/a.whl",
            id="uv-url",
        ),
        pytest.param(
            PdmLockSource,
            '[[package]]\nname = "a"\nversion = "1"\ngit = "https://g/a"\n',
            "unauditable",
            "git+https://g/a",
            id="pdm-git",
        ),
        pytest.param(
            PdmLockSource,
            '[[package]]\nname = "a"\nversion = "1"\nurl = "https://f/a.zip"\n',
            "unauditable",
            "https://f/a.zip",
            id="pdm-url",
        ),
        pytest.param(
            PoetryLockSource,
            '[[package]]\nname = "a"\nversion = "1"\n\n[package.source]\ntype = "legacy"\nurl = "https://mirror"\n',
            "pinned",
            "1",
            id="poetry-private-index",
        ),
        pytest.param(
            PoetryLockSource,
            '[[package]]\nname = "a"\n',
            "unauditable",
            "no version",
            id="no-version",
        ),
    ],
)
def test_lock_entry_kinds(
    tmp_path: Path, source: type[DependencySource], text: str, kind: str, reference: str
) -> None:
    path = tmp_path / source.patterns[0]
    path.write_text(text, encoding="utf-8")
    [dep] = source(path, tmp_path).collect().dependencies
    assert (dep.kind.value, dep.version or dep.spec_text) == (kind, reference)


def test_uv_lock_names_the_workspace_members_it_pins(tmp_path: Path) -> None:
    # The workspace's projects (editable or virtual) are no dependencies, but the lock
    # installs them: their folders, relative to the root, say which pyproject it covers.
    (tmp_path / "mono").mkdir()
    path = tmp_path / "mono" / "uv.lock"
    path.write_text(
        '[[package]]\nname = "root"\nversion = "1"\nsource = { virtual = "." }\n'
        '[[package]]\nname = "api"\nversion = "1"\nsource = { editable = "services/api" }\n'
        '[[package]]\nname = "lib"\nversion = "1"\nsource = { path = "/abs/lib" }\n'
        '[[package]]\nname = "a"\nversion = "1"\nsource = { registry = "x" }\n',
        encoding="utf-8",
    )
    collected = UvLockSource(path, tmp_path).collect()
    assert collected.members == ["mono", "mono/services/api"]
    assert [d.name for d in collected.dependencies] == ["a"]


def test_pdm_local_path_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "pdm.lock"
    path.write_text('[[package]]\nname = "a"\nversion = "1"\npath = "./a"\n', encoding="utf-8")
    assert PdmLockSource(path, tmp_path).collect().dependencies == []


@pytest.mark.parametrize(
    ("source", "name", "error"),
    [
        pytest.param(
            PoetryLockSource,
            "poetry.lock",
            r"poetry.lock: invalid TOML: Expected '\]\]' at the end of an array declaration",
            id="poetry-toml",
        ),
        pytest.param(
            PipfileLockSource,
            "Pipfile.lock",
            r"Pipfile.lock: invalid JSON: Expecting property name enclosed in double quotes",
            id="pipfile-json",
        ),
        pytest.param(
            UvLockSource, "uv.lock", r"uv.lock: no \[\[package\]\] tables: not a lock file", id="uv"
        ),
    ],
)
def test_broken_lock_files_give_a_clear_error(
    source: type[DependencySource], name: str, error: str
) -> None:
    root = ASSETS / "broken"
    with pytest.raises(DependencySourceError, match=error):
        source(root / name, root).collect()


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param('{"default": {"a": "1.0"}}', "`a`: entry is not a table", id="not-table"),
        pytest.param(
            '{"default": {"a": {"version": ">=1"}}}',
            "`a`: not pinned to one version: `>=1`",
            id="range",
        ),
        pytest.param(
            '{"default": {"a": {"version": "==="}}}', "`a`: invalid version `===`", id="invalid"
        ),
    ],
)
def test_pipfile_lock_bad_entries(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "Pipfile.lock"
    path.write_text(text, encoding="utf-8")
    collected = PipfileLockSource(path, tmp_path).collect()
    assert [p.reason for p in collected.problems] == [problem]


def test_pipfile_lock_without_sections(tmp_path: Path) -> None:
    path = tmp_path / "Pipfile.lock"
    path.write_text('{"_meta": {}}', encoding="utf-8")
    with pytest.raises(DependencySourceError, match="no `default` or `develop` section"):
        PipfileLockSource(path, tmp_path).collect()


@pytest.mark.parametrize(
    ("source", "text"),
    [
        pytest.param(
            PdmLockSource,
            '# This file is @generated by PDM.\n\n[metadata]\ngroups = ["default"]\n'
            'lock_version = "4.4.1"\ncontent_hash = "sha256:0"\n',
            id="pdm-metadata-only",
        ),
        pytest.param(
            PoetryLockSource,
            'package = []\n\n[metadata]\nlock-version = "2.0"\ncontent-hash = "0"\n',
            id="poetry-empty-array",
        ),
    ],
)
def test_lock_of_no_dependencies_is_empty(
    tmp_path: Path, source: type[DependencySource], text: str
) -> None:
    path = tmp_path / source.patterns[0]
    path.write_text(text, encoding="utf-8")
    collected = source(path, tmp_path).collect()
    assert (collected.dependencies, collected.problems) == ([], [])


def test_lock_package_without_name_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "uv.lock"
    path.write_text('[[package]]\nversion = "1"\n', encoding="utf-8")
    collected = UvLockSource(path, tmp_path).collect()
    assert [(p.line, p.reason) for p in collected.problems] == [(1, "package without a name")]
