from __future__ import annotations

from pathlib import Path

import pytest

from webwarden.config import Config
from webwarden.deps.options import (
    DepsOptions,
    cache_dir,
    deps_options,
    parse_deps_table,
    with_deps,
)
from webwarden.errors import ConfigError


def test_table_values_and_relative_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBWARDEN_OFFLINE")
    options = parse_deps_table(
        {
            "db": "data/advisories",
            "python-version": "3.9",
            "platform": "win32",
            "timeout": 2,
            "stale-days": 7,
            "outdated": True,
            "cache-dir": "/abs/cache",
        },
        base=tmp_path,
    )
    assert options == DepsOptions(
        db=tmp_path / "data" / "advisories",
        python_version="3.9",
        platform="win32",
        timeout=2.0,
        stale_days=7,
        outdated=True,
        cache_dir=Path("/abs/cache"),
    )


def test_offline_environment_variable_wins() -> None:
    assert parse_deps_table({"offline": False}).offline is True


@pytest.mark.parametrize(
    ("table", "error"),
    [
        pytest.param({"ofline": True}, "unknown key `deps.ofline`", id="unknown"),
        pytest.param({"offline": "yes"}, "`deps.offline` must be true or false", id="bool"),
        pytest.param({"timeout": 0}, "`deps.timeout` must be a positive number", id="number"),
        pytest.param({"timeout": True}, "`deps.timeout` must be a positive number", id="bool-num"),
        pytest.param({"db": ""}, "`deps.db` must be a string", id="empty-path"),
        pytest.param({"python-version": "2.7"}, "must look like 3.12", id="python-version"),
    ],
)
def test_invalid_values_name_the_key(table: dict[str, object], error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        parse_deps_table(table)


def test_command_line_keys_lie_over_the_file() -> None:
    config = Config(extra={"deps": {"stale-days": 9, "offline": True}})
    merged = with_deps(config, {"stale-days": 3})
    assert merged.extra["deps"] == {"stale-days": 3, "offline": True}
    assert deps_options(merged).stale_days == 3
    with pytest.raises(ConfigError, match="`deps` must be a table"):
        deps_options(Config(extra={"deps": 5}))


def test_cache_dir_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WEBWARDEN_CACHE_DIR")
    assert cache_dir().name == "webwarden"
