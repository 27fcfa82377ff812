"""Which `if` statements refuse a request whose parameter does not match a value kept in
its session (`session_nonce.refuses_unmatched`), wherever they stand in a view."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.session_nonce import refuses_unmatched
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _refusals(source: str) -> list[int]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "app/views.py", "app.views", tuple(text.splitlines()), tree, NameResolver(tree, "app.views")
    )
    view = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    return [
        node.lineno
        for node in ast.walk(view)
        if isinstance(node, ast.If) and refuses_unmatched(ctx, node, view.body)
    ]


@pytest.mark.parametrize(
    ("source", "lines"),
    [
        pytest.param(
            """
            def add(request):
                if "key" in request.GET:
                    state = request.session.pop("pushover")
                    if request.GET.get("state") != state:
                        return HttpResponseForbidden()
            """,
            [5],
            id="nested-in-a-branch",
        ),
        pytest.param(
            """
            def add(request):
                if not compare_digest(request.GET["state"], request.session["state"]):
                    raise PermissionDenied
            """,
            [],
            id="compare-digest-unimported",
        ),
        pytest.param(
            """
            from hmac import compare_digest

            def add(request):
                if not compare_digest(request.GET["state"], request.session["state"]):
                    raise PermissionDenied
            """,
            [5],
            id="compare-digest",
        ),
        pytest.param(
            """
            def add(request):
                if request.GET.get("state") != request.GET.get("expected"):
                    return HttpResponseForbidden()
            """,
            [],
            id="both-from-the-query-string",
        ),
        pytest.param(
            """
            def add(request):
                state = request.session.get("state")
                if request.GET.get("state") != state:
                    log("mismatch")
            """,
            [],
            id="no-refusal",
        ),
    ],
)
def test_refuses_unmatched(source: str, lines: list[int]) -> None:
    assert _refusals(source) == lines
