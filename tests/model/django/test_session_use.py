"""Which functions of a module, handed the request, act as no one (`SESSION_HELPERS`), and
whether a chain of them across modules does."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from webwarden.model.django.session_use import (
    SESSION_HELPERS,
    extract_session_helpers,
    helpers_use_session,
)
from webwarden.model.facts import Facts
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.project import ModuleSummary, ProjectModel

KEYS = """
    from app.lang import best_language
    from app.models import ApiKey
    from vendor.auth import describe

    def has_key(request):
        return ApiKey.objects.filter(key=request.headers.get("X-Api-Key")).exists()

    def allowed(request, email):
        return has_key(request) or _signed_in(request, email)

    def _signed_in(request, email):
        return request.user.email == email

    def language(request):
        return best_language(request)

    def partner(request):
        return describe(request)

    def looped(request):
        return looped(request)

    @cached
    def decorated(request):
        return request.headers.get("X-Api-Key")

    def no_request(token):
        return token
"""
LANG = """
    def best_language(request):
        return request.headers.get("Accept-Language", "en")
"""


def _context(source: str, module: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    path = module.replace(".", "/") + ".py"
    return FileContext(path, module, tuple(text.splitlines()), tree, NameResolver(tree, module))


def test_helpers_acting_as_no_one_list_their_imported_callees() -> None:
    assert extract_session_helpers(_context(KEYS, "app.keys")) == {
        "has_key": (),
        "language": ("app.lang.best_language",),
        "partner": ("vendor.auth.describe",),
    }


def _project(tmp_path: Path) -> ProjectModel:
    summaries = {}
    for module, source in {"app.keys": KEYS, "app.lang": LANG}.items():
        ctx = _context(source, module)
        facts = Facts({SESSION_HELPERS: extract_session_helpers(ctx)})
        summaries[ctx.relpath] = ModuleSummary(
            ctx.relpath, module, False, frozenset(), ctx.names.aliases, facts
        )
    return ProjectModel(root=tmp_path, files=[], modules=summaries)


@pytest.mark.parametrize(
    ("callees", "expected"),
    [
        pytest.param(["app.keys.has_key"], False, id="reads-a-header"),
        pytest.param(["app.keys.language"], False, id="through-another-module"),
        pytest.param(["app.keys.allowed"], True, id="reads-the-user-in-its-module"),
        pytest.param(["app.keys.partner"], True, id="hands-it-to-a-library"),
        pytest.param(["app.keys.looped"], True, id="a-cycle-counts-as-use"),
        pytest.param(["app.keys.decorated"], True, id="decorated"),
        pytest.param(["app.keys.has_key", "app.other.check"], True, id="unknown-module"),
    ],
)
def test_chains_across_modules(tmp_path: Path, callees: list[str], expected: bool) -> None:
    assert helpers_use_session(_project(tmp_path), callees) is expected


DECORATORS = """
    from functools import wraps

    from app.audit import record
    from django.http import JsonResponse

    def json_errors(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            try:
                return view(*args, **kwargs)
            except ValueError as error:
                return JsonResponse({"error": str(error), "path": args[0].path})
        return wrapper

    def audited(view):
        def wrapper(request, *args, **kwargs):
            record(request)
            return view(request, *args, **kwargs)
        return wrapper

    def staff_only(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_staff:
                return JsonResponse({}, status=403)
            return view(request, *args, **kwargs)
        return wrapper

    def by_position(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            args[0].session["seen"] = True
            return view(*args, **kwargs)
        return wrapper

    def handed_on(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            log_all(*args)
            return view(*args, **kwargs)
        return wrapper

    def rebound(view):
        def wrapper(request):
            return view(request)
        wrapper = staff_only(wrapper)
        return wrapper

    def from_office(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.META.get("REMOTE_ADDR") not in OFFICE:
                return JsonResponse({}, status=403)
            return view(request, *args, **kwargs)
        return wrapper

    def other_function(view):
        def wrapper(request):
            return view(request)
        return view
"""


def test_decorators_handing_the_request_only_to_the_view_act_as_no_one() -> None:
    found = extract_session_helpers(_context(DECORATORS, "app.decorators"))
    assert found == {"json_errors": (), "audited": ("app.audit.record",)}
