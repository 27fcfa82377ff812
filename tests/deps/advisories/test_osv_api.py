from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.deps.osv_server import OsvServer
from webwarden.deps.advisories.interface import AdvisoryServiceError
from webwarden.deps.advisories.local_store import LocalStore
from webwarden.deps.advisories.osv_api import OsvApi

PACKAGES = ["django", "flask", "jinja2", "werkzeug", "redis", "no-such-package"]


def _ids(found: dict[str, list]) -> dict[str, list[str]]:
    return {name: sorted(a.id for a in advisories) for name, advisories in found.items()}


@pytest.mark.live
def test_answers_like_the_local_store(
    osv_server: OsvServer, pypa_store: Path, tmp_path: Path
) -> None:
    api = OsvApi(osv_server.url, tmp_path)
    online = api.query_many(PACKAGES)
    api.close()
    assert _ids(online) == _ids(LocalStore(pypa_store).query_many(PACKAGES))
    assert osv_server.requests[0] == "POST /v1/querybatch"
    # One batch query, then one GET per distinct record (withdrawn ones fetched, dropped).
    assert sum(r.startswith("POST") for r in osv_server.requests) == 1


@pytest.mark.live
def test_disk_cache_avoids_requests_and_follows_modified(
    osv_server: OsvServer, tmp_path: Path
) -> None:
    first = OsvApi(osv_server.url, tmp_path).query_many(["flask"])
    count = len(osv_server.requests)
    assert count == 1 + 3
    again = OsvApi(osv_server.url, tmp_path).query_many(["flask"])
    assert _ids(again) == _ids(first)
    assert len(osv_server.requests) == count, "a second run is answered from the cache"
    # A record whose `modified` changed is fetched again once the id list expires.
    record = osv_server.data.records["PYSEC-2023-62"]
    old = record["modified"]
    record["modified"] = "2099-01-01T00:00:00Z"
    try:
        OsvApi(osv_server.url, tmp_path, query_ttl=0).query_many(["flask"])
    finally:
        record["modified"] = old
    assert osv_server.requests[count:] == ["POST /v1/querybatch", "GET /v1/vulns/PYSEC-2023-62"]


@pytest.mark.live
def test_pagination(osv_server: OsvServer, tmp_path: Path) -> None:
    osv_server.page_size = 10
    found = OsvApi(osv_server.url, tmp_path).query_many(["django", "flask"])
    assert len(found["django"]) == 116
    assert len(found["flask"]) == 3
    batches = [r for r in osv_server.requests if r.startswith("POST")]
    assert len(batches) == 12


@pytest.mark.live
def test_hanging_server_is_bounded_by_the_timeout(osv_server: OsvServer, tmp_path: Path) -> None:
    osv_server.mode = "hang"
    started = time.monotonic()
    with pytest.raises(AdvisoryServiceError, match=r"did not answer within 0.3 s"):
        OsvApi(osv_server.url, tmp_path, timeout=0.3).query_many(["flask"])
    assert time.monotonic() - started < 3


@pytest.mark.live
def test_deadline_bounds_the_whole_query(osv_server: OsvServer, tmp_path: Path) -> None:
    api = OsvApi(osv_server.url, None, timeout=5, deadline=0.000001)
    with pytest.raises(AdvisoryServiceError, match="no complete answer within"):
        api.query_many(["flask"])


@pytest.mark.live
def test_server_errors(osv_server: OsvServer, tmp_path: Path) -> None:
    osv_server.mode = "error"
    with pytest.raises(AdvisoryServiceError, match=r"answered HTTP 500 to POST /v1/querybatch"):
        OsvApi(osv_server.url, tmp_path).query("flask")


def test_unreachable_server(tmp_path: Path) -> None:
    with pytest.raises(AdvisoryServiceError, match="is unreachable"):
        OsvApi("http://127.0.0.1:9", tmp_path, timeout=2).query("flask")


@pytest.mark.live
@pytest.mark.parametrize(
    ("mode", "error"),
    [
        pytest.param("empty", "unexpected querybatch answer", id="empty"),
        pytest.param("not-json", "answer is not JSON", id="not-json"),
    ],
)
def test_unusable_answers(osv_server: OsvServer, tmp_path: Path, mode: str, error: str) -> None:
    osv_server.mode = mode
    with pytest.raises(AdvisoryServiceError, match=error):
        OsvApi(osv_server.url, tmp_path).query_many(["flask"])


@pytest.mark.live
def test_unknown_record(osv_server: OsvServer, tmp_path: Path) -> None:
    api = OsvApi(osv_server.url, tmp_path)
    api._started = time.monotonic()
    with pytest.raises(AdvisoryServiceError, match="answered HTTP 404"):
        api._record("NO-SUCH-ID", "")
