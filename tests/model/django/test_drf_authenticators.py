"""Which REST framework authentication classes refuse every request without a header
credential, and which let it through as anonymous."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.drf_authenticators import authenticator_verdict
from webwarden.parse.python import ParsedPython, parse_source

IMPORTS = (
    "from django.conf import settings\n"
    "from rest_framework.authentication import BaseAuthentication\n"
    "from rest_framework.exceptions import AuthenticationFailed\n"
)


def _verdict(body: str) -> bool | None:
    source = (
        IMPORTS
        + "class Scheme(BaseAuthentication):\n"
        + textwrap.indent(textwrap.dedent(body), "    ")
    )
    parsed = parse_source(source, "api/authentication.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("api/authentication.py", parsed, plan)
    cls = ctx.tree.body[-1]
    assert isinstance(cls, ast.ClassDef)
    return authenticator_verdict(ctx, cls)


_CHECK = (
    "    if token not in settings.API_TOKENS:\n"
    "        raise AuthenticationFailed('unknown token')\n"
)


@pytest.mark.parametrize(
    ("body", "verdict"),
    [
        pytest.param(
            "def authenticate(self, request):\n"
            "    token = request.headers.get('Authorization')\n"
            "    if not token:\n        raise AuthenticationFailed('missing')\n" + _CHECK,
            True,
            id="raises-for-missing-and-unknown-then-falls-off",
        ),
        pytest.param(
            "def authenticate(self, request):\n"
            "    token = request.headers.get('Authorization')\n"
            + _CHECK
            + "    return (None, token)\n",
            True,
            id="raises-for-unknown-then-returns-a-pair",
        ),
        pytest.param(
            "def authenticate(self, request):\n"
            "    token = request.headers.get('Authorization')\n"
            "    if not token:\n        return None\n" + _CHECK + "    return (None, token)\n",
            False,
            id="none-for-missing-lets-the-anonymous-through",
        ),
        pytest.param(
            "def authenticate(self, request):\n"
            "    token = request.headers.get('Authorization')\n"
            "    if token != settings.API_TOKEN:\n        return\n    return (None, token)\n",
            False,
            id="bare-return-for-unknown",
        ),
        pytest.param(
            "def authenticate(self, request):\n"
            "    token = request.COOKIES.get('token')\n" + _CHECK + "    return (None, token)\n",
            False,
            id="credential-from-a-cookie",
        ),
        pytest.param(
            "def authenticate(self, request):\n"
            "    token = request.headers.get('Authorization')\n"
            "    Attempt.objects.create(token=token)\n" + _CHECK + "    return (None, token)\n",
            False,
            id="work-before-the-check",
        ),
        pytest.param(
            "TOKEN_TYPE = 'Bearer'\n"
            "def authenticate(self, request):\n"
            "    parts = request.headers.get('Authorization', '').split(' ')\n"
            "    if parts[0] != self.TOKEN_TYPE:\n        raise AuthenticationFailed('bad')\n"
            "    return (None, parts[-1])\n",
            False,
            id="only-the-scheme-word-checked",
        ),
        pytest.param(
            "TOKEN_TYPE = 'Bearer'\n"
            "def authenticate(self, request):\n"
            "    parts = request.headers.get('Authorization', '').split(' ')\n"
            "    if len(parts) != 2 or parts[0] != self.TOKEN_TYPE:\n"
            "        raise AuthenticationFailed('bad')\n"
            "    token = parts[1]\n" + _CHECK,
            True,
            id="scheme-word-then-the-token-checked",
        ),
        pytest.param(
            "API_KEY = 'k3y-written-in-the-class'\n"
            "def authenticate(self, request):\n"
            "    key = request.headers.get('X-Api-Key')\n"
            "    if key != self.API_KEY:\n        raise AuthenticationFailed('bad')\n"
            "    return (None, key)\n",
            True,
            id="key-written-in-the-class-is-still-a-secret",
        ),
        pytest.param(
            "def authenticate_header(self, request):\n    return 'Bearer'\n", None, id="inherits"
        ),
    ],
)
def test_authenticator_verdict(body: str, verdict: bool | None) -> None:
    assert _verdict(body) is verdict
