"""Which decorators written as classes guard the views they wrap."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.class_decorators import decorating_call, guards_view

_DECORATOR = """\
class access:
    def __call__(self, function):
        def wrapper(request, *args, **kwargs):
{body}
        return wrapper
"""


def _guards(body: str) -> bool | None:
    source = _DECORATOR.format(body=textwrap.indent(textwrap.dedent(body), " " * 12))
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ClassDef)
    call = decorating_call(node)
    return None if call is None else guards_view(call)


@pytest.mark.parametrize(
    ("body", "guards"),
    [
        pytest.param(
            """\
            access = can_write(user=request.user)
            if access:
                return function(request, *args, **kwargs)
            return redirect("/")
            """,
            True,
            id="under-a-test-of-what-the-user-may-do",
        ),
        pytest.param(
            """\
            if not request.user.is_staff:
                raise PermissionDenied
            return function(request)
            """,
            True,
            id="after-a-refusal",
        ),
        pytest.param(
            """\
            if request.user.is_anonymous or not allowed:
                return redirect("/")
            return function(request)
            """,
            True,
            id="after-a-refusal-on-either-test",
        ),
        pytest.param(
            """\
            if self.strict and request.user.is_anonymous:
                return redirect("/")
            return function(request)
            """,
            False,
            id="refusal-behind-a-flag",
        ),
        pytest.param(
            """\
            if obj.public or request.user.is_staff:
                return function(request)
            return redirect("/")
            """,
            False,
            id="either-a-public-object-or-the-user",
        ),
        pytest.param(
            """\
            if obj.public:
                return function(request)
            if request.user.is_staff:
                return function(request)
            return redirect("/")
            """,
            False,
            id="public-object-first",
        ),
        pytest.param("log(request.user)\nreturn function(request)\n", False, id="no-test"),
        pytest.param("return None\n", False, id="never-calls-the-view"),
    ],
)
def test_guards_view(body: str, guards: bool) -> None:
    assert _guards(body) is guards


def test_middleware_is_no_decorator() -> None:
    source = """\
    class Gate:
        def __call__(self, request):
            def inner(request):
                return None
            return inner(request)
    """
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.ClassDef)
    assert decorating_call(node) is None
