"""WW644: an OAuth callback exchanging the code from the request without checking `state`."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import walk
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.csrf._oauthlib_clients import EXCHANGE, checks_state, exchanged_response

_QUERY_HOLDERS = frozenset({"args", "values", "form", "GET", "POST", "query_params", "data"})
"""Where Flask (`request.args`), Django (`request.GET`) and DRF (`request.query_params`)
hold the callback's parameters."""
Function = ast.FunctionDef | ast.AsyncFunctionDef
_SESSIONS = frozenset(
    {"requests_oauthlib.OAuth2Session", "requests_oauthlib.oauth2_session.OAuth2Session"}
)
_DJANGO_BACKENDS = "django.contrib.auth.backends."
"""Where Django's authentication backends live (`ModelBackend`, `BaseBackend`,
`RemoteUserBackend`): their `authenticate(request, ...)` is called by
`django.contrib.auth.authenticate()` from the project's callback view."""


class OauthCallbackWithoutState(PythonRule):
    """## What it does
    Finds OAuth 2.0 and OpenID Connect callbacks a project writes itself: a token request
    built as a dict (`{"grant_type": "authorization_code", "code": code, ...}`) whose code
    is read from the request (`request.args["code"]`, `request.GET.get("code")`, or
    `args["code"]` after `args = parser.parse_args()`, flask-restful's request parser),
    in the function making the request or in a function of the module that calls it with that
    code, or requests-oauthlib's `OAuth2Session.fetch_token(...)` given the callback's
    address (`authorization_response=request.url`) or its code, where the callback never
    mentions `state`, an OpenID Connect `nonce` or PKCE's `code_verifier`
    (`fetch_token` compares the answer's `state` only with the one the session was made
    with, `OAuth2Session(client_id, state=session["oauth_state"])`), or oauthlib's
    `client.prepare_token_request(token_url, authorization_response=request.url)` (also
    through a local holding the address), which checks the address's `state` only
    against a `state=` it is given, in a function that passes no `state=`, `nonce=` or
    `code_verifier=`, reads nothing so named (`session["oauth_state"]`,
    `request.args.get("state")`) and calls no helper named for checking one
    (`verify_state(...)`; a helper that only reads it, `parse_state_from(url)`, is no
    check; comments and the docstring do not count). A `state` used only to carry
    values, split apart (`args["state"].split(",")`) or declared as a parser argument
    with a default (`parser.add_argument("state", default=...)`), is no check either.

    ## Why is this bad?
    The callback accepts any authorization code, also one the attacker obtained for his
    own account at the provider and planted in a link or an image on his site: the
    victim's browser completes the login, and the victim works in the attacker's account
    (login CSRF), uploading data or linking identities the attacker then reads. Sending
    a `state` in the authorization request is not enough: the callback must compare the
    `state` it receives with the one kept in the session before exchanging the code.

    ## Known problems
    Only callbacks in the module making the token request are followed. A callback that
    reads a `state` otherwise (compares it, hands it to a call) is taken to check it. Libraries (Authlib's
    `authorize_access_token()`, requests-oauthlib's `fetch_token(authorization_response=...)`,
    social-auth, django-allauth) check `state` themselves and build no such dict in the
    project: they are not reported (nor is requests-oauthlib's session made with the
    `state` it sent). Nor is the `authenticate(request, ...)` method of a Django
    authentication backend (a class deriving from one of `django.contrib.auth.backends`):
    Django calls it from the view that calls `django.contrib.auth.authenticate(request)`,
    and that view, the callback, is where `state` is checked (as mozilla-django-oidc's
    callback view does before its backend exchanges the code); a callback view in
    another module is not followed, so one that forgets the check is missed. A Django
    REST framework authentication class's `authenticate(request)` runs on the request
    itself and is judged as a callback. Test code is not reported.

    ## Example
    ```python
    import requests
    from flask import Flask, request, session

    app = Flask(__name__)

    @app.route("/oauth/callback")
    def callback():
        token = requests.post(TOKEN_URL, data={
            "grant_type": "authorization_code",
            "code": request.args["code"],
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        }, timeout=10).json()
        session["token"] = token["access_token"]
        return "signed in"
    ```

    ## Fix
    ```python
    import hmac

    @app.route("/oauth/callback")
    def callback():
        expected = session.pop("oauth_state", None)
        if not expected or not hmac.compare_digest(expected, request.args.get("state", "")):
            abort(400)
        token = requests.post(TOKEN_URL, data={
            "grant_type": "authorization_code",
            "code": request.args["code"],
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
        }, timeout=10).json()
        session["token"] = token["access_token"]
        return "signed in"
    ```
    Or use PKCE, or an OAuth library that keeps and checks `state`.

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [RFC 6749, 10.12: Cross-Site Request Forgery](https://datatracker.ietf.org/doc/html/rfc6749#section-10.12)
    - [RFC 9700, 2.1: Protecting Redirect-Based Flows](https://datatracker.ietf.org/doc/html/rfc9700#section-2.1)
    """

    code = "WW644"
    name = "oauth-callback-without-state"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    keyword_calls_only = True
    message = (
        "`{read}` is exchanged for a token in `{callback}()` without checking `state`:"
        " another site can log the user in to its own account"
    )
    fix = (
        "compare the callback's `state` with the random value kept in the session before"
        " exchanging the code (or use PKCE, or an OAuth library that does)"
    )

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        """requests-oauthlib's `fetch_token` checks the answer's `state` only against the
        one the `OAuth2Session` was made with (`state=`), and never when given `code=`."""
        if isinstance(node.func, ast.Attribute) and node.func.attr == EXCHANGE:
            yield from self._client_exchange(node, ctx)
            return
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "fetch_token"):
            return
        if ctx.origin(node.func.value) not in _SESSIONS:
            return
        read = ctx.keyword(node, "code")
        if read is None or not _reads_code(read):
            read = ctx.keyword(node, "authorization_response")
            if read is None or not _from_request(read):
                return
        callback = ctx.scopes.enclosing_function(node)
        if callback is None or checks_state(callback) or _backend_authenticate(ctx, callback):
            return
        yield self.make_finding(
            ctx.location(read),
            snippet=ctx.snippet(read),
            read=" ".join(ast.unparse(read).split()),
            callback=callback.name,
        )

    def _client_exchange(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        """oauthlib's `client.prepare_token_request(url, authorization_response=...)`
        checks the address's `state` only against a `state=` it is given."""
        read = exchanged_response(ctx, node)
        callback = ctx.scopes.enclosing_function(node) if read is not None else None
        if read is None or callback is None or checks_state(callback):
            return
        if _backend_authenticate(ctx, callback):
            return
        yield self.make_finding(
            ctx.location(read),
            snippet=ctx.snippet(read),
            read=" ".join(ast.unparse(read).split()),
            callback=callback.name,
        )

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        code = _exchanged_code(node)
        if code is None:
            return
        maker = ctx.scopes.enclosing_function(node)
        if maker is None or checks_state(maker) or _backend_authenticate(ctx, maker):
            return
        for callback, read in _callbacks(ctx, maker, code):
            if callback is maker or not checks_state(callback):
                yield self.make_finding(
                    ctx.location(read),
                    snippet=ctx.snippet(read),
                    read=" ".join(ast.unparse(read).split()),
                    callback=callback.name,
                )


def _backend_authenticate(ctx: FileContext, function: Function) -> bool:
    """Whether `function` is the `authenticate` method of a Django authentication backend:
    the view calling `django.contrib.auth.authenticate(request)` is the callback."""
    owner = ctx.parent(function)
    return (
        function.name == "authenticate"
        and isinstance(owner, ast.ClassDef)
        and any((ctx.qualified(base) or "").startswith(_DJANGO_BACKENDS) for base in owner.bases)
    )


def _exchanged_code(node: ast.Dict) -> ast.expr | None:
    """The `code` of a token request for an authorization code, or None."""
    items = {
        key.value: value
        for key, value in zip(node.keys, node.values, strict=True)
        if isinstance(key, ast.Constant) and isinstance(key.value, str)
    }
    grant = items.get("grant_type")
    if not (isinstance(grant, ast.Constant) and grant.value == "authorization_code"):
        return None
    return items.get("code")


def _callbacks(
    ctx: FileContext, maker: Function, code: ast.expr
) -> Iterator[tuple[Function, ast.expr]]:
    """(callback, the request read of the code) for the function making the token
    request, when it reads the code itself, or for each function of the module handing
    it the code read from the request."""
    read = _request_read(ctx, maker, code)
    if read is not None:
        yield maker, read
        return
    position = _parameter(maker, code)
    if position is None:
        return
    index, name = position
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - asked for calls
        if _called_name(call) != maker.name:
            continue
        caller = ctx.scopes.enclosing_function(call)
        given = ctx.argument(call, index, name)
        if caller is None or caller is maker or given is None:
            continue
        read = _request_read(ctx, caller, given)
        if read is not None:
            yield caller, read


def _request_read(ctx: FileContext, function: Function, value: ast.expr) -> ast.expr | None:
    """The read of the request's `code` parameter that `value` is (directly, or a local
    of `function` assigned it), or None."""
    parsed = _parsed_arguments(function)
    if isinstance(value, ast.Name):
        for node in walk(function):
            if not isinstance(node, ast.Assign) or not _reads_code(node.value, parsed):
                continue
            if any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets):
                return node.value
        return None
    return value if _reads_code(value, parsed) else None


