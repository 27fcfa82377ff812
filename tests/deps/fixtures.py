"""Fixtures of the dependency tests (a plugin of tests/conftest.py, so tests/cli sees them):
the PyPA advisory database as a session-wide store and as a loopback OSV server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, require_shared
from tests.deps.osv_server import OsvData, OsvServer, serve
from webwarden.deps.advisories.bulk import read_records
from webwarden.deps.advisories.local_store import import_records

ASSETS = REPO / "tests" / "assets" / "deps"


@pytest.fixture(scope="session")
def pypa_folder() -> Path:
    """The shared snapshot of the PyPA advisory database (OSV YAML)."""
    return require_shared("pypa-advisory-db")


@pytest.fixture(scope="session")
def pypa_store(pypa_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store with the whole snapshot, imported once per test session."""
    store = tmp_path_factory.mktemp("store") / "advisories.sqlite3"
    result = import_records(store, read_records(pypa_folder / "vulns"), origin=str(pypa_folder))
    assert result.imported > 2000
    assert result.errors == []
    return store


@pytest.fixture(scope="session")
def osv_data(pypa_folder: Path) -> OsvData:
    """The snapshot's records indexed for the loopback OSV server."""
    return OsvData(pypa_folder / "vulns")


@pytest.fixture
def osv_server(osv_data: OsvData, monkeypatch: pytest.MonkeyPatch) -> Iterator[OsvServer]:
    """A loopback OSV API (and package index) serving the snapshot; online mode allowed."""
    monkeypatch.delenv("WEBWARDEN_OFFLINE", raising=False)
    latest = {"django": "5.1.2", "flask": "3.0.3", "jinja2": "3.1.4", "werkzeug": "3.0.6"}
    with serve(OsvServer(osv_data, latest)) as server:
        yield server
