"""Decorators of the project that change nothing but the view or its response."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.response_decorators import extract_response_decorators
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _found(source: str) -> frozenset[str]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "decorators.py",
        "decorators",
        tuple(text.splitlines()),
        tree,
        NameResolver(tree, "decorators"),
    )
    return extract_response_decorators(ctx) or frozenset()


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def nocache(fn):
                def wrapper(request, *args, **kwargs):
                    resp = fn(request, *args, **kwargs)
                    resp["Cache-Control"] = "s-maxage=0"
                    return resp
                return wrapper
            """,
            id="header-on-response",
        ),
        pytest.param(
            """
            def params(*names):
                def mark(fn):
                    fn.params = names
                    return fn
                return mark
            """,
            id="mark-on-view-factory",
        ),
        pytest.param(
            """
            from collections import defaultdict
            def sources(what, source):
                def decorate(fn):
                    def wrapper(request, *args, **kwargs):
                        resp = fn(request, *args, **kwargs)
                        if not hasattr(resp, "extra"):
                            resp.extra = defaultdict(list)
                        resp.extra[what].append(source)
                        return resp
                    return wrapper
                return decorate
            """,
            id="container-on-response",
        ),
    ],
)
def test_changes_only_view_or_response(source: str) -> None:
    assert len(_found(source)) == 1


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def counted(fn):
                def wrapper(request, *args, **kwargs):
                    resp = fn(request, *args, **kwargs)
                    Hit.objects.create(path=request.path)
                    return resp
                return wrapper
            """,
            id="row-written",
        ),
        pytest.param(
            """
            def seen(fn):
                def wrapper(request, *args, **kwargs):
                    request.session["seen"] = True
                    return fn(request, *args, **kwargs)
                return wrapper
            """,
            id="session-written-before",
        ),
        pytest.param(
            """
            def tagged(fn):
                def wrapper(request, *args, **kwargs):
                    resp = fn(request, *args, **kwargs)
                    resp["X-Tag"] = store.next_tag()
                    return resp
                return wrapper
            """,
            id="call-of-unknown-function",
        ),
    ],
)
def test_other_decorators(source: str) -> None:
    assert not _found(source)
