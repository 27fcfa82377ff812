"""itsdangerous serializers a module makes, and the tokens a request sent it loads."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.signed_tokens import SignedTokenFacts, extract_signed_tokens


def _facts(source: str, module: str = "app.tokens") -> SignedTokenFacts | None:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    path = module.replace(".", "/") + ".py"
    ctx = FileContext(path, module, tuple(text.splitlines()), tree, NameResolver(tree, module))
    return extract_signed_tokens(ctx)


def test_helpers_and_module_names_making_serializers() -> None:
    facts = _facts(
        """
        from itsdangerous import Serializer, URLSafeTimedSerializer
        links = URLSafeTimedSerializer("k")
        def plain():
            made = Serializer("k")
            return made
        def other():
            return dict()
        """
    )
    assert facts is not None
    assert dict(facts.makers) == {
        "links": "itsdangerous.URLSafeTimedSerializer",
        "plain": "itsdangerous.Serializer",
    }


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            from flask import request
            from app.signing import make
            def view():
                return make().loads(request.json["token"])
            """,
            [("app.signing.make", False)],
            id="helper-result",
        ),
        pytest.param(
            """
            from flask import request
            from app.signing import links
            def view():
                token = request.args.get("t")
                return links.loads(token, max_age=60)
            """,
            [("app.signing.links", True)],
            id="imported-object-with-max-age",
        ),
        pytest.param(
            """
            from app.signing import links
            @bp.route("/invite/<token>")
            def view(token):
                return links.loads(token, max_age=None)
            """,
            [("app.signing.links", False)],
            id="url-parameter-max-age-none",
        ),
        pytest.param(
            """
            from app.signing import links
            def helper(token):
                return links.loads(token)
            """,
            [],
            id="parameter-of-no-view",
        ),
    ],
)
def test_loads_of_sent_tokens(source: str, expected: list[tuple[str, bool]]) -> None:
    facts = _facts(source, "app.views")
    found = [(load.serializer, load.max_age) for load in facts.loads] if facts else []
    assert found == expected


def test_signed_cookie_reads_of_a_views_request() -> None:
    facts = _facts(
        """
        def consent(request):
            return request.get_signed_cookie("handoff", salt="handoff")

        def grant(request):
            return request.get_signed_cookie("handoff", None, "handoff", 1800)

        class Grant:
            def get(self, request):
                return self.request.get_signed_cookie("handoff", max_age=60)

        def theme(store):
            return store.get_signed_cookie("theme")
        """,
        "portal.views",
    )
    assert facts is not None
    assert [(load.line, load.serializer, load.max_age) for load in facts.loads] == [
        (3, "request.get_signed_cookie", False),
        (6, "request.get_signed_cookie", True),
        (10, "request.get_signed_cookie", True),
    ]
