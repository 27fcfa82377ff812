"""What OAuth servers' answers carry of the request they were handed."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.oauth_requests import server_answer
from webwarden.analysis.taint.values import Label, Origin, Trace, Value, reaching

_SENT = Value({Label(Origin("source", "request.POST")): Trace(())})
_NODE = ir.Const(None)


def _header_safe(value: Value | None) -> bool:
    return value is not None and not reaching(value.whole(), "header")


@pytest.mark.parametrize(
    ("first", "headers", "body"),
    [
        # NOTE: OAuthLib's `server.create_token_response(uri, method, body, headers)`.
        pytest.param(_SENT, "#0", "#1", id="oauthlib-server"),
        # NOTE: Django OAuth Toolkit's `self.create_token_response(request)`.
        pytest.param(Value(_SENT.taint, kind="<request>"), "#1", "#2", id="django-oauth-toolkit"),
    ],
)
def test_server_answer_headers_are_the_servers(first: Value, headers: str, body: str) -> None:
    answer = server_answer([(_NODE, first)], [], Value())
    assert _header_safe(answer.part(headers))
    assert not _header_safe(answer.part(body))


def test_django_oauth_toolkit_uri_is_the_location() -> None:
    answer = server_answer([(_NODE, Value(_SENT.taint, kind="<request>"))], [], Value())
    assert _header_safe(answer.part("#0"))


def test_django_oauth_toolkit_body_is_json_not_a_page() -> None:
    answer = server_answer([(_NODE, Value(_SENT.taint, kind="<request>"))], [], Value())
    body = answer.part("#2")
    assert body is not None
    assert not reaching(body.whole(), "html")
    assert reaching(body.whole(), "sql")
