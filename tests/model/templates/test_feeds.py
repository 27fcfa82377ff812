"""Where a value of a view comes from the request, as the local feeds tell."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.extract_renders import scope_feeds
from webwarden.model.templates.feeds import BODY_TYPE_SAFE
from webwarden.parse.python import ParsedPython, parse_source


def _returned(body: str) -> frozenset[str] | None:
    """What the trail of the value `view` returns is safe for (None: no trail)."""
    source = f"def view(request):\n{textwrap.indent(textwrap.dedent(body), '    ')}"
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    returned = next(n for n in ast.walk(ctx.tree) if isinstance(n, ast.Return))
    assert returned.value is not None
    feeds, _ = scope_feeds(ctx, returned)
    trail = feeds.trail(returned.value)
    return None if trail is None else trail.safe_for


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('return request.META.get("CONTENT_TYPE")', id="meta-get"),
        pytest.param('return request.META["HTTP_CONTENT_TYPE"]', id="meta-item"),
        pytest.param('kind = request.headers.get("Content-Type", "")\nreturn kind', id="local"),
    ],
)
def test_the_request_body_type_is_safe_as_a_response_type(body: str) -> None:
    assert _returned(body) == BODY_TYPE_SAFE


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('return request.GET["content_type"]', id="query"),
        pytest.param('return request.headers.get("Content-Type", request.GET["t"])', id="default"),
        pytest.param('return request.META.get("HTTP_ACCEPT")', id="other-header"),
    ],
)
def test_other_request_data_is_not(body: str) -> None:
    assert _returned(body) == frozenset()
