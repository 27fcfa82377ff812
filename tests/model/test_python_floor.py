from __future__ import annotations

from pathlib import Path

import pytest
from packaging.version import Version

from webwarden.discover import SourceFile
from webwarden.discover.files import FileKind
from webwarden.model.python_floor import lowest_python, specifier_floor


def _files(tmp_path: Path, contents: dict[str, str]) -> list[SourceFile]:
    files = []
    for relpath, text in contents.items():
        path = tmp_path / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(SourceFile(str(path), relpath, FileKind.TEXT, len(text)))
    return files


@pytest.mark.parametrize(
    ("specifier", "floor"),
    [
        pytest.param(">=3.14, <3.15", Version("3.14"), id="range"),
        pytest.param("==3.12.*", Version("3.12"), id="wildcard"),
        pytest.param("~=3.11", Version("3.11"), id="compatible"),
        pytest.param(">3.13", Version("3.13"), id="above-counts-from-below"),
        pytest.param("<3.15", None, id="ceiling-only"),
        pytest.param("!=3.13.0", None, id="exclusion-only"),
        pytest.param("3.14", None, id="not-a-specifier"),
    ],
)
def test_specifier_floor(specifier: str, floor: Version | None) -> None:
    assert specifier_floor(specifier) == floor


_SETUP = 'from setuptools import setup\nsetup(name="a", python_requires=">=3.14")\n'


@pytest.mark.parametrize(
    ("contents", "folder", "lowest"),
    [
        pytest.param(
            {"pyproject.toml": '[project]\nname = "a"\nrequires-python = ">=3.12"\n'},
            "",
            Version("3.12"),
            id="pyproject",
        ),
        pytest.param(
            {"setup.cfg": "[options]\npython_requires = >=3.13\n"},
            "",
            Version("3.13"),
            id="setup-cfg",
        ),
        pytest.param({"setup.py": _SETUP}, "", Version("3.14"), id="setup-py"),
        pytest.param(
            {
                "setup.py": _SETUP,
                "pyproject.toml": '[project]\nname = "a"\nrequires-python = ">=3.10"\n',
            },
            "",
            Version("3.10"),
            id="lowest-of-declarations",
        ),
        pytest.param({"setup.py": _SETUP}, "app/sub", Version("3.14"), id="folder-above"),
        pytest.param({"app/setup.py": _SETUP}, "", None, id="folder-below-not-read"),
        pytest.param(
            {"setup.py": 'setup(python_requires=PYTHON_REQUIRES)\n"python_requires"\n'},
            "",
            None,
            id="not-a-literal",
        ),
        pytest.param({"setup.py": "setup(\n"}, "", None, id="broken-setup"),
        pytest.param({"pyproject.toml": "[project\n"}, "", None, id="broken-pyproject"),
    ],
)
def test_lowest_python(
    tmp_path: Path, contents: dict[str, str], folder: str, lowest: Version | None
) -> None:
    assert lowest_python(_files(tmp_path, contents), folder) == lowest
