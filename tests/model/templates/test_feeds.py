"""Where a value of a view comes from the request, as the local feeds tell."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.extract_renders import scope_feeds
from webwarden.model.templates.feeds import BODY_TYPE_SAFE, read_parameter
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


_CHECK_IMPORT = "from django.utils.http import url_has_allowed_host_and_scheme as ok\n"


def _returned_in_module(body: str) -> frozenset[str] | None:
    """`_returned`, with Django's URL check imported as `ok` in the module."""
    source = _CHECK_IMPORT + f"def view(request):\n{textwrap.indent(textwrap.dedent(body), '    ')}"
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
        pytest.param('url = request.GET["next"]\nif ok(url, None):\n    return url', id="test"),
        pytest.param(
            'url = request.GET["next"]\nif url and ok(url=url, allowed_hosts=None):\n    return url',
            id="conjunct-keyword",
        ),
        pytest.param(
            'url = request.GET["next"]\nsafe = ok(url, None)\nif url and safe:\n    return url',
            id="local",
        ),
    ],
)
def test_a_value_returned_where_the_url_check_passed_is_safe_for_urls(body: str) -> None:
    assert _returned_in_module(body) == frozenset({"redirect", "url"})


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('url = request.GET["next"]\nif not ok(url, None):\n    return url', id="not"),
        pytest.param(
            'url = request.GET["next"]\nif url or ok(url, None):\n    return url', id="or"
        ),
        pytest.param(
            'url = request.GET["next"]\nother = request.GET["o"]\nif ok(other, None):\n'
            "    return url",
            id="other-value",
        ),
        pytest.param(
            'url = request.GET["next"]\nif ok(url, None):\n    pass\nreturn url', id="after"
        ),
    ],
)
def test_a_value_not_so_checked_is_not(body: str) -> None:
    assert _returned_in_module(body) == frozenset()


@pytest.mark.parametrize(
    ("body", "traced"),
    [
        pytest.param(
            'policy = request.GET["id"]\npolicy = Policy.objects.get(id=policy)\nreturn policy',
            False,
            id="replaced-by-the-row",
        ),
        pytest.param(
            'back = request.GET["back"]\nif not back:\n    back = "/"\nreturn back',
            True,
            id="replaced-only-in-a-branch",
        ),
        pytest.param(
            'back = "/"\nif request.GET:\n    back = request.GET["back"]\nreturn back',
            True,
            id="request-data-in-a-later-branch",
        ),
        pytest.param(
            'back = request.GET["back"]\nreturn back\nback = "/"',
            True,
            id="replaced-after-the-use",
        ),
    ],
)
def test_a_local_the_body_assigns_anew_holds_the_new_value(body: str, traced: bool) -> None:
    assert (_returned(body) is not None) is traced


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("URL parameter `slug`", "slug", id="function-view"),
        pytest.param("URL parameter `self.kwargs['slug']`", "slug", id="kwargs-item"),
        pytest.param('URL parameter `self.kwargs.get("slug", "")`', "slug", id="kwargs-get"),
        pytest.param("URL parameter `self.kwargs[key]`", "self.kwargs[key]", id="variable-key"),
        pytest.param("`request.GET['q']`", None, id="not-a-parameter"),
    ],
)
def test_read_parameter_names_the_url_parameter(source: str, expected: str | None) -> None:
    assert read_parameter(source) == expected


_REVERSE_IMPORT = "from django.urls import reverse\n"


def _returned_after_reverse(body: str) -> frozenset[str] | None:
    """`_returned`, with Django's `reverse` imported in the module."""
    source = (
        _REVERSE_IMPORT + f"def view(request):\n{textwrap.indent(textwrap.dedent(body), '    ')}"
    )
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
        pytest.param('return reverse("pick") + "?ids=" + request.GET["ids"]', id="reverse-query"),
        pytest.param("return f\"{reverse('pick')}?ids={request.GET['ids']}\"", id="f-string"),
        pytest.param('url = reverse("pick")\nreturn url + "&x=" + request.GET["x"]', id="local"),
        pytest.param("return f\"/items/{request.GET['id']}/\"", id="local-path"),
        pytest.param('return "?page=" + request.GET["page"]', id="query-alone"),
    ],
)
def test_data_after_a_closed_start_is_safe_for_urls(body: str) -> None:
    assert _returned_after_reverse(body) == frozenset({"url", "redirect"})


@pytest.mark.parametrize(
    "body",
    [
        pytest.param('return reverse("index") + request.GET["rest"]', id="after-bare-path"),
        pytest.param('return request.GET["base"] + reverse("pick")', id="data-first"),
        pytest.param("return f\"/{request.GET['host']}\"", id="root-slash"),
        pytest.param('url = pick()\nreturn url + "?x=" + request.GET["x"]', id="unknown-local"),
    ],
)
def test_data_after_an_open_start_is_not(body: str) -> None:
    assert _returned_after_reverse(body) == frozenset()
