"""URL-decoding variants, paths and routes, masking addresses."""

from __future__ import annotations

import pytest

from webwarden.logs.decode import mask_client, mask_line, path_of, printable, route_of, variants


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("/Search?q=Blue+Shoes", ("/search?q=blue shoes",), id="plain-plus-is-space"),
        pytest.param("/a%27b", ("/a%27b", "/a'b"), id="once"),
        pytest.param("/a%2527b", ("/a%2527b", "/a%27b", "/a'b"), id="twice"),
        pytest.param("/a%25zz", ("/a%25zz", "/a%zz"), id="second-decode-changes-nothing"),
        pytest.param("/%7euser", ("/%7euser", "/~user"), id="lowered"),
        pytest.param("/q?a=\\x22b\\x22", ('/q?a="b"',), id="nginx-escapes"),
        pytest.param("/%c0%ae", ("/%c0%ae", "/\ufffd\ufffd"), id="overlong-kept-raw"),
    ],
)
def test_variants(text: str, expected: tuple[str, ...]) -> None:
    assert variants(text) == expected


def test_paths_and_routes() -> None:
    assert path_of("/Orders/42/?next=/x") == "/orders/42/"
    assert path_of("/a%2Fb") == "/a/b"
    assert route_of("/orders/42/items/9f1c3a5b2c4d6e8f9a0b1c2d/") == "/orders/{id}/items/{id}/"
    assert route_of("/u/123e4567-e89b-12d3-a456-426614174000") == "/u/{id}"
    assert route_of("/v2/products") == "/v2/products"


def test_masking() -> None:
    assert mask_client("203.0.113.57") == "203.0.113.x"
    assert mask_client("2001:db8:85a3::8a2e:370:7334") == "2001:db8:85a3:x"
    assert mask_client("::ffff:10.1.2.3") == "10.1.2.x"
    assert mask_client("proxy.internal") == "prx"
    assert mask_client("a") == "x"
    line = '2001:db8::1 - - "GET /?ip=10.0.0.1 HTTP/1.1" "Chrome/120.0.6099.109"'
    assert (
        mask_line(line, "2001:db8::1")
        == '2001:db8:0:x - - "GET /?ip=10.0.0.x HTTP/1.1" "Chrome/120.0.6099.109"'
    )
    assert mask_line("nothing here", None) == "nothing here"


def test_printable() -> None:
    assert printable("a\nb`c") == "a\\x0ab\\x60c"
    assert printable("x" * 100, limit=10) == "x" * 9 + "…"
