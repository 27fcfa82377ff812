from __future__ import annotations

from pathlib import Path

import pytest

from tests.deps.fixtures import ASSETS
from webwarden.deps.model import Kind
from webwarden.deps.sources import source_for
from webwarden.deps.sources.requirements import RequirementsSource


def _rows(root: Path, name: str = "requirements.txt") -> list[tuple[object, ...]]:
    collected = RequirementsSource(root / name, root).collect()
    return [
        (
            d.declared.path,
            d.declared.line,
            d.name,
            d.kind.value,
            d.version or d.spec_text,
            d.marker,
            d.hashed,
        )
        for d in collected.dependencies
    ]


def test_requirements_project_with_includes_constraints_hashes_markers_and_vcs() -> None:
    assert _rows(ASSETS / "requirements_project") == [
        ("requirements/base.txt", 1, "Jinja2", "pinned", "2.11.2", "", False),
        ("requirements/base.txt", 2, "flask", "pinned", "2.0.1", "", False),
        ("requirements.txt", 5, "Django", "pinned", "3.2.4", "", False),
        # `gunicorn` is required without a version; the constraint pins what is installed.
        ("constraints.txt", 1, "gunicorn", "pinned", "19.9.0", "", False),
        ("requirements.txt", 7, "Werkzeug", "pinned", "2.0.1", "", True),
        ("requirements.txt", 9, "pywin32", "pinned", "306", 'sys_platform == "win32"', False),
        (
            "requirements.txt",
            10,
            "importlib-metadata",
            "pinned",
            "1.0",
            'python_version < "3.8"',
            False,
        ),
        ("requirements.txt", 11, "celery", "range", ">=5.0", "", False),
        (
            "requirements.txt",
            12,
            "django-debug-toolbar",
            "unauditable",
            "git+https://github.com/jazzband/django-debug-toolbar@main",
            "",
            False,
        ),
        (
            "requirements.txt",
            13,
            "itsdangerous",
            "unauditable",
            "git+https://github.com/pallets/itsdangerous.git#egg=itsdangerous",
            "",
            False,
        ),
    ]


def test_declaration_keeps_the_source_line() -> None:
    root = ASSETS / "requirements_project"
    deps = RequirementsSource(root / "requirements.txt", root).collect().dependencies
    django = next(d for d in deps if d.name == "Django")
    assert django.declared.text == "Django==3.2.4  # the LTS we have not upgraded yet"
    assert django.extras == ()
    celery = next(d for d in deps if d.name == "celery")
    assert celery.extras == ("redis",)


@pytest.mark.parametrize(
    ("line", "name", "reference"),
    [
        pytest.param(
            "https://files.example.com/Flask_Login-0.6.3-py3-none-any.whl",
            "Flask_Login",
            "https://files.example.com/Flask_Login-0.6.3-py3-none-any.whl",
            id="wheel-url",
        ),
        pytest.param(
            "hg+https://hg.example.com/repo#egg=thing&subdirectory=x",
            "thing",
            "hg+https://hg.example.com/repo#egg=thing&subdirectory=x",
            id="egg-fragment",
        ),
        pytest.param(
            "pkg[extra] @ https://example.com/pkg.tar.gz ; python_version >= '3'",
            "pkg",
            "https://example.com/pkg.tar.gz",
            id="pep508-url",
        ),
        pytest.param(
            "--editable=git+https://github.com/org/tool.git",
            "tool",
            "git+https://github.com/org/tool.git",
            id="editable-equals",
        ),
        pytest.param(
            "git+https://github.com/org/django-s3direct.git@feature/other-endpoint",
            "django-s3direct",
            "git+https://github.com/org/django-s3direct.git@feature/other-endpoint",
            id="vcs-branch-with-slash",
        ),
        pytest.param(
            "git+https://github.com/org/pyrabbit.git@e8a9f74ed5c6bba958994fb9a72c396e6a99ea0f",
            "pyrabbit",
            "git+https://github.com/org/pyrabbit.git@e8a9f74ed5c6bba958994fb9a72c396e6a99ea0f",
            id="vcs-commit",
        ),
        pytest.param(
            "git+ssh://git@github.com/org/tool.git",
            "tool",
            "git+ssh://git@github.com/org/tool.git",
            id="vcs-login-no-revision",
        ),
        pytest.param(
            "hg+https://hg.example.com/repo@tip#subdirectory=x",
            "repo",
            "hg+https://hg.example.com/repo@tip#subdirectory=x",
            id="vcs-revision-and-fragment",
        ),
        pytest.param(
            "lxml==${LXML_VERSION} ; python_version >= '3'",
            "lxml",
            "lxml==${LXML_VERSION}",
            id="environment-variable",
        ),
        pytest.param(
            "wagtail=={{wagtail_release.0}}.{{wagtail_release.1}}.*",
            "wagtail",
            "wagtail=={{wagtail_release.0}}.{{wagtail_release.1}}.*",
            id="template-variable",
        ),
    ],
)
def test_url_and_vcs_requirements_are_unauditable(
    tmp_path: Path, line: str, name: str, reference: str
) -> None:
    (tmp_path / "requirements.txt").write_text(line + "\n", encoding="utf-8")
    [dep] = RequirementsSource(tmp_path / "requirements.txt", tmp_path).collect().dependencies
    assert (dep.name, dep.kind, dep.spec_text) == (name, Kind.UNAUDITABLE, reference)


