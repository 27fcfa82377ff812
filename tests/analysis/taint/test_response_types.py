"""Responses whose content type a function sets after making them."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.response_types import TYPED, typed_responses


def _typed(source: str) -> dict[str, str]:
    return dict(typed_responses(ast.parse(textwrap.dedent(source)).body))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            for key, value in upstream.headers.items():
                response.headers[key] = value
            """,
            id="flask-loop",
        ),
        pytest.param(
            """
            for name, value in headers.items():
                response[name] = value
            """,
            id="django-loop",
        ),
        pytest.param("response.headers.update(upstream.headers)", id="update"),
        pytest.param("response.headers.extend(copied)", id="extend"),
    ],
)
def test_copied_headers_may_set_the_type(source: str) -> None:
    assert _typed(source) == {"response": TYPED.value}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            for key, value in extra.items():
                response.headers["X-" + key] = value
            """,
            id="key-of-its-own",
        ),
        pytest.param('response.headers.update({"X-Trace": "1"})', id="update-display"),
        pytest.param("rsp.headers.extend(pagination_headers(request))", id="helper-made"),
        pytest.param(
            """
            extra = {"X-Trace": "1"}
            for key, value in extra.items():
                response.headers[key] = value
            response.headers.update(extra)
            """,
            id="dict-built-here",
        ),
    ],
)
def test_headers_of_the_code_leave_it_html(source: str) -> None:
    assert _typed(source) == {}
