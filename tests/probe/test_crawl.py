"""What the crawl visits: robots.txt, routes, scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.live_apps.harness import serve
from webwarden.probe.client import Limits
from webwarden.probe.crawl import CrawlPlan, allowed_origins, crawl

FAST = Limits(rate=1000, timeout=3)


@pytest.mark.parametrize(
    ("target", "http_port", "origins"),
    [
        pytest.param(
            "https://a.example/",
            None,
            {"https://a.example:443", "http://a.example:80"},
            id="https-443",
        ),
        pytest.param(
            "https://a.example:8443/", None, {"https://a.example:8443"}, id="https-other-port"
        ),
        pytest.param(
            "https://a.example:8443/",
            8080,
            {"https://a.example:8443", "http://a.example:8080"},
            id="http-port",
        ),
        pytest.param(
            "http://a.example/",
            None,
            {"http://a.example:80", "https://a.example:443"},
            id="http-80",
        ),
        pytest.param(
            "http://a.example:8000/", None, {"http://a.example:8000"}, id="http-other-port"
        ),
    ],
)
def test_allowed_origins(target: str, http_port: int | None, origins: set[str]) -> None:
    assert allowed_origins(target, http_port) == origins


@pytest.mark.live
def test_robots_txt_is_honoured_for_crawled_links(tmp_path: Path) -> None:
    (tmp_path / "robots.txt").write_text("User-agent: *\nDisallow: /report\n")
    with serve("flask_insecure", tmp_path) as server:
        record = crawl(server.url, FAST, CrawlPlan())
        log = server.log.read_text()
    assert record.disallowed == [server.url + "report"]
    assert "GET /report" not in log
    assert "GET /contact" in log


@pytest.mark.live
@pytest.mark.parametrize(
    ("max_pages", "visited"),
    [pytest.param(1, False, id="capped"), pytest.param(20, True, id="visited")],
)
def test_route_paths_are_visited_within_max_pages(
    max_pages: int, visited: bool, tmp_path: Path
) -> None:
    with serve("django_insecure", tmp_path) as server:
        plan = CrawlPlan(max_pages=max_pages, route_paths=("/archive/1/",))
        record = crawl(server.url, FAST, plan)
    pages = [page.url for page in record.pages]
    assert (server.url + "archive/1/" in pages) is visited
    assert len(pages) <= max_pages + 1, (
        "the start page plus at most max-pages - 1 more, plus checks"
    )


@pytest.mark.live
def test_endless_redirects_stop_after_five(tmp_path: Path) -> None:
    with serve("misbehaving_redirect_loop", tmp_path) as server:
        record = crawl(server.url + "chain/0", FAST, CrawlPlan())
    assert [f.reason for f in record.failures] == ["more than 5 redirects"]
    assert [e.path for e in record.exchanges[:7]] == [
        "/robots.txt",
        *(f"/chain/{n}" for n in range(6)),
    ]


@pytest.mark.live
def test_not_found_check_follows_slash_redirects(tmp_path: Path) -> None:
    with serve("flask_catch_all", tmp_path) as server:
        record = crawl(server.url, FAST, CrawlPlan())
    not_found = [e for e in record.exchanges if e.path.startswith("/webwarden-probe-not-found")]
    assert [e.status for e in not_found] == [308, 404]


@pytest.mark.live
def test_sibling_links_take_no_more_than_their_share(tmp_path: Path) -> None:
    with serve("flask_catch_all", tmp_path) as server:
        record = crawl(server.url, FAST, CrawlPlan())
        log = server.log.read_text()
    assert {"/demo/", "/help"} <= {page.path for page in record.pages}, "only /lang/ visited"
    assert log.count('"GET / HTTP') == 2, "the start page and the CORS check, no refetch"
