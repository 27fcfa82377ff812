"""What a view's body shows about who may call it."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.view_bodies import (
    checked_from,
    checks_user,
    only_shows_page,
    request_calls,
)
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _view(source: str) -> tuple[bool, tuple[str, ...]]:
    ctx, function = _parsed(source)
    return checks_user(ctx, function), request_calls(ctx, function)


def _parsed(source: str) -> tuple[FileContext, ast.FunctionDef]:
    parsed = parse_source(textwrap.dedent(source), "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return ctx, function


@pytest.mark.parametrize(
    ("source", "checked"),
    [
        pytest.param(
            """
            def hide(req, pk):
                if is_member(pk, req.user):
                    Item.objects.filter(pk=pk).delete()
            """,
            True,
            id="user-of-a-request-named-otherwise",
        ),
        pytest.param(
            """
            def hide(request, pk):
                Item.objects.filter(pk=pk, owner=request.user).delete()
            """,
            True,
            id="user-of-request",
        ),
        pytest.param(
            """
            def hide(req, pk, other):
                if other.user:
                    Item.objects.filter(pk=pk).delete()
            """,
            False,
            id="user-of-another-parameter",
        ),
        pytest.param(
            """
            def hide(request, pk):
                check_item_permission(request, pk)
                Item.objects.filter(pk=pk).delete()
            """,
            True,
            id="call-named-for-a-permission-check",
        ),
        pytest.param(
            """
            def check_all_permissions(self, request):
                super().check_all_permissions(request)
                self.items = Item.objects.all()
            """,
            False,
            id="library-hook-handed-on-to",
        ),
    ],
)
def test_checks_the_user_of_the_views_request(source: str, checked: bool) -> None:
    assert _view(source)[0] is checked


def test_calls_handed_the_request_named_otherwise() -> None:
    source = """
        from app.perms import check_project
        def edit(req, pk):
            check_project(req, pk)
            Item.objects.filter(pk=pk).delete()
    """
    assert _view(source) == (False, ("app.perms.check_project",))


@pytest.mark.parametrize(
    ("source", "shows"),
    [
        pytest.param(
            """
            from django.shortcuts import render
            def calculator(request):
                form = CaloriesForm(instance=request.user.profile, initial={"age": 30})
                return render(request, "calculator.html", {"form": form})
            """,
            True,
            id="form-built-to-show",
        ),
        pytest.param(
            """
            from django.shortcuts import render
            def search(request):
                form = SearchForm(request.GET)
                return render(request, "search.html", {"form": form})
            """,
            False,
            id="form-given-the-request",
        ),
        pytest.param(
            """
            from django.shortcuts import render
            def sign_in(request):
                form = LoginForm(data={"username": "demo"})
                form.is_valid()
                return render(request, "login.html", {"form": form})
            """,
            False,
            id="form-validated",
        ),
        pytest.param(
            """
            from django.shortcuts import render
            def sign_in(request):
                form = AuthenticationForm()
                return render(request, "login.html", {"form": form})
            """,
            False,
            id="form-named-for-a-check",
        ),
    ],
)
def test_only_shows_page_with_forms_built_to_show(source: str, shows: bool) -> None:
    assert only_shows_page(*_parsed(source)) is shows


@pytest.mark.parametrize(
    ("source", "line"),
    [
        pytest.param(
            """
            def create(request):
                task = Task(title=request.POST["title"])
                task.save()
                task.watchers.add(request.user)
            """,
            5,
            id="user-named-after-the-save",
        ),
        pytest.param(
            """
            def create(request):
                if request.method == "POST":
                    Task.objects.create(
                        title=request.POST["title"],
                        owner=request.user,
                    )
            """,
            4,
            id="user-in-the-statement-that-writes",
        ),
        pytest.param(
            """
            def close(request, pk):
                if not request.user.is_authenticated:
                    return redirect("/login/")
                Task.objects.filter(pk=pk).update(closed=True)
            """,
            3,
            id="test-at-the-top",
        ),
        pytest.param(
            """
            def close(request, pk):
                audit(request, pk)
                Task.objects.filter(pk=pk).update(closed=True)
                notify(owner=request.user)
            """,
            3,
            id="request-handed-on-first",
        ),
        pytest.param(
            """
            from django.contrib.auth import login

            def join(request):
                account = User.objects.create_user(request.POST["name"])
                login(request, account)
            """,
            0,
            id="logs-in",
        ),
        pytest.param(
            """
            def close(request, pk):
                def later():
                    Task.objects.filter(pk=pk).update(closed=True)
                if request.user.is_staff:
                    later()
            """,
            0,
            id="nested-function",
        ),
    ],
)
def test_checked_from(source: str, line: int) -> None:
    ctx, function = _parsed(source)
    assert checked_from(ctx, function) == line
