from __future__ import annotations

from pathlib import Path

import pytest
from packaging.version import Version

from webwarden.discover import SourceFile
from webwarden.discover.files import FileKind
from webwarden.model.declared_versions import allows_only_below, lowest_allowed, version_files


def _files(tmp_path: Path, contents: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in contents.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(SourceFile(str(path), relpath, FileKind.TEXT, len(text)))
    return files


_UV_LOCK = (
    '[[package]]\nname = "LXML"\nversion = "6.1.1"\n\n[[package]]\nname = "a"\nversion = "1"\n'
)


@pytest.mark.parametrize(
    ("contents", "lowest"),
    [
        pytest.param({"requirements.txt": "lxml==6.1.1\n"}, Version("6.1.1"), id="pinned"),
        pytest.param(
            {"pyproject.toml": '[project]\nname = "a"\ndependencies = ["LXML>=5.2,<7"]\n'},
            Version("5.2"),
            id="pyproject-floor",
        ),
        pytest.param(
            {"requirements.txt": "lxml==6.0\n", "requirements-dev.txt": "lxml>=4.9\n"},
            Version("4.9"),
            id="lowest-of-files",
        ),
        pytest.param({"requirements.txt": "lxml<6\n"}, None, id="no-floor"),
        pytest.param({"requirements.txt": "-r base.txt\nflask\n"}, None, id="not-named"),
        pytest.param({"sub/requirements.txt": "lxml==6.0\n"}, None, id="other-folder"),
        pytest.param(
            {"requirements/prod.txt": "lxml==6.0.2 \\\n    --hash=sha256:00c4bd \\\n"},
            Version("6.0.2"),
            id="requirements-folder-hashed",
        ),
        pytest.param(
            {"requirements/prod.txt": "lxml==6.0.2\n", "requirements/dev.txt": "lxml\n"},
            None,
            id="requirements-folder-unpinned",
        ),
        pytest.param({"requirements/prod.in": "lxml==6.0.2\n"}, None, id="pip-tools-input"),
        pytest.param({"docs/requirements/a.txt": "lxml==6.0\n"}, None, id="nested-folder"),
        pytest.param({"pyproject.toml": "[project\n"}, None, id="broken-toml"),
        pytest.param(
            {
                "pyproject.toml": '[project]\nname = "a"\ndependencies = ["lxml"]\n',
                "uv.lock": _UV_LOCK,
            },
            Version("6.1.1"),
            id="unpinned-requirement-locked",
        ),
        pytest.param({"poetry.lock": _UV_LOCK}, Version("6.1.1"), id="locked-only"),
        pytest.param(
            {"requirements.txt": "lxml>=4.9\n", "pdm.lock": _UV_LOCK},
            Version("4.9"),
            id="lower-floor-than-locked",
        ),
        pytest.param(
            {"uv.lock": _UV_LOCK.replace("6.1.1", "4.9.4") + _UV_LOCK},
            Version("4.9.4"),
            id="forked-lock",
        ),
        pytest.param(
            {"Pipfile.lock": '{"_meta": {}, "default": {"lxml": {"version": "==6.0.2"}}}'},
            Version("6.0.2"),
            id="pipfile-lock",
        ),
        pytest.param(
            {"requirements.txt": "lxml\n", "sub/uv.lock": _UV_LOCK},
            None,
            id="lock-of-another-folder",
        ),
        pytest.param(
            {"requirements.txt": "lxml\n", "uv.lock": "[[package\n"}, None, id="broken-lock"
        ),
        pytest.param(
            {"requirements.txt": "lxml\n", "Pipfile.lock": "{"}, None, id="broken-pipfile-lock"
        ),
    ],
)
def test_lowest_allowed(tmp_path: Path, contents: dict[str, str], lowest: Version | None) -> None:
    assert lowest_allowed(_files(tmp_path, contents), "", "lxml") == lowest


@pytest.mark.parametrize(
    ("contents", "lowest"),
    [
        pytest.param(
            {"requirements.txt": "lxml==6.0.0\n", "src/manage.py": ""},
            Version("6.0.0"),
            id="repository-requirements-above-the-app",
        ),
        pytest.param(
            {"requirements.txt": "lxml==6.0.0\n", "src/requirements.txt": "lxml>=4.2\n"},
            Version("4.2"),
            id="the-app-s-own-first",
        ),
        pytest.param(
            {"requirements.txt": "lxml==6.0.0\n", "src/requirements.txt": "flask\n"},
            Version("6.0.0"),
            id="the-app-s-own-not-naming-it",
        ),
        pytest.param(
            {"requirements.txt": "lxml\n", "src/requirements.txt": "flask\n"},
            None,
            id="unpinned-above",
        ),
    ],
)
def test_lowest_allowed_above_the_app(
    tmp_path: Path, contents: dict[str, str], lowest: Version | None
) -> None:
    assert lowest_allowed(_files(tmp_path, contents), "src", "lxml") == lowest


@pytest.mark.parametrize(
    ("contents", "below"),
    [
        pytest.param({"requirements.txt": "Django==2.2.28\n"}, True, id="pinned-below"),
        pytest.param({"requirements.txt": "Django==3.0.1\n"}, False, id="pinned-at-or-above"),
        pytest.param({"requirements.txt": "Django>=2.2,<3\n"}, True, id="upper-bound"),
        pytest.param({"requirements.txt": "Django<=2.2.99\n"}, True, id="inclusive-upper-bound"),
        pytest.param({"requirements.txt": "Django~=2.2.0\n"}, True, id="compatible-release"),
        pytest.param({"requirements.txt": "Django~=2.2\n"}, True, id="compatible-major"),
        pytest.param({"requirements.txt": "Django==2.2.*\n"}, True, id="wildcard"),
        pytest.param({"requirements.txt": "Django>=1.11\n"}, False, id="floor-only"),
        pytest.param({"requirements.txt": "Django\n"}, False, id="unpinned"),
        pytest.param({"requirements.txt": "flask\n"}, False, id="not-named"),
        pytest.param(
            {"requirements.txt": "Django==2.2.28\n", "requirements/prod.txt": "Django>=2.2\n"},
            False,
            id="one-file-allows-newer",
        ),
        pytest.param(
            {
                "requirements.txt": "Django>=2.2\n",
                "Pipfile.lock": '{"default": {"django": {"version": "==2.2.28"}}}',
            },
            True,
            id="locked-below",
        ),
        pytest.param(
            {
                "requirements.txt": "Django<3\n",
                "uv.lock": '[[package]]\nname = "django"\nversion = "4.2.1"\n',
            },
            False,
            id="lock-wins",
        ),
    ],
)
def test_allows_only_below(tmp_path: Path, contents: dict[str, str], below: bool) -> None:
    assert allows_only_below(_files(tmp_path, contents), "", "django", "3.0") is below


def test_version_files_are_the_requirement_and_lock_files(tmp_path: Path) -> None:
    declaring = [
        "requirements.txt",
        "src/requirements-dev.txt",
        "requirements/prod.txt",
        "pyproject.toml",
        "app/uv.lock",
        "Pipfile.lock",
    ]
    other = ["app.py", "docs/requirements.rst", "notes.txt", "requirements/readme.md"]
    files = _files(tmp_path, dict.fromkeys([*declaring, *other], ""))
    assert [f.relpath for f in version_files(files)] == declaring