def _parsed_arguments(function: Function) -> frozenset[str]:
    """The locals holding what a request parser read (`args = parser.parse_args()`,
    flask-restful's `reqparse`): the request's parameters by name."""
    return frozenset(
        target.id
        for node in walk(function)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Attribute)
        and node.value.func.attr == "parse_args"
        for target in node.targets
        if isinstance(target, ast.Name)
    )


def _reads_code(node: ast.expr, parsed: frozenset[str] = frozenset()) -> bool:
    """`request.args["code"]`, `request.GET.get("code")`, `self.request.query_params["code"]`,
    or `args["code"]` of the arguments a request parser read (`parsed`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr != "get" or not node.args:
            return False
        holder, key = node.func.value, node.args[0]
    elif isinstance(node, ast.Subscript):
        holder, key = node.value, node.slice
    else:
        return False
    if not (isinstance(key, ast.Constant) and key.value == "code"):
        return False
    if isinstance(holder, ast.Name) and holder.id in parsed:
        return True
    if not (isinstance(holder, ast.Attribute) and holder.attr in _QUERY_HOLDERS):
        return False
    request = holder.value
    name = request.attr if isinstance(request, ast.Attribute) else getattr(request, "id", "")
    return name in {"request", "req"}


def _from_request(node: ast.expr) -> bool:
    """`request.url`, `request.build_absolute_uri()`, `request.get_full_path()`: the
    callback's own address, with the code and the state in its query."""
    return any(isinstance(part, ast.Name) and part.id == "request" for part in walk(node))


def _parameter(function: Function, code: ast.expr) -> tuple[int, str] | None:
    """(position, name) of the parameter the code is, or None."""
    if not isinstance(code, ast.Name):
        return None
    arguments = function.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    if code.id in positional:
        index = positional.index(code.id)
        if positional and positional[0] in {"self", "cls"}:
            index -= 1
        return index, code.id
    if code.id in {a.arg for a in arguments.kwonlyargs}:
        return 10_000, code.id
    return None


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None
