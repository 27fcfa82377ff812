"""Names of a module that are Flask's request, when the project hands it on."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.request_names import (
    confirmed_request,
    reading_requests,
    request_candidates,
)
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str, relpath: str = "shop/views.py") -> FileContext:
    parsed = parse_source(textwrap.dedent(source), relpath)
    assert isinstance(parsed, ParsedPython)
    return make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset({"shop"}), ()))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "from shop.common import request\nrequest.args",
            {"request": "shop.common.request"},
            id="own-package",
        ),
        pytest.param(
            "from .common import request as shop_request",
            {"shop_request": "shop.common.request"},
            id="relative-and-renamed",
        ),
        pytest.param("from flask import request", {}, id="flask-itself"),
        pytest.param("from urllib import request", {}, id="library-module"),
        pytest.param(
            "from shop.http import request\nrequest('GET', '/')", {}, id="called-function"
        ),
        pytest.param("from shop.log import request_count", {}, id="other-name"),
    ],
)
def test_request_candidates(source: str, expected: dict[str, str]) -> None:
    assert request_candidates(_context(source)) == expected


def test_reading_requests_resolves_candidates_as_flask() -> None:
    ctx = _context("from shop.common import request\nrequest.headers")
    read = reading_requests(ctx, request_candidates(ctx))
    attribute = read.tree.body[1].value  # type: ignore[attr-defined]
    assert read.qualified(attribute) == "flask.request.headers"
    assert ctx.qualified(attribute) == "shop.common.request.headers"


_PROXY = """
    import flask
    from werkzeug.local import LocalProxy

    class ShopRequest(LocalProxy):
        pass

    def _get_request():
        '''The current request.'''
        return flask.request

    request = ShopRequest(_get_request)
    """


@pytest.mark.parametrize(
    ("candidate", "imports", "module_source", "expected"),
    [
        pytest.param(
            "shop.common.request",
            {"shop.common": {"request": "flask.request"}},
            None,
            True,
            id="re-exported",
        ),
        pytest.param(
            "shop.toolkit.request",
            {"shop.toolkit": {"request": "shop.common.request"}, "shop.common": {}},
            _PROXY,
            True,
            id="proxy-through-second-module",
        ),
        pytest.param(
            "shop.common.request",
            {"shop.common": {}},
            "request = make_request()\n",
            False,
            id="other-object",
        ),
        pytest.param(
            "shop.utils.request",
            {"shop.utils": {}, "shop.utils.request": {}},
            None,
            False,
            id="project-module",
        ),
        pytest.param("other.common.request", {}, None, False, id="not-the-projects"),
    ],
)
def test_confirmed_request(
    candidate: str, imports: dict[str, dict[str, str]], module_source: str | None, expected: bool
) -> None:
    def read_module(module: str) -> FileContext | None:
        if module_source is None:
            return None
        return _context(module_source, module.replace(".", "/") + ".py")

    assert confirmed_request(candidate, imports, read_module) is expected
