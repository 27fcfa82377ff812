from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.deps.osv_server import OsvServer
from webwarden.deps.cache import DiskCache
from webwarden.deps.outdated import PackageIndex


@pytest.mark.live
def test_newest_versions_cached_for_a_day(osv_server: OsvServer, tmp_path: Path) -> None:
    index = PackageIndex(osv_server.url, tmp_path)
    assert index.latest_many(["django", "flask", "private-package"]) == (
        {"django": "5.1.2", "flask": "3.0.3"},
        "",
    )
    count = len(osv_server.requests)
    offline = PackageIndex(osv_server.url, tmp_path, offline=True)
    assert offline.latest_many(["django"]) == ({"django": "5.1.2"}, "")
    assert len(osv_server.requests) == count


def test_offline_without_cache(tmp_path: Path) -> None:
    index = PackageIndex("http://127.0.0.1:9", tmp_path, offline=True)
    assert index.latest_many(["django"]) == (
        {},
        "offline: newest versions are known only for packages cached earlier",
    )


@pytest.mark.live
@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        pytest.param("hang", "did not answer within 0.3 s", id="hang"),
        pytest.param("error", "answered HTTP 500", id="error"),
        pytest.param("not-json", "unexpected answer for django", id="not-json"),
    ],
)
def test_index_failures_stop_after_the_first(
    osv_server: OsvServer, tmp_path: Path, mode: str, reason: str
) -> None:
    osv_server.mode = mode
    started = time.monotonic()
    found, failure = PackageIndex(osv_server.url, tmp_path, timeout=0.3).latest_many(
        ["django", "flask"]
    )
    assert time.monotonic() - started < 3
    assert found == {}
    assert failure == f"package index {osv_server.url} {reason}" or failure.endswith(reason)
    assert len(osv_server.requests) == 1


def test_unreachable_index(tmp_path: Path) -> None:
    found, failure = PackageIndex("http://127.0.0.1:9", None, timeout=2).latest_many(["django"])
    assert found == {}
    assert "is unreachable" in failure


def test_disk_cache_survives_bad_entries(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = DiskCache(tmp_path)
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    assert cache.get("bad", None) is None
    assert cache.get("missing", None) is None
    cache.put("nested/key", [1, 2])
    assert cache.get("nested/key", 60) == [1, 2]
    assert cache.get("nested/key", -1) is None
    blocked = DiskCache(tmp_path / "bad.json")
    blocked.put("x", 1)
    assert blocked.get("x", None) is None
    assert DiskCache(None).get("x", None) is None
    DiskCache(None).put("x", 1)
    assert "going on without it" in caplog.text
