"""WW836: an API token just issued to the user, sent in the URL of a redirect."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import summands
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_ISSUERS = frozenset(
    {
        "knox.models.AuthToken.objects.create",
        "rest_framework.authtoken.models.Token.objects.create",
        "rest_framework.authtoken.models.Token.objects.get_or_create",
        "rest_framework_simplejwt.tokens.RefreshToken.for_user",
        "rest_framework_simplejwt.tokens.AccessToken.for_user",
        "flask_jwt_extended.create_access_token",
        "flask_jwt_extended.create_refresh_token",
    }
)
"""Calls issuing a token that authenticates the user's API requests: django-rest-knox's
and DRF's token models, SimpleJWT's tokens, Flask-JWT-Extended's."""
_REDIRECTS = frozenset(
    {
        "django.shortcuts.redirect",
        "django.http.HttpResponseRedirect",
        "django.http.HttpResponsePermanentRedirect",
        "django.http.response.HttpResponseRedirect",
        "django.http.response.HttpResponsePermanentRedirect",
        "flask.redirect",
        "werkzeug.utils.redirect",
        "starlette.responses.RedirectResponse",
        "fastapi.responses.RedirectResponse",
    }
)
_URL_KEYWORDS = frozenset({"to", "location", "redirect_to", "url"})


class AuthTokenInRedirectUrl(PythonRule):
    """## What it does
    Finds functions that issue an API token to a user (django-rest-knox's
    `AuthToken.objects.create(user)`, DRF's `Token.objects.get_or_create(user=user)`,
    SimpleJWT's `RefreshToken.for_user(user)`, Flask-JWT-Extended's
    `create_access_token(...)`) and send it in the URL of a redirect they answer with
    (`redirect("/?" + urlencode({"token": raw}))`, `HttpResponseRedirect(f"/app?jwt={access}")`),
    directly or through locals of the same function holding the token or the URL
    built from it: the hand-over of a single sign-on callback to a single-page app. A
    token placed after a `#` (the fragment, which the browser keeps to itself) is not
    reported.

    ## Why is this bad?
    The browser requests the redirect's URL: the token is written to the access logs of
    the server and of every proxy in front of it, kept in the browser's history, and
    sent on in the `Referer` header of what the page loads. Whoever reads any of them
    can act as the user until the token expires; an API token often lives for hours.

    ## Example
    ```python
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from knox.models import AuthToken


    def sso_done(request):
        _, raw = AuthToken.objects.create(request.user)
        return redirect("/?" + urlencode({"token": raw}))
    ```

    ## Fix
    ```python
    from urllib.parse import urlencode

    from django.shortcuts import redirect
    from knox.models import AuthToken


    def sso_done(request):
        # The fragment stays in the browser: the page's script reads it and removes it.
        _, raw = AuthToken.objects.create(request.user)
        return redirect("/#" + urlencode({"token": raw}))
    ```
    Better still, log the user in with the session cookie, or hand over a one-time code
    that the page exchanges for the token in a POST.

    ## References
    - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    - [OWASP: Information exposure through query strings in URL](https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url)
    - [RFC 6749 (OAuth 2.0), section 10.3: access tokens in URLs](https://www.rfc-editor.org/rfc/rfc6749#section-10.3)
    """

    code = "WW836"
    name = "auth-token-in-redirect-url"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 598
    message = (
        "`{call}()` sends the token `{issuer}()` issued in the redirect's URL: URLs are "
        "kept by access logs, browser history and `Referer` headers"
    )
    fix = "put it after `#` in the URL, or log in with a cookie, or hand over a one-time code the page exchanges by POST"
    calls = _REDIRECTS
    mentions = (("AuthToken", "Token", "for_user", "create_access_token", "create_refresh_token"),)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        function = ctx.scopes.enclosing_function(node)
        if name not in _REDIRECTS or function is None:
            return
        url = node.args[0] if node.args else None
        url = url or next((k.value for k in node.keywords if k.arg in _URL_KEYWORDS), None)
        if url is None:
            return
        held = _held(ctx, function)
        issuer = _sent(ctx, url, held)
        if issuer:
            yield self.finding(ctx, node, call=name.rpartition(".")[2], issuer=issuer)


def _held(ctx: FileContext, function: ast.AST) -> dict[str, tuple[str, ast.expr]]:
    """The locals of `function` holding an issued token, or text made from one: name ->
    (the issuer's short name, the value assigned)."""
    held: dict[str, tuple[str, ast.expr]] = {}
    assigns = [n for n in ast.walk(function) if isinstance(n, ast.Assign)]
    assigns.sort(key=lambda n: (n.lineno, n.col_offset))
    for _ in range(3):  # NOTE: a token, then its text, then a URL made of it
        for assign in assigns:
            issuer = _issuer_in(ctx, assign.value, held)
            if not issuer:
                continue
            for target in assign.targets:
                elements = target.elts if isinstance(target, ast.Tuple) else [target]
                for element in elements:
                    if isinstance(element, ast.Name) and element.id != "_":
                        held.setdefault(element.id, (issuer, assign.value))
    return held


def _issuer_in(ctx: FileContext, node: ast.expr, held: dict[str, tuple[str, ast.expr]]) -> str:
    """The short name of the issuer whose token `node` holds or is made of, or ""."""
    for part in ast.walk(node):
        if isinstance(part, ast.Call) and (ctx.call_name(part) or "") in _ISSUERS:
            return _short(ctx.call_name(part) or "")
        if isinstance(part, ast.Name) and part.id in held:
            return held[part.id][0]
    return ""


def _short(name: str) -> str:
    """An issuer as code names it: from its class on (`AuthToken.objects.create`), or
    the function alone (`create_access_token`)."""
    parts = name.split(".")
    first = next((i for i, p in enumerate(parts) if p[:1].isupper()), len(parts) - 1)
    return ".".join(parts[first:])


def _sent(ctx: FileContext, url: ast.expr, held: dict[str, tuple[str, ast.expr]]) -> str:
    """The issuer whose token the URL carries before any `#`, or ""."""
    if isinstance(url, ast.Name) and url.id in held:
        value = held[url.id][1]
        if not _issuer_in(ctx, value, {}) and value is not url:
            url = value  # NOTE: a URL built from the token: judged by where it goes
    for piece in _pieces(url):
        if isinstance(piece, ast.Constant) and isinstance(piece.value, str):
            if "#" in piece.value:
                return ""
            continue
        issuer = _issuer_in(ctx, piece, held)
        if issuer:
            return issuer
    return ""


def _pieces(url: ast.expr) -> list[ast.expr]:
    """The parts a URL is written in, left to right: an f-string's, a `+` chain's."""
    if isinstance(url, ast.JoinedStr):
        return [v.value if isinstance(v, ast.FormattedValue) else v for v in url.values]
    if isinstance(url, ast.BinOp) and isinstance(url.op, ast.Add):
        return [p for s in summands(url) for p in _pieces(s)]
    return [url]
