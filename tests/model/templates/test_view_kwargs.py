"""The key a class-based view reads `self.kwargs` under, when its class names it."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.view_kwargs import settled_kwargs_read
from webwarden.parse.python import ParsedPython, parse_source


def _settled(source: str) -> str:
    """The read the method `get_context_data` returns, with its key settled."""
    parsed = parse_source(textwrap.dedent(source), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    returned = next(n for n in ast.walk(ctx.tree) if isinstance(n, ast.Return))
    assert returned.value is not None
    return ast.unparse(settled_kwargs_read(ctx, returned.value))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            class Edit(UpdateView):
                pk_url_kwarg = "noteId"
                def get_context_data(self, **kwargs):
                    return self.kwargs[self.pk_url_kwarg]
            """,
            "self.kwargs['noteId']",
            id="item",
        ),
        pytest.param(
            """
            class Edit(UpdateView):
                slug_url_kwarg: str = "owner"
                def get_context_data(self, **kwargs):
                    return self.kwargs.get(self.slug_url_kwarg, "")
            """,
            "self.kwargs.get('owner', '')",
            id="get-annotated",
        ),
    ],
)
def test_a_key_the_class_binds_to_a_literal_is_settled(source: str, expected: str) -> None:
    assert _settled(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            class Edit(UpdateView):
                def get_context_data(self, **kwargs):
                    return self.kwargs[self.pk_url_kwarg]
            """,
            id="inherited-setting",
        ),
        pytest.param(
            """
            class Edit(UpdateView):
                pk_url_kwarg = "noteId"
                def setup(self, request, *args, **kwargs):
                    self.pk_url_kwarg = request.GET["key"]
                def get_context_data(self, **kwargs):
                    return self.kwargs[self.pk_url_kwarg]
            """,
            id="set-on-instance",
        ),
        pytest.param(
            """
            class Edit(UpdateView):
                pk_url_kwarg = KEYS[0]
                def get_context_data(self, **kwargs):
                    return self.kwargs[self.pk_url_kwarg]
            """,
            id="not-a-literal",
        ),
        pytest.param(
            """
            pk_url_kwarg = "noteId"
            def view(self):
                return self.kwargs[self.pk_url_kwarg]
            """,
            id="no-class",
        ),
    ],
)
def test_other_keys_are_kept(source: str) -> None:
    assert _settled(source) == "self.kwargs[self.pk_url_kwarg]"
