"""Which view decorators call the view only once an HMAC signature of what was sent
matches."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.signature_gates import signature_gated
from webwarden.parse.python import ParsedPython, parse_source

HELPERS = """
import hashlib
import hmac
import json


def _verify(data):
    digest = hmac.new(KEY, data["token"].encode(), hashlib.sha256).hexdigest()
    return data["signature"] == digest


def _logged(data):
    return bool(data)
"""


def _gated(wrapper_body: str) -> bool:
    source = (
        HELPERS
        + "\n\ndef signed(view):\n    def wrapper(request):\n"
        + textwrap.indent(textwrap.dedent(wrapper_body), "        ")
        + "\n    return wrapper\n"
    )
    parsed = parse_source(source, "hooks/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("hooks/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    decorator = ctx.tree.body[-1]
    assert isinstance(decorator, ast.FunctionDef)
    wrapper = decorator.body[0]
    assert isinstance(wrapper, ast.FunctionDef)
    return signature_gated(ctx, wrapper, "view")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            if request.content_type == "application/json":
                data = json.loads(request.body.decode("utf8"))
            else:
                data = request.POST
            if _verify(data):
                return view(request)
            else:
                return HttpResponseForbidden()
            """,
            True,
            id="form-or-json-then-checked",
        ),
        pytest.param(
            """
            if not _verify(request.POST):
                return HttpResponseForbidden()
            return view(request)
            """,
            True,
            id="refused-unless-checked",
        ),
        pytest.param(
            """
            if _verify(request.POST):
                return view(request)
            return HttpResponseForbidden()
            """,
            True,
            id="checked-then-refused-after",
        ),
        pytest.param(
            """
            if not hmac.compare_digest(request.POST.get("sig", ""), EXPECTED):
                raise PermissionDenied
            return view(request)
            """,
            True,
            id="secure-compare-in-test",
        ),
        pytest.param(
            """
            Event.objects.create(raw=request.body)
            if not _verify(request.POST):
                return HttpResponseForbidden()
            return view(request)
            """,
            False,
            id="work-before-the-check",
        ),
        pytest.param(
            """
            if _verify(request.POST):
                return view(request)
            return view(request)
            """,
            False,
            id="view-called-either-way",
        ),
        pytest.param(
            """
            if not _logged(request.POST):
                return HttpResponseForbidden()
            return view(request)
            """,
            False,
            id="helper-computes-no-hmac",
        ),
    ],
)
def test_signature_gated(body: str, expected: bool) -> None:
    assert _gated(body) is expected
