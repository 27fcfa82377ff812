"""Views that take a SAML identity provider's signed answer, which it posts cross-site."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_SAML_LIBRARIES = ("onelogin.saml2", "saml2")
"""python3-saml (`onelogin.saml2`) and pysaml2 (`saml2`, which djangosaml2 wraps)."""
_SIGNED_ANSWER_CHECKS = frozenset(
    {
        "process_response",
        "process_slo",
        "parse_authn_request_response",
        "parse_logout_request_response",
    }
)
"""python3-saml's `OneLogin_Saml2_Auth.process_response()` and `process_slo()`, pysaml2's
`Saml2Client.parse_authn_request_response()` and `parse_logout_request_response()`: each
refuses an answer whose signature by the identity provider's key does not check out."""


def takes_signed_sso_answer(ctx: FileContext, node: ast.AST) -> bool:
    """The view (a function, or a class with its methods) hands the request to a SAML
    library's check of the identity provider's signed answer: the assertion consumer or
    single logout service, which the provider's page posts to from its own origin,
    without the site's token (the libraries' own Django examples exempt it). A page on
    another site cannot sign an assertion with the provider's key."""
    if not any(ctx.names.imports(library) for library in _SAML_LIBRARIES):
        return False
    return any(
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Attribute)
        and inner.func.attr in _SIGNED_ANSWER_CHECKS
        for inner in ast.walk(node)
    )
