"""How a project uses its serializer classes: only to validate request data, or not."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from webwarden.model.django.serializer_uses import (
    CLASS_USE_FACTS,
    ClassUses,
    Handed,
    extract_class_uses,
    used_only_for_input,
)
from webwarden.model.facts import Facts
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.project import ModuleSummary, ProjectModel


def _context(source: str, module: str, *, is_test: bool = False) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    path = module.replace(".", "/") + ".py"
    resolver = NameResolver(tree, module)
    return FileContext(path, module, tuple(text.splitlines()), tree, resolver, is_test)


def _uses(source: str, module: str = "app.views") -> ClassUses | None:
    return extract_class_uses(_context(source, module))


@pytest.mark.parametrize(
    ("source", "output", "validated"),
    [
        pytest.param(
            """
            from app.serializers import UserSerializer as Users
            def show(user):
                return Users(user).data
            """,
            {"UserSerializer"},
            set(),
            id="rendered-under-alias",
        ),
        pytest.param(
            """
            from app.serializers import SignUpSerializer
            def post(request):
                SignUpSerializer(data=request.data).is_valid(raise_exception=True)
            """,
            set(),
            {"app.serializers.SignUpSerializer"},
            id="validated-inline",
        ),
        pytest.param(
            """
            from app import serializers
            def post(request):
                s = serializers.SignUpSerializer(request.user, data=request.data)
                if s.is_valid():
                    s.save()
                return s.errors
            """,
            set(),
            {"app.serializers.SignUpSerializer"},
            id="validated-and-saved",
        ),
        pytest.param(
            """
            from app.serializers import SignUpSerializer
            def post(request):
                s = SignUpSerializer(data=request.data)
                s.is_valid(raise_exception=True)
                s.save()
                return Response(s.data)
            """,
            {"SignUpSerializer"},
            set(),
            id="saved-then-rendered",
        ),
        pytest.param(
            """
            from app.serializers import TokenSerializer
            def post(request):
                s = TokenSerializer(data=request.data)
                s.is_valid(raise_exception=True)
                return Response(s.validated_data)
            """,
            {"TokenSerializer"},
            set(),
            id="validated-data-is-the-response",
        ),
        pytest.param(
            """
            from app.serializers import SignUpSerializer
            def post(request):
                s = SignUpSerializer(data=request.data)
                s.is_valid(raise_exception=True)
                return render(s)
            """,
            {"SignUpSerializer"},
            set(),
            id="handed-on-built",
        ),
        pytest.param(
            """
            from app.serializers import SignUpSerializer
            class SignUp(CreateAPIView):
                serializer_class = SignUpSerializer
            """,
            {"SignUpSerializer"},
            set(),
            id="generic-view-class",
        ),
        pytest.param(
            """
            from app.serializers import SignUpSerializer
            def check(value: SignUpSerializer) -> SignUpSerializer:
                assert isinstance(value, SignUpSerializer)
                return value
            """,
            set(),
            set(),
            id="annotations-and-isinstance",
        ),
    ],
)
def test_uses(source: str, output: set[str], validated: set[str]) -> None:
    found = _uses(source)
    assert (found.output if found else set()) == output
    assert (found.validated if found else set()) == validated


def test_handed_to_calls() -> None:
    found = _uses(
        """
        from drf_spectacular.utils import extend_schema
        from app.decorators import checked
        from app.serializers import InSerializer, OutSerializer
        @extend_schema(request=InSerializer, responses=OutSerializer)
        @checked(InSerializer, partial=True)
        def post(request, body):
            pass
        """
    )
    assert found == ClassUses(
        frozenset(),
        frozenset(),
        (
            Handed("app.serializers.InSerializer", "app.decorators.checked", 0),
            Handed(
                "app.serializers.OutSerializer",
                "drf_spectacular.utils.extend_schema",
                -1,
                "responses",
            ),
        ),
    )


def test_no_uses_read_in_tests_or_without_serializers() -> None:
    assert extract_class_uses(_context("UserSerializer(u).data", "t", is_test=True)) is None
    assert _uses("User(u).data") is None


_DECORATORS = """
from app.checks import checked_data
def with_body(serializer_class, partial=False):
    def decorator(view):
        def wrapper(request, *args, **kwargs):
            kwargs["body"] = checked_data(serializer_class, request.data, partial)
            return view(request, *args, **kwargs)
        return wrapper
    return decorator
def rendered(serializer_class):
    def decorator(view):
        def wrapper(request, *args, **kwargs):
            return Response(serializer_class(view(request)).data)
        return wrapper
    return decorator
"""
_CHECKS = """
def checked_data(serializer_class, data, partial=False):
    serializer = serializer_class(data=data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return serializer.data
"""


def _project(tmp_path: Path, views: str) -> ProjectModel:
    sources = {"app.decorators": _DECORATORS, "app.checks": _CHECKS, "app.views": views}
    contexts = {module: _context(source, module) for module, source in sources.items()}
    modules = {}
    for module, ctx in contexts.items():
        uses = extract_class_uses(ctx)
        facts = Facts({CLASS_USE_FACTS: uses} if uses else {})
        summary = ModuleSummary(ctx.relpath, module, False, frozenset(), ctx.names.aliases, facts)
        modules[ctx.relpath] = summary
    project = ProjectModel(root=tmp_path, files=[], modules=modules)
    project.read_module = contexts.get
    return project


@pytest.mark.parametrize(
    ("views", "input_only"),
    [
        pytest.param(
            """
            from app.decorators import with_body
            from app.serializers import SignUpSerializer
            @with_body(SignUpSerializer)
            def post(request, body):
                pass
            """,
            True,
            id="decorator-wrapper-hands-to-checking-helper",
        ),
        pytest.param(
            """
            from app.checks import checked_data
            from app.serializers import SignUpSerializer
            def post(request):
                checked_data(serializer_class=SignUpSerializer, data=request.data)
            """,
            True,
            id="checking-helper-by-keyword",
        ),
        pytest.param(
            """
            from app.decorators import rendered
            from app.serializers import SignUpSerializer
            @rendered(SignUpSerializer)
            def get(request):
                pass
            """,
            False,
            id="decorator-renders",
        ),
        pytest.param(
            """
            from app.decorators import with_body
            from app.serializers import SignUpSerializer
            @with_body(SignUpSerializer)
            def post(request, body):
                return Response(SignUpSerializer(body).data)
            """,
            False,
            id="validated-and-rendered",
        ),
        pytest.param(
            """
            from app.decorators import with_body
            from app.serializers import SignUpSerializer
            @somewhere.else_(SignUpSerializer)
            def post(request, body):
                pass
            """,
            False,
            id="unknown-callee",
        ),
        pytest.param(
            """
            from app.serializers import SignUpSerializer
            """,
            False,
            id="used-nowhere",
        ),
    ],
)
def test_used_only_for_input(tmp_path: Path, views: str, input_only: bool) -> None:
    project = _project(tmp_path, views)
    assert used_only_for_input(project, "app.serializers.SignUpSerializer") is input_only