def test_local_paths_are_the_projects_own_code(tmp_path: Path) -> None:
    text = "-e .\n./vendor/lib\n-e file:///srv/lib\n--index-url https://mirror\n--pre\n"
    (tmp_path / "requirements.txt").write_text(text, encoding="utf-8")
    collected = RequirementsSource(tmp_path / "requirements.txt", tmp_path).collect()
    assert collected.dependencies == []
    assert collected.problems == []


def test_bad_lines_and_missing_includes_are_problems_at_their_line(tmp_path: Path) -> None:
    text = "flask==2.0.1\nnot a requirement ===\n-r missing.txt\n-r requirements.txt\n"
    (tmp_path / "requirements.txt").write_text(text, encoding="utf-8")
    collected = RequirementsSource(tmp_path / "requirements.txt", tmp_path).collect()
    assert [d.name for d in collected.dependencies] == ["flask"]
    assert [(p.path, p.line) for p in collected.problems] == [
        ("requirements.txt", 2),
        ("requirements.txt", 3),
    ]
    assert collected.problems[0].reason.startswith(
        "not a valid requirement `not a requirement ===`"
    )
    assert collected.problems[1].reason == "included file `missing.txt` not found"


def test_unreadable_include_is_a_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("-r other.txt\nflask==2.0.1\n", encoding="utf-8")
    (tmp_path / "other.txt").write_bytes(b"django==3.2\n\x00\x01\n")
    collected = RequirementsSource(tmp_path / "requirements.txt", tmp_path).collect()
    assert [d.name for d in collected.dependencies] == ["flask"]
    assert [p.path for p in collected.problems] == ["other.txt"]
    assert "binary file" in collected.problems[0].reason


def test_a_file_in_another_encoding_is_read_as_pip_reads_it(tmp_path: Path) -> None:
    # pip falls back to the locale's encoding: a Latin-1 comment does not hide the pins.
    (tmp_path / "requirements.txt").write_bytes(b"# D\xe9pendances\ndjango==3.2.1\n")
    collected = RequirementsSource(tmp_path / "requirements.txt", tmp_path).collect()
    assert [(d.name, d.version) for d in collected.dependencies] == [("django", "3.2.1")]
    assert collected.problems == []
    # A garbled line is a problem at its line, and the rest is read.
    root = ASSETS / "broken"
    collected = RequirementsSource(root / "requirements.txt", root).collect()
    assert [d.name for d in collected.dependencies] == ["Django"]
    assert [(p.line, p.reason[:24]) for p in collected.problems] == [
        (2, "not a valid requirement ")
    ]


@pytest.mark.parametrize(
    ("name", "parents", "found"),
    [
        pytest.param("requirements.txt", (), True, id="requirements"),
        pytest.param("requirements-dev.txt", (), True, id="requirements-dev"),
        pytest.param("dev-requirements.txt", (), True, id="dev-requirements"),
        # Read where `-c` names it; on its own it may be documentation (Django's is).
        pytest.param("constraints.txt", (), False, id="constraints"),
        pytest.param("prod.txt", ("requirements",), True, id="requirements-folder"),
        # A shared upper bound (`Django<6.0`) installs nothing; the pins beside it do.
        pytest.param(
            "common_constraints.txt", ("requirements",), False, id="requirements-folder-constraints"
        ),
        pytest.param("notes.txt", (), False, id="other-text"),
        pytest.param("requirements.in", (), False, id="pip-compile-input"),
    ],
)
def test_which_files_are_requirements(name: str, parents: tuple[str, ...], found: bool) -> None:
    assert (source_for(name, parents) is RequirementsSource) is found


def test_a_text_file_that_is_not_requirements_is_one_problem(tmp_path: Path) -> None:
    text = "Constraints\n===========\n\nSome prose about\nconstraints in a\ndatabase, with\n"
    text += "several lines of text;\nnone of them\nis a requirement.\n"
    (tmp_path / "requirements.txt").write_text(text, encoding="utf-8")
    collected = RequirementsSource(tmp_path / "requirements.txt", tmp_path).collect()
    assert [(p.line, p.reason.split(" (")[0]) for p in collected.problems] == [
        (2, "not a requirements file: 7 lines are not requirements")
    ]


def test_absolute_include_of_a_container_path_reads_the_trees_file(tmp_path: Path) -> None:
    # A development container mounts the checkout at `/workspace` (a Docker image copies it
    # to `/app`): the tree's file at the path's longest tail is the one included.
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "requirements.txt").write_text("django==4.2\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("flask==2.0.1\n", encoding="utf-8")
    (tmp_path / ".devcontainer").mkdir()
    text = "-r /workspace/api/requirements.txt\n-r /app/requirements.txt\n-r /srv/missing.txt\n"
    (tmp_path / ".devcontainer" / "requirements.txt").write_text(text, encoding="utf-8")
    collected = RequirementsSource(tmp_path / ".devcontainer" / "requirements.txt", tmp_path)
    found = collected.collect()
    assert [(d.declared.path, d.name) for d in found.dependencies] == [
        ("api/requirements.txt", "django"),
        ("requirements.txt", "flask"),
    ]
    assert [(p.line, p.reason) for p in found.problems] == [
        (3, "included file `/srv/missing.txt` not found")
    ]
