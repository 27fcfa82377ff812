"""Modules that may hold Flask views without importing Flask themselves."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.view_modules import may_hold_views
from webwarden.parse.python import ParsedPython, parse_source


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            from shop.blueprints import bp

            @bp.route("/items")
            def items():
                return "items"
            """,
            True,
            id="route-on-imported-blueprint",
        ),
        pytest.param(
            """
            from shop.api import api

            @api.post("/items")
            async def add():
                return "added"
            """,
            True,
            id="method-route-on-imported-object",
        ),
        pytest.param(
            """
            from shop.common import request as shop_request

            def remove():
                return shop_request.form["item"]
            """,
            True,
            id="request-from-own-package",
        ),
        pytest.param(
            """
            from . import flask_request

            def remove():
                return flask_request.form["item"]
            """,
            True,
            id="request-by-relative-import",
        ),
        pytest.param(
            """
            from urllib import request

            def fetch(url):
                return request.urlopen(url)
            """,
            False,
            id="request-of-a-library",
        ),
        pytest.param(
            """
            from shop.log import request_count

            cache = {}

            @cache.get("x")
            def counted():
                return request_count()
            """,
            False,
            id="route-word-on-own-object-and-other-request-name",
        ),
    ],
)
def test_may_hold_views(source: str, expected: bool) -> None:
    parsed = parse_source(textwrap.dedent(source), "shop/views.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset({"shop"}), ())
    ctx = make_context("shop/views.py", parsed, plan)
    assert may_hold_views(ctx) is expected
