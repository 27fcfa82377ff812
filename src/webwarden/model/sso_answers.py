"""Views that take an identity provider's signed answer, which it posts cross-site.

A SAML assertion consumer, and a view that verifies a signed token posted in the form
body: AAF Rapid Connect's `assertion` (a JWT signed with the secret the federation shares
with the site, `jwt.decode(request.POST["assertion"], secret, audience=...)`), Google's
sign-in `credential` (`id_token.verify_oauth2_token(token, ...)`). The provider's page
posts it from its own origin, without the site's token; a page on another site cannot
sign one.
"""

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


_KEYED_DECODERS = frozenset({"jwt.decode", "jose.jwt.decode", "jwt.api_jwt.decode"})
"""Decoders that raise unless the token was signed with the key they are given."""
_PROVIDER_VERIFIERS = frozenset(
    {"google.oauth2.id_token.verify_oauth2_token", "google.oauth2.id_token.verify_token"}
)
"""google-auth's checks of an ID token against Google's published keys."""
_BODY_PARTS = frozenset({"POST", "body"})
_REQUESTS = frozenset({"request", "self.request"})


def takes_signed_sso_answer(ctx: FileContext, node: ast.AST) -> bool:
    """The view (a function, or a class with its methods) checks an identity provider's
    signed answer: it hands the request to a SAML library's check (the assertion consumer
    or single logout service; the libraries' own Django examples exempt it), or verifies
    a signed token read from the posted form (`jwt.decode(request.POST["assertion"],
    key, ...)` with the signature checked). A page on another site cannot sign an answer
    with the provider's key."""
    return checks_saml_answer(ctx, node) or _verifies_posted_token(ctx, node)


def _verifies_posted_token(ctx: FileContext, node: ast.AST) -> bool:
    """`jwt.decode(token, key, ...)` (signature not switched off) or Google's
    `verify_oauth2_token(token, ...)` of a token the request posts, read in the call or
    bound to a local of the view first (`token = request.POST["credential"]`)."""
    if not (ctx.mentions("decode") or ctx.mentions("verify_")):
        return False  # NOTE: every decoder and verifier is named so, whatever its alias
    for inner in ctx.subtree(node):
        if not isinstance(inner, ast.Call) or not inner.args:
            continue
        name = ctx.call_name(inner)
        keyed = (
            name in _KEYED_DECODERS
            and ctx.argument(inner, 1, "key") is not None
            and "verify" not in ast.unparse(inner)  # NOTE: a check switched off
        )
        if (keyed or name in _PROVIDER_VERIFIERS) and _posted(inner.args[0], node):
            return True
    return False


def _posted(value: ast.expr, view: ast.AST) -> bool:
    """`request.POST[...]`, `request.body`, or a local every binding of which in the view
    reads one."""
    if _reads_body(value):
        return True
    if not isinstance(value, ast.Name):
        return False
    bound = [
        n.value
        for n in ast.walk(view)
        if isinstance(n, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == value.id for t in n.targets)
    ]
    return bool(bound) and all(_reads_body(b) for b in bound)


def _reads_body(value: ast.expr) -> bool:
    return any(
        isinstance(n, ast.Attribute) and n.attr in _BODY_PARTS and ast.unparse(n.value) in _REQUESTS
        for n in ast.walk(value)
    )


def checks_saml_answer(ctx: FileContext, node: ast.AST) -> bool:
    """The function hands the request to a SAML library's check of the provider's answer
    (only in a module importing one)."""
    if not any(ctx.names.imports(library) for library in _SAML_LIBRARIES):
        return False
    return any(
        isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Attribute)
        and inner.func.attr in _SIGNED_ANSWER_CHECKS
        for inner in ast.walk(node)
    )
