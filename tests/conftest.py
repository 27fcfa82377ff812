"""Shared test options and fixtures."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
# The dependency audit's shared fixtures (advisory store, loopback OSV server).
pytest_plugins = ["tests.deps.fixtures"]
# Deliberately insecure inputs and the apps the live tests serve are data, not tests.
collect_ignore_glob = [
    "rules/fixtures/*",
    "assets/*",
    "live_apps/*",
    "model/django/projects/*",
]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        default=False,
        help="rewrite .expected snapshots (and generated docs) instead of comparing",
    )


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-expected"))


def shared_data_dir() -> Path:
    """Where ../shared/data lives (WEBWARDEN_SHARED_DATA overrides)."""
    configured = os.environ.get("WEBWARDEN_SHARED_DATA")
    return Path(configured) if configured else REPO.parent / "shared" / "data"


def require_shared(relative: str) -> Path:
    """A path under the shared data dir; skip when absent, fail when CI requires it."""
    path = shared_data_dir() / relative
    if not path.exists():
        reason = f"shared data not found: {path} (set WEBWARDEN_SHARED_DATA)"
        if os.environ.get("WEBWARDEN_REQUIRE_SHARED_DATA") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(autouse=True, scope="session")
def _offline_advisories(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The suite never queries the OSV API or PyPI, nor reads the user's advisory store.

    Tests of the online clients point them at a server on 127.0.0.1 and lift this.
    """
    patch = pytest.MonkeyPatch()
    patch.setenv("WEBWARDEN_OFFLINE", "1")
    patch.setenv("WEBWARDEN_CACHE_DIR", str(tmp_path_factory.mktemp("webwarden-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    """A jsonschema validator for SARIF 2.1.0 from the shared schema."""
    import jsonschema

    schema_path = require_shared("sarif/sarif-schema-2.1.0.json")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)
