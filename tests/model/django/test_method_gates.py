from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.composed_decorators import Param
from webwarden.model.django.method_gates import MethodGate, method_gate
from webwarden.parse.python import ParsedPython, parse_source


def _gate(source: str) -> MethodGate | None:
    parsed = parse_source(textwrap.dedent(source), "api/endpoints.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("api/endpoints.py", parsed, plan)
    function = ctx.tree.body[-1]
    assert isinstance(function, ast.FunctionDef)
    return method_gate(ctx, function)


FACTORY = """
def api_endpoint(expected_methods):
    def decorator(func):
        def wrapper(request, *args, **kwargs):
            if request.method not in expected_methods:
                return HttpResponseNotAllowed(expected_methods)
            return func(request, *args, **kwargs)
        return wrapper
    return decorator
"""


ALLOWING_FACTORY = """
def allowed_methods(methods):
    def decorator(fn):
        @wraps(fn)
        def tmp(request, *args, **kwargs):
            if request.method in methods:
                return fn(request, *args, **kwargs)
            else:
                return HttpResponseNotAllowed(methods)
        return tmp
    return decorator
"""


def test_factory_parameter_of_a_test_letting_through() -> None:
    """mygpo's `@allowed_methods(["POST", "PUT"])`: the view runs when the method is
    one of the factory's, and any other gets 405."""
    gate = _gate(ALLOWING_FACTORY)
    assert gate == MethodGate(parameter=Param("methods", 0))
    assert gate.allowed((("POST", "PUT"),), {}) == ("POST", "PUT")


def test_factory_parameter() -> None:
    gate = _gate(FACTORY)
    assert gate == MethodGate(parameter=Param("expected_methods", 0))
    assert gate.allowed((), {"expected_methods": ("post",)}) == ("POST",)
    assert gate.allowed((("GET", "DELETE"),), {}) == ("GET", "DELETE")
    assert gate.allowed((), {}) == ()


@pytest.mark.parametrize(
    ("source", "methods"),
    [
        pytest.param(
            """
            def post_only(view):
                def wrapped(request):
                    if request.method != "POST":
                        return JsonResponse({"error": "POST only"}, status=405)
                    return view(request)
                return wrapped
            """,
            ("POST",),
            id="not-equal",
        ),
        pytest.param(
            """
            def writes_only(view):
                def wrapped(req, *args):
                    if req.method not in ("post", "DELETE"):
                        raise MethodNotAllowed()
                    return view(req, *args)
                return wrapped
            """,
            ("DELETE", "POST"),
            id="not-in-tuple",
        ),
        pytest.param(
            """
            def posts_only(view):
                def wrapped(request, *args):
                    if request.method == "POST":
                        return view(request, *args)
                    else:
                        return HttpResponseNotAllowed(["POST"])
                return wrapped
            """,
            ("POST",),
            id="equal-then-view",
        ),
        pytest.param(
            """
            def writes_only(view):
                def wrapped(request, *args):
                    if request.method in {"PUT", "POST"}:
                        return view(request, *args)
                    return HttpResponseNotAllowed(["POST", "PUT"])
                return wrapped
            """,
            ("POST", "PUT"),
            id="in-set-then-view",
        ),
        pytest.param(
            """
            def counted(view):
                def wrapped(request):
                    if request.method == "POST":
                        stats.incr("posts")
                    else:
                        return HttpResponseNotAllowed(["POST"])
                    return view(request)
                return wrapped
            """,
            ("POST",),
            id="view-after-the-test",
        ),
    ],
)
def test_written_methods(source: str, methods: tuple[str, ...]) -> None:
    gate = _gate(source)
    assert gate is not None
    assert gate.allowed((), {}) == methods


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def post_only(view):
                def wrapped(request):
                    if request.method != "POST":
                        logger.info("other method")
                    return view(request)
                return wrapped
            """,
            id="only-logs",
        ),
        pytest.param(
            """
            def post_only(view):
                def wrapped(request):
                    response = view(request)
                    if request.method != "POST":
                        return HttpResponseNotAllowed(["POST"])
                    return response
                return wrapped
            """,
            id="after-the-view",
        ),
        pytest.param(
            """
            def odd(view):
                def wrapped(request):
                    if request.method not in "POST":
                        return HttpResponseNotAllowed(["POST"])
                    return view(request)
                return wrapped
            """,
            id="substring-test",
        ),
        pytest.param(
            """
            def odd(view):
                def wrapped(request):
                    if request.method not in ALLOWED:
                        return HttpResponseNotAllowed(ALLOWED)
                    return view(request)
                return wrapped
            """,
            id="unknown-methods",
        ),
        pytest.param(
            """
            def counted(view):
                def wrapped(request):
                    if request.method == "POST":
                        return view(request)
                    return view(request, counted=True)
                return wrapped
            """,
            id="view-runs-either-way",
        ),
    ],
)
def test_no_gate(source: str) -> None:
    assert _gate(source) is None


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def confirm_required(template_name, key="__confirm__"):
                def decorator(func):
                    def inner(request, *args, **kwargs):
                        if key in request.POST:
                            return func(request, *args, **kwargs)
                        else:
                            return render(request, template_name)
                    return wraps(func)(inner)
                return decorator
            """,
            id="confirmation-factory",
        ),
        pytest.param(
            """
            def confirmed(view):
                def wrapped(request):
                    if request.method == "POST" and request.POST.get("confirm"):
                        return view(request)
                    return render(request, "confirm.html")
                return wrapped
            """,
            id="posted-method-and-flag",
        ),
    ],
)
def test_view_runs_only_when_posted(source: str) -> None:
    gate = _gate(source)
    assert gate == MethodGate(methods=("POST",))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            def confirmed(view):
                def wrapped(request):
                    if "confirm" in request.GET:
                        return view(request)
                    return render(request, "confirm.html")
                return wrapped
            """,
            id="query-parameter",
        ),
        pytest.param(
            """
            def confirmed(view):
                def wrapped(request):
                    if request.POST:
                        return view(request)
                    return view(request)
                return wrapped
            """,
            id="view-in-both-branches",
        ),
    ],
)
def test_view_runs_for_any_method(source: str) -> None:
    assert _gate(source) is None


DECORATED_FACTORY = """
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_http_methods
from rest_framework.decorators import api_view


