from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.deps.fixtures import ASSETS
from webwarden.deps.sources import DependencySourceError, EnvironmentSource
from webwarden.deps.sources.environment import environment_root, site_packages

ENVIRONMENT = ASSETS / "environment"
_EVENTS: list[str] = []
_WATCHING: list[bool] = []


def _audit_hook(event: str, args: object) -> None:
    if _WATCHING and event in ("subprocess.Popen", "os.exec", "os.posix_spawn", "os.system"):
        _EVENTS.append(event)


sys.addaudithook(_audit_hook)


@pytest.mark.parametrize(
    "given",
    [
        pytest.param(ENVIRONMENT / "bin" / "python", id="interpreter"),
        pytest.param(ENVIRONMENT, id="environment-dir"),
    ],
)
def test_installed_distributions_are_read_without_running_anything(given: Path) -> None:
    _WATCHING.append(True)
    try:
        collected = EnvironmentSource(given, ASSETS).collect()
    finally:
        _WATCHING.clear()
    assert _EVENTS == [], "the environment's interpreter must never be run"
    site = "environment/lib/python3.11/site-packages"
    assert [(d.declared.path, d.name, d.version) for d in collected.dependencies] == [
        (f"{site}/Django-3.2.4.dist-info/METADATA", "Django", "3.2.4"),
        (f"{site}/Jinja2-2.11.2.dist-info/METADATA", "Jinja2", "2.11.2"),
        (f"{site}/flask-3.0.3.dist-info/METADATA", "flask", "3.0.3"),
    ]
    assert [(p.path, p.reason) for p in collected.problems] == [
        (f"{site}/broken-1.0.dist-info/METADATA", "no Name or Version header")
    ]


def test_environment_root_and_site_packages(tmp_path: Path) -> None:
    assert environment_root(ENVIRONMENT / "bin" / "python") == ENVIRONMENT
    windows = tmp_path / "venv" / "Lib" / "site-packages"
    windows.mkdir(parents=True)
    assert environment_root(tmp_path / "venv" / "Scripts" / "python.exe") == tmp_path / "venv"
    assert site_packages(tmp_path / "venv") == [windows]
    assert site_packages(windows) == [windows]


@pytest.mark.parametrize(
    ("given", "error"),
    [
        pytest.param("missing/bin/python", "no such interpreter or environment", id="missing"),
        pytest.param(".", "no site-packages found", id="not-an-environment"),
    ],
)
def test_not_an_environment(tmp_path: Path, given: str, error: str) -> None:
    with pytest.raises(DependencySourceError, match=error):
        EnvironmentSource(tmp_path / given, tmp_path).collect()


def test_unreadable_metadata_is_a_problem(tmp_path: Path) -> None:
    info = tmp_path / "lib" / "python3.12" / "site-packages" / "x-1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_bytes(b"Name: x\nVersion: \xff\n")
    collected = EnvironmentSource(tmp_path, tmp_path).collect()
    assert collected.dependencies == []
    assert collected.problems[0].reason.startswith("cannot read:")
