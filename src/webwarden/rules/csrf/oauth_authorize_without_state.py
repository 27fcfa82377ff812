"""WW643: an OAuth authorization request written by hand without `state`."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Set

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_REQUEST_PARAMETERS = ("response_type", "client_id")
_TOKEN_PARAMETERS = ("grant_type", "client_secret")
"""Parameters of the token request the server sends itself (Untappd's wants
`response_type` there too), never of the authorization request a browser carries."""
_BINDING_WORDS = ("state", "nonce", "code_challenge")
"""What ties the answer to the browser that asked: `state`, or (RFC 9700, 2.1) PKCE's
`code_challenge` or OpenID Connect's `nonce`, looked for anywhere in the function that
builds the request (`params["state"] = ...` added after the literal counts too)."""


class OauthAuthorizeWithoutState(PythonRule):
    """## What it does
    Finds OAuth 2.0 and OpenID Connect authorization requests a project builds itself,
    a URL string (`f"{auth_url}?client_id={cid}&response_type=code&redirect_uri=..."`,
    or one sending `client_id` to a path named for the authorization endpoint,
    `https://github.com/login/oauth/authorize?client_id={id}`, as GitHub and Slack take
    it without `response_type`) or a dict of parameters (`{"client_id": cid, "response_type": "code"}`), in a
    function that never mentions `state`, PKCE's `code_challenge` or OpenID Connect's
    `nonce`. A token request (one naming `grant_type` or `client_secret`, which the
    server sends itself) is not reported, nor is a dict of the answer an authorization
    server sends back to the client (naming `code` or `error`, or giving
    `response_type` no value: `{"code": code, "response_type": None, "client_id":
    None}`, the request's parameters dropped from the redirect to the client).

    ## Why is this bad?
    The callback then accepts any authorization code, also one the attacker obtained for
    his own account at the provider and planted in a link or an image on his site: the
    victim's browser completes the login, and the victim works in the attacker's account
    (login CSRF), uploading data or linking identities the attacker then reads. A
    random `state` kept in the session and compared on the callback (or PKCE, or an OIDC
    `nonce`) ties the code to the browser that asked for it.

    ## Known problems
    Libraries (Authlib, requests-oauthlib, social-auth, django-allauth) add and check
    `state` themselves and build no such string in the project: they are not reported.
    Test code is not reported. A function that mentions `state` is taken to send it,
    even when it does not check it on the callback.

    ## Example
    ```python
    from django.shortcuts import redirect

    def oidc_login(request, provider):
        return redirect(
            f"{provider.authorization_url}?client_id={provider.client_id}"
            f"&response_type=code&redirect_uri={provider.redirect_url}"
        )
    ```

    ## Fix
    ```python
    import secrets

    from django.shortcuts import redirect

    def oidc_login(request, provider):
        request.session["oauth_state"] = token = secrets.token_urlsafe(32)
        return redirect(
            f"{provider.authorization_url}?client_id={provider.client_id}"
            f"&response_type=code&redirect_uri={provider.redirect_url}&state={token}"
        )
    ```
    Compare `request.GET["state"]` with the session's value in the callback before
    exchanging the code.

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [RFC 6749, 10.12: Cross-Site Request Forgery](https://datatracker.ietf.org/doc/html/rfc6749#section-10.12)
    - [RFC 9700, 2.1: Protecting Redirect-Based Flows](https://datatracker.ietf.org/doc/html/rfc9700#section-2.1)
    """

    code = "WW643"
    name = "oauth-authorize-without-state"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    mentions = ("client_id",)
    message = (
        "`{built}` builds an OAuth authorization request without `state`: another site"
        " can log the user in to its own account"
    )
    fix = (
        "send a random `state` kept in the session and compare it on the callback"
        " (or use PKCE, or an OAuth library that does)"
    )

    in_tests = False

    def visit_JoinedStr(self, node: ast.JoinedStr, ctx: FileContext) -> Iterator[Finding]:
        text = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        yield from self._judge(node, ctx, _names_parameters(text))

    def visit_Constant(self, node: ast.Constant, ctx: FileContext) -> Iterator[Finding]:
        if not isinstance(node.value, str):
            return
        if isinstance(ctx.parent(node), ast.JoinedStr):
            return  # NOTE: a part of an f-string, judged whole
        yield from self._judge(node, ctx, _names_parameters(node.value))

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
        built = all(p in keys for p in _REQUEST_PARAMETERS)
        built = built and keys.isdisjoint(_TOKEN_PARAMETERS) and not _answer(node, keys)
        yield from self._judge(node, ctx, built)

    def _judge(self, node: ast.expr, ctx: FileContext, built: bool) -> Iterator[Finding]:
        if not built or _binds_answer(ctx, node):
            return
        text = " ".join(ast.unparse(node).split())
        shown = text if len(text) <= 60 else text[:57] + "..."
        yield self.make_finding(ctx.location(node), snippet=ctx.snippet(node), built=shown)


_ANSWER_PARAMETERS = frozenset({"code", "error"})
"""What the authorization server's redirect back to the client carries (RFC 6749,
4.1.2), never the request a browser carries to it."""


def _answer(node: ast.Dict, keys: Set[object]) -> bool:
    """A dict of the authorization server's answer: naming `code` or `error`, or
    giving `response_type` no value (`None`, dropping it from the redirect)."""
    if not keys.isdisjoint(_ANSWER_PARAMETERS):
        return True
    return any(
        isinstance(key, ast.Constant)
        and key.value == "response_type"
        and isinstance(value, ast.Constant)
        and value.value is None
        for key, value in zip(node.keys, node.values, strict=True)
    )


def _names_parameters(text: str) -> bool:
    """`client_id=...&response_type=code`: a query naming both parameters, or a
    `client_id` sent to a provider's authorization endpoint
    (`https://github.com/login/oauth/authorize?client_id={client_id}&scope=...`), and no
    parameter of a token request."""
    lowered = text.lower()
    if any(f"{p}=" in lowered for p in _TOKEN_PARAMETERS):
        return False
    if all(f"{p}=" in lowered for p in _REQUEST_PARAMETERS):
        return True
    return _AUTHORIZATION_ENDPOINT.search(lowered) is not None


_AUTHORIZATION_ENDPOINT = re.compile(
    r"/(?:authorize|authorization|auth|oauth2?)/?\?(?:[^#]*&)?client_id="
)
"""A query sending `client_id` to a path whose last segment names the authorization
endpoint: GitHub's `/login/oauth/authorize`, Slack's `/oauth/v2/authorize`, Google's
`/o/oauth2/auth`, Facebook's `/dialog/oauth`, Keycloak's `/openid-connect/auth`. These
providers take the request without `response_type` (GitHub and Slack document none);
the token endpoint (`/access_token`, `/token`) and the logout one
(`/logout?client_id=...`) are other paths."""


def _binds_answer(ctx: FileContext, node: ast.AST) -> bool:
    """Whether the function holding `node` (the module, outside any) mentions `state`,
    `nonce` or `code_challenge`."""
    holder = ctx.scopes.enclosing_function(node)
    if holder is None:
        return any(ctx.mentions(word) for word in _BINDING_WORDS)
    end = holder.end_lineno or holder.lineno
    text = "\n".join(ctx.lines[holder.lineno - 1 : end]).lower()
    return any(word in text for word in _BINDING_WORDS)
