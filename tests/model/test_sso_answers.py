"""Which views check a SAML identity provider's signed answer."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.sso_answers import takes_signed_sso_answer
from webwarden.parse.python import ParsedPython, parse_source


def _takes(source: str) -> bool:
    parsed = parse_source(textwrap.dedent(source), "sso/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("sso/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    return takes_signed_sso_answer(ctx, ctx.tree.body[-1])


@pytest.mark.parametrize(
    ("source", "takes"),
    [
        pytest.param(
            """
            from onelogin.saml2.auth import OneLogin_Saml2_Auth
            def acs(request):
                auth = OneLogin_Saml2_Auth({}, {})
                auth.process_response()
            """,
            True,
            id="python3-saml-response",
        ),
        pytest.param(
            """
            from onelogin.saml2.auth import OneLogin_Saml2_Auth
            class Saml:
                def get(self, request):
                    return self.auth(request).process_slo()
            """,
            True,
            id="python3-saml-logout-in-a-method",
        ),
        pytest.param(
            """
            from saml2.client import Saml2Client
            def acs(request):
                Saml2Client(None).parse_authn_request_response(request.POST["x"], 1)
            """,
            True,
            id="pysaml2-response",
        ),
        pytest.param(
            """
            from onelogin.saml2.auth import OneLogin_Saml2_Auth
            def start(request):
                return OneLogin_Saml2_Auth({}, {}).login()
            """,
            False,
            id="sign-in-started-only",
        ),
        pytest.param(
            """
            class Middleware:
                def __call__(self, request):
                    return self.process_response(request, self.get_response(request))
            """,
            False,
            id="no-saml-library",
        ),
    ],
)
def test_takes_signed_sso_answer(source: str, takes: bool) -> None:
    assert _takes(source) is takes
