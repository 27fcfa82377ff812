"""Responses whose content type a function sets after making them."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.response_types import (
    TYPED,
    all_local_assignments,
    headers_type,
    local_assignments,
    makes_response,
    own_nodes,
    typed_responses,
)


def _typed(source: str) -> dict[str, str]:
    return dict(typed_responses(own_nodes(ast.parse(textwrap.dedent(source)).body)))


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


@pytest.mark.parametrize(
    ("callee", "expected"),
    [
        pytest.param("flask.make_response", True, id="make-response"),
        pytest.param("django.http.HttpResponse", True, id="django-response"),
        pytest.param("app.responses.HttpResponseUnauthorized", True, id="project-django-named"),
        pytest.param("app.responses.PageResponse", True, id="project-flask-named"),
        pytest.param("app.helpers.render_page", False, id="other-call"),
        pytest.param(None, False, id="no-name"),
    ],
)
def test_makes_response(callee: str | None, expected: bool) -> None:
    assert makes_response(callee) is expected


def _headers_type(call: str, callee: str = "flask.Response") -> object:
    node = ast.parse(call, mode="eval").body
    assert isinstance(node, ast.Call)
    found = headers_type(node, callee)
    return found.value if isinstance(found, ast.Constant) else found


@pytest.mark.parametrize(
    ("call", "callee"),
    [
        pytest.param(
            'Response(response=a["data"], headers=a["headers"])', "flask.Response", id="items"
        ),
        pytest.param(
            "Response(reply.content, 200, reply.headers)", "flask.Response", id="positional"
        ),
        pytest.param(
            "HttpResponse(content=reply.text, headers=reply.headers)",
            "django.http.HttpResponse",
            id="django",
        ),
    ],
)
def test_an_answer_relayed_with_its_own_headers_is_typed(call: str, callee: str) -> None:
    assert _headers_type(call, callee) == TYPED.value


@pytest.mark.parametrize(
    "call",
    [
        pytest.param('Response(page["data"], headers=meta["headers"])', id="another-answer"),
        pytest.param('Response(a["data"], headers=a["extra"])', id="not-its-headers"),
        pytest.param("Response(body, headers=reply.headers)", id="body-of-the-code"),
        pytest.param('Response(a["data"], headers={"X-Trace": "1"})', id="display"),
    ],
)
def test_other_headers_give_no_type(call: str) -> None:
    assert _headers_type(call) is None


_BINDINGS = """
a = b = 1
c = 2
c = 3
d = 4
d += 1
e, f = 5, 6
for g in range(3):
    h = g
with open(p) as i:
    pass
del j
k = k = 7
def nested():
    c = 8
    m = 9
lambda: (n := 1)
"""


def test_all_local_assignments_is_local_assignments_of_each_name() -> None:
    body = ast.parse(_BINDINGS).body
    nodes = own_nodes(body)
    every = all_local_assignments(nodes)
    for name in "abcdefghijklmnopq":
        assert every.get(name, []) == local_assignments(name, body), name
    assert [len(every[name] or ()) for name in "abc"] == [1, 1, 2]
    assert every["d"] is None
    assert "m" not in every
