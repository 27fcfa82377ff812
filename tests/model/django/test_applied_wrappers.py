"""The wrappers a function of the project puts around the view it is given and returns."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.applied_wrappers import applied_wrappers
from webwarden.parse.python import ParsedPython, parse_source


def _wrappers(source: str) -> list[str]:
    text = "from django.contrib.auth.decorators import login_required, user_passes_test\n"
    parsed = parse_source(text + textwrap.dedent(source), "desk/access.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("desk/access.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    found = applied_wrappers(ctx, function)
    return [ctx.qualified(w.func if isinstance(w, ast.Call) else w) or "?" for w in found]


LOGIN = "django.contrib.auth.decorators.login_required"
TEST = "django.contrib.auth.decorators.user_passes_test"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """\
            def staff_only(view):
                return user_passes_test(is_staff)(view)
            """,
            [TEST],
            id="returned-wrapped",
        ),
        pytest.param(
            """\
            def staff_only(view):
                return login_required(view, login_url="/in/")
            """,
            [LOGIN],
            id="wrapper-with-options",
        ),
        pytest.param(
            """\
            def checks(view, tests=()):
                view = user_passes_test(is_staff)(view)
                for test in tests:
                    view = user_passes_test(test)(view)
                view = login_required(view)
                return view
            """,
            [LOGIN, TEST],
            id="rebound-at-the-top-level-last-outermost",
        ),
        pytest.param(
            """\
            def checks(view, tests=()):
                for test in tests:
                    view = user_passes_test(test)(view)
                return view
            """,
            [],
            id="rebound-only-in-a-loop",
        ),
        pytest.param(
            """\
            def checks(view):
                view = login_required(view)
                view = other_view
                return view
            """,
            [],
            id="rebound-to-another-value",
        ),
        pytest.param(
            """\
            def needs(perms):
                def decorator(view):
                    return login_required(view)

                return decorator
            """,
            [LOGIN],
            id="factory-of-a-decorator",
        ),
        pytest.param(
            """\
            def needs(perms):
                def decorator(view):
                    return view

                return decorator
            """,
            [],
            id="factory-of-a-decorator-wrapping-nothing",
        ),
        pytest.param(
            """\
            def describe(view):
                return str(view, "utf-8")
            """,
            [],
            id="second-positional-argument",
        ),
    ],
)
def test_applied_wrappers(source: str, expected: list[str]) -> None:
    assert _wrappers(source) == expected
