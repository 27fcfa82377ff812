"""Decorators of views that change no one's authority."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.harmless_decorators import harmless_decorator
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _decorators(source: str) -> list[tuple[FileContext, ast.expr]]:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "views.py", "views", tuple(text.splitlines()), tree, NameResolver(tree, "views")
    )
    function = next(node for node in tree.body if isinstance(node, ast.FunctionDef))
    return [(ctx, decorator) for decorator in function.decorator_list]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            from tenacity import retry, stop_after_attempt
            @retry(stop=stop_after_attempt(5))
            def upload(request): ...
            """,
            id="tenacity-retry-called",
        ),
        pytest.param(
            """
            import tenacity
            @tenacity.retry
            def upload(request): ...
            """,
            id="tenacity-retry-bare",
        ),
        pytest.param(
            """
            import backoff
            @backoff.on_exception(backoff.expo, OSError, max_tries=3)
            def upload(request): ...
            """,
            id="backoff",
        ),
    ],
)
def test_a_retry_decorator_acts_as_no_one(source: str) -> None:
    assert all(harmless_decorator(ctx, d) for ctx, d in _decorators(source))


def test_a_projects_own_decorator_may_use_the_user() -> None:
    source = """
        from accounts.decorators import retry_as_owner
        @retry_as_owner
        def upload(request): ...
    """
    assert not any(harmless_decorator(ctx, d) for ctx, d in _decorators(source))
