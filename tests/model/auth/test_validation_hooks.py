"""Passwords a form's or serializer's validation hooks hash; writes read back from them."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.validation_hooks import checked_by, hashed_by_hooks
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "links/views.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("links/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))


def _hooked(body: str) -> set[str]:
    tree = ast.parse(textwrap.dedent(body))
    cls = tree.body[0]
    assert isinstance(cls, ast.ClassDef)
    methods = {s.name: s for s in cls.body if isinstance(s, ast.FunctionDef)}
    return hashed_by_hooks(methods)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            class S:
                def validate(self, attrs):
                    attrs["passphrase"] = make_password(attrs["passphrase"])
                    attrs["title"] = attrs["title"].strip()
                    return attrs
            """,
            {"passphrase"},
            id="validate-sets-a-hash",
        ),
        pytest.param(
            """
            class S:
                def clean(self):
                    return {"password": make_password(self.cleaned_data["password"])}
            """,
            {"password"},
            id="clean-returns-a-dict",
        ),
        pytest.param(
            """
            class S:
                def validate_password(self, value):
                    return make_password(value)
            """,
            {"password"},
            id="field-hook",
        ),
        pytest.param(
            """
            class S:
                def validate(self, attrs):
                    attrs["password"] = attrs["password"].strip()
                    return attrs
            """,
            set(),
            id="no-hashing-call",
        ),
        pytest.param(
            """
            class S:
                def save_password(self, value):
                    return make_password(value)
            """,
            set(),
            id="not-a-hook",
        ),
    ],
)
def test_hashed_by_hooks(body: str, expected: set[str]) -> None:
    assert _hooked(body) == expected


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        pytest.param('s.validated_data.get("passphrase")', ("LinkSerializer", "passphrase")),
        pytest.param('s.cleaned_data["password"]', ("LinkSerializer", "password")),
        pytest.param("kept", ("LinkSerializer", "passphrase"), id="through-a-local"),
        pytest.param('request.data["password"]', ("", ""), id="not-checked"),
        pytest.param('f.validated_data["password"]', ("", ""), id="not-an-instance"),
    ],
)
def test_checked_by(read: str, expected: tuple[str, str]) -> None:
    ctx = _context(
        f"""
        from .serializers import LinkSerializer

        def view(request):
            s = LinkSerializer(data=request.data)
            f = make_form(request)
            kept = s.validated_data["passphrase"]
            value = {read}
        """
    )
    assign = next(
        n
        for n in ast.walk(ctx.tree)
        if isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) == "value"
    )
    cls, key = checked_by(ctx, assign.value)
    assert (cls.rpartition(".")[2], key) == expected
