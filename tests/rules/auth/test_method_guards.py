"""Tests of the request's method, and permission tests of the user, in a view's body."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.rules.auth._method_guards import (
    checks_user,
    get_guard,
    method_split,
    permission_test,
    user_locals,
    walk_outside,
)


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("test", "method", "writing_first"),
    [
        pytest.param('request.method == "POST"', "POST", True, id="equal-post"),
        pytest.param("request.method != 'GET'", "POST", True, id="not-get"),
        pytest.param('request.method == "GET"', "POST", False, id="equal-get"),
        pytest.param('request.method in ("PUT", "PATCH")', "PATCH", True, id="in-writing"),
        pytest.param('self.request.method.upper() == "DELETE"', "DELETE", True, id="class-upper"),
    ],
)
def test_the_arm_a_get_takes(test: str, method: str, writing_first: bool) -> None:
    function = _function(
        f"def view(request):\n    if {test}:\n        a()\n    else:\n        b()\n"
    )
    split = method_split(function)
    assert split is not None
    assert split.method == method
    get_call = ast.unparse(split.get_path[0])
    assert get_call == ("b()" if writing_first else "a()")


@pytest.mark.parametrize(
    "test",
    [
        pytest.param('request.method == "POST" and form.is_valid()', id="joined"),
        pytest.param('request.method in ("GET", "POST")', id="both"),
        pytest.param('kind == "POST"', id="not-the-request"),
    ],
)
def test_other_tests_split_nothing(test: str) -> None:
    assert method_split(_function(f"def view(request):\n    if {test}:\n        a()\n")) is None


def test_what_follows_an_arm_that_leaves_belongs_to_the_other() -> None:
    function = _function(
        """
        def view(request):
            if request.method == "POST":
                save()
                return done()
            if not request.user.is_staff:
                raise PermissionDenied
            return page()
        """
    )
    split = method_split(function)
    assert split is not None
    assert [ast.unparse(s) for s in split.other_path] == ["save()", "return done()"]
    assert len(split.get_path) == 2


@pytest.mark.parametrize(
    ("expr", "found"),
    [
        pytest.param("user.has_perm('x')", True, id="has-perm"),
        pytest.param("request.user.is_superuser", True, id="superuser"),
        pytest.param("current_user.is_admin", True, id="flask-login-admin"),
        pytest.param("g.user.role", True, id="role-on-g"),
        pytest.param("request.user.groups.filter(name='x').exists()", True, id="groups"),
        pytest.param("can_edit(request.user, page)", True, id="project-helper"),
        pytest.param("is_team_lead(request.user)", True, id="project-predicate"),
        pytest.param("request.user.is_authenticated", False, id="login-only"),
        pytest.param("is_authenticated(request.user)", False, id="login-predicate"),
        pytest.param("page.is_admin", False, id="not-the-user"),
        pytest.param("can_edit(page)", False, id="helper-without-user"),
    ],
)
def test_permission_tests(expr: str, found: bool) -> None:
    node = ast.parse(expr, mode="eval").body
    assert (permission_test(node, {"user"}) is not None) is found


def test_a_test_shaping_the_page_guards_nothing() -> None:
    function = _function(
        """
        def view(request):
            return render(request, "page.html", {"admin": request.user.is_staff})
        """
    )
    assert get_guard(function.body, user_locals(function)) is None


@pytest.mark.parametrize(
    ("source", "checked"),
    [
        pytest.param("obj.owner == request.user", True, id="compared-with-user"),
        pytest.param("request.user.notes.get(pk=pk).delete()", True, id="through-relation"),
        pytest.param("Form(request.POST, user=request.user)", True, id="form-handed-user"),
        pytest.param("abort(403)", True, id="refusal"),
        pytest.param("Note.objects.create(author=request.user)", False, id="row-made-for-user"),
        pytest.param("request.user.save()", False, id="own-row"),
        pytest.param("note.delete()", False, id="plain-write"),
    ],
)
def test_what_may_check_the_user(source: str, checked: bool) -> None:
    function = _function(f"def view(request, pk):\n    {source}\n")
    nodes = walk_outside(function.body)
    assert checks_user(nodes, user_locals(function)) is checked