def endpoint(methods, auths=()):
    def signed(func):
        @api_view(methods)
        def handler(*args, **kwargs):
            return func(*args, **kwargs)
        return handler

    def logged_in(func):
        @api_view(methods)
        @login_required
        def handler(*args, **kwargs):
            return func(*args, **kwargs)
        return handler

    if auths:
        return signed
    return logged_in
"""


def test_factory_parameter_given_to_library_method_list() -> None:
    """Every wrapper of the factory, whichever decorator it returns, is decorated with
    DRF's `api_view(methods)`: the view's `@endpoint(methods=["POST"])` names them."""
    gate = _gate(DECORATED_FACTORY)
    assert gate == MethodGate(parameter=Param("methods", 0))
    assert gate.allowed((), {"methods": ("POST",)}) == ("POST",)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            DECORATED_FACTORY.replace(
                "@api_view(methods)\n        @login_required", "@login_required"
            ),
            id="one-branch-unlimited",
        ),
        pytest.param(
            """
            def endpoint(methods):
                def decorator(func):
                    @cache_for(methods)
                    def handler(*args, **kwargs):
                        return func(*args, **kwargs)
                    return handler
                return decorator
            """,
            id="other-decorator-given-the-parameter",
        ),
    ],
)
def test_no_decorated_gate(source: str) -> None:
    assert _gate(source) is None


def test_method_list_written_in_each_wrapper() -> None:
    """A decorator of the project whose wrapper is decorated with a list written in it
    lets those methods alone through."""
    gate = _gate(
        """
        from django.views.decorators.http import require_http_methods

        def json_post(func):
            @require_http_methods(["post"])
            def handler(*args, **kwargs):
                return func(*args, **kwargs)
            return handler
        """
    )
    assert gate == MethodGate(methods=("POST",))
