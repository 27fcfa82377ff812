"""The bounded client: one target, a budget, a rate, refusals."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.live_apps.harness import LiveServer, TlsFiles, serve
from webwarden.errors import ProbeError
from webwarden.probe.client import USER_AGENT, BudgetExhausted, Limits, ProbeClient, origin_of
from webwarden.probe.exchange import Exchange, Failure


@pytest.fixture(scope="module")
def flask_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with serve("flask_insecure", tmp_path_factory.mktemp("client")) as server:
        yield server


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        pytest.param("http://Example.com/x", "http://example.com:80", id="default-http"),
        pytest.param("https://example.com:8443", "https://example.com:8443", id="port"),
        pytest.param("https://[::1]/", "https://[::1]:443", id="ipv6"),
    ],
)
def test_origin_of(url: str, origin: str) -> None:
    assert origin_of(url) == origin


@pytest.mark.parametrize(
    ("url", "error"),
    [
        pytest.param("ftp://example.com/", "not an http", id="scheme"),
        pytest.param("http:///path", "not an http", id="no-host"),
        pytest.param("http://example.com:99999/", "invalid port", id="port"),
    ],
)
def test_origin_of_rejects(url: str, error: str) -> None:
    with pytest.raises(ProbeError, match=error):
        origin_of(url)


@pytest.mark.live
def test_refuses_other_hosts_and_methods_and_counts_the_budget(flask_app: LiveServer) -> None:
    origin = origin_of(flask_app.url)
    with ProbeClient({origin}, Limits(budget=2, rate=1000)) as client:
        with pytest.raises(ProbeError, match="outside the target"):
            client.fetch("GET", "http://localhost:1/")
        with pytest.raises(ProbeError, match="refusing to send a DELETE"):
            client.fetch("DELETE", flask_app.url)
        first = client.fetch("GET", flask_app.url)
        assert isinstance(first, Exchange)
        assert first.status == 200
        assert client.remaining == 1
        client.fetch("GET", flask_app.url)
        with pytest.raises(BudgetExhausted):
            client.fetch("GET", flask_app.url)
    assert '"GET / HTTP/1.1" 200' in flask_app.log.read_text()


@pytest.mark.live
def test_rate_limit_spaces_requests(flask_app: LiveServer) -> None:
    with ProbeClient({origin_of(flask_app.url)}, Limits(rate=20)) as client:
        started = time.monotonic()
        for _ in range(5):
            client.fetch("GET", flask_app.url + "robots.txt")
        assert time.monotonic() - started >= 4 / 20


@pytest.mark.live
def test_user_agent_names_webwarden(flask_app: LiveServer) -> None:
    with ProbeClient({origin_of(flask_app.url)}, Limits(rate=1000)) as client:
        result = client.fetch("POST", flask_app.url + "contact", form={"email": "x"})
    assert isinstance(result, Exchange)
    assert result.request_body == "email=x"
    assert USER_AGENT.startswith("webwarden/")


def test_unknown_ca_bundle_is_a_clear_error(tmp_path: Path) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not a certificate")
    with pytest.raises(ProbeError, match="cannot load CA bundle"):
        ProbeClient({"https://example.com:443"}, Limits(), ca_bundle=str(bundle))


@pytest.mark.live
def test_tls_spoken_to_a_plain_port_is_a_failure(flask_app: LiveServer) -> None:
    url = flask_app.url.replace("http://", "https://")
    with ProbeClient({origin_of(url)}, Limits(rate=1000, timeout=2)) as client:
        result = client.fetch("GET", url)
    assert isinstance(result, Failure)
    assert result.reason.startswith("cannot connect")


@pytest.mark.live
def test_tls_details_are_recorded(tmp_path: Path, tls: TlsFiles) -> None:
    with serve("flask_hardened", tmp_path, tls=tls) as server:
        origins = {origin_of(server.url)}
        with ProbeClient(origins, Limits(rate=1000), ca_bundle=str(tls.ca)) as client:
            trusted = client.fetch("GET", server.url)
        with ProbeClient(origins, Limits(rate=1000)) as client:
            untrusted = client.fetch("GET", server.url)
            assert client.sent == 2, "the failed verification costs one request of the budget"
    assert isinstance(trusted, Exchange)
    assert trusted.tls is not None
    assert trusted.tls.verified
    assert trusted.tls.version.startswith("TLSv1.")
    assert trusted.tls.not_after is not None
    assert trusted.tls.not_after > datetime.now(UTC) + timedelta(days=30)
    assert isinstance(untrusted, Exchange)
    assert untrusted.tls is not None
    assert not untrusted.tls.verified
    assert untrusted.tls.error == "unable to get local issuer certificate"
