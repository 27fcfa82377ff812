"""Reading recordings written as HTTP transcripts."""

from __future__ import annotations

import pytest

from webwarden.errors import ProbeError
from webwarden.probe.transcript import parse_transcript


def test_exchanges_notes_and_bodies() -> None:
    record = parse_transcript(
        "@unvisited: 2\n"
        "@off-origin: https://a.example/x -> https://b.example/\n"
        "@disallowed: https://a.example/admin https://a.example/private\n"
        "GET https://a.example/\n"
        "Origin: https://o.example\n"
        "@tls-expires: 2030-01-02T03:04:05\n"
        "@truncated: yes\n"
        "\n"
        "HTTP/1.1 200 OK\n"
        "Content-Type: text/html\n"
        "\n"
        "# a body line, not a comment\n"
        "<p>x</p>\n"
        "\n"
        "# a comment before the next request\n"
        "HEAD http://a.example/\n"
        "@failed: no answer\n"
    )
    assert record.target == "https://a.example/"
    assert record.unvisited == 2
    assert record.off_origin == [("https://a.example/x", "https://b.example/")]
    assert record.disallowed == ["https://a.example/admin", "https://a.example/private"]
    [exchange] = record.exchanges
    assert exchange.body == "# a body line, not a comment\n<p>x</p>"
    assert exchange.request_header("origin") == "https://o.example"
    assert exchange.truncated
    assert exchange.tls is not None
    assert exchange.tls.verified
    assert exchange.tls.not_after is not None
    assert exchange.tls.not_after.isoformat() == "2030-01-02T03:04:05+00:00"
    [failure] = record.failures
    assert (failure.method, failure.reason) == ("HEAD", "no answer")


def test_status_line_without_reason_and_no_body() -> None:
    record = parse_transcript("GET http://a.example/\n\nHTTP/2 204")
    [exchange] = record.exchanges
    assert (exchange.status, exchange.reason, exchange.body, exchange.tls) == (204, "", "", None)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param("HTTP/1.1 200 OK\n", "no request line", id="no-request"),
        pytest.param("GET http://a.example/\n\nnot a status\n", "status line", id="no-status"),
        pytest.param("GET http://a.example/\n", "status line", id="no-response"),
        pytest.param("GET http://a.example/\nno colon here\n", "Name: value", id="bad-header"),
    ],
)
def test_malformed_transcripts_name_the_problem(text: str, error: str) -> None:
    with pytest.raises(ProbeError, match=error):
        parse_transcript(text)
