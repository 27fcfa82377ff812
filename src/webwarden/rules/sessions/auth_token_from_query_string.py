"""WW830: the token that authenticates every request taken from the URL's query string."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.caller_checks import refusal
from webwarden.model.tree import own_nodes
from webwarden.rules.auth._permission_checks import PERMISSION_HOOKS, compared_in_decision
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words
from webwarden.rules.sessions._credential_headers import (
    credential_header_read,
    is_credential_name,
)

_QUERY_PARTS = frozenset({"args", "GET", "query_params"})
"""Flask's `request.args`, Django's `request.GET`, REST framework's `request.query_params`."""
_KEYED_READS = frozenset({"get", "getlist", "pop"})
_AUTHORIZATION = "HTTP_AUTHORIZATION"
_LOADERS = frozenset({"request_loader"})
"""Flask-Login's loader of the user from the request (not from the session)."""


class AuthTokenFromQueryString(PythonRule):
    """## What it does
    Finds code that takes the credential authenticating a request from the query string
    of its URL: a middleware or view writing a query-string value into the request's
    `Authorization` header (`request.META["HTTP_AUTHORIZATION"] = "Token %s" %
    request.GET.get("access_token")`, also through a local holding the read), a Django
    REST framework authentication class whose `authenticate()` reads a token-like key
    of the query string (`request.query_params.get("token")`), or whose hook giving
    `authenticate()` the token (`get_jwt_value()` of django-rest-framework-jwt's
    classes, `get_header()` of SimpleJWT's) reads the query string under any key
    for the token it returns (`return request.query_params.get("jwt")`), and a Flask-Login
    `request_loader` that does (`request.args.get("api_key")`); also any function that
    reads a credential from a request header (`request.META.get("HTTP_X_API_KEY")`,
    `request.headers.get("Authorization")`) and takes one from the query string as well
    (`key = ... or request.GET.get("apikey")`, or a parameter of a plainer name kept in a
    local named for a credential, `api_key = request.args.get("key")`): the header says
    the function authenticates, so the URL carries the same credential; and a REST framework
    permission hook (`has_permission`, `has_object_permission`) that returns whether a
    query-string value equals one the server keeps (`request.query_params.get("key") ==
    obj.key`, also through `hmac.compare_digest`): that value lets the request in,
    whatever its key is called. So is any function that refuses the request (`abort(401)`,
    `raise`, an error answer) when a query-string value under the name of a standing
    credential (`api_token`, `access_token`, `api_key`, `auth_token`) differs from one
    the server keeps (`if request.args.get("api_token") != org.api_token: abort(401)`,
    also `not hmac.compare_digest(...)`): an API's own token check.

    ## Why is this bad?
    The token then works as `?access_token=...` in any URL, and clients are led to put it
    there (a download link, an `<img src>`). URLs are written to the access logs of the
    server and of every proxy in front of it, kept in the browser's history, and sent on
    in the `Referer` header: whoever reads any of them can act as the user until the
    token expires. HTTPS does not help, the URL is in clear at both ends.

    ## Known problems
    A one-time token in an e-mailed link (password reset, e-mail verification) is read
    by the view it leads to, not by authentication code, and is not reported. WebSocket
    handshakes, which cannot carry headers from a browser, read the ASGI scope's
    `query_string`, which this rule does not look at. An anti-forgery token (`csrf_token`)
    is not a credential: it is meant to travel in forms. A read that only decides to
    refuse the request, itself or through a local tested nowhere else (`if
    request.GET.get("access_token") is not None: raise ParseError(...)`), is not
    reported: it turns away a token sent in the URL. Nor is one only tested and handed
    to Django's signature check with a `max_age` of minutes at most
    (`TimestampSigner().unsign(request.GET.get("signature"), max_age=30)`): a link's own
    short-lived signed token, expired before a log or `Referer` is read.

    ## Example
    ```python
    class ApiTokenSetter:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            token = request.GET.get("access_token")
            request.META["HTTP_AUTHORIZATION"] = f"Token {token}"
            return self.get_response(request)
    ```

    ## Fix
    ```python
    class ApiTokenSetter:
        def __init__(self, get_response):
            self.get_response = get_response

        def __call__(self, request):
            return self.get_response(request)
    ```
    Send the token in the `Authorization` header; give a link that must work without
    one its own short-lived, single-purpose signed token.

    ## References
    - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    - [OWASP Session Management Cheat Sheet: session ID exchange](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#session-id-exchange-mechanism)
    - [Django REST framework: custom authentication](https://www.django-rest-framework.org/api-guide/authentication/#custom-authentication)
    """

    code = "WW830"
    name = "auth-token-from-query-string"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 598
    message = (
        "{what} takes the credential from the query string (`{read}`): URLs are kept by "
        "access logs, browser history and `Referer` headers"
    )
    fix = "take the token from the `Authorization` header only; give links a short-lived token of their own"
    assigns = frozenset({f"[{_AUTHORIZATION}]"})
    mentions = ("request",)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if not any(_authorization_header(target) for target in node.targets):
            return
        read = _query_read_in(ctx, node.value, follow=True)
        if read is not None:
            what = "the request's `Authorization` header"
            yield self.finding(ctx, node, what=what, read=ast.unparse(read))

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._permission_hook(node, ctx)
        if _authenticator(ctx, node) is None and _header_fallback(ctx, node) is None:
            yield from self._token_gate(node, ctx)
        what = _authenticator(ctx, node)
        nodes = ast.walk(node)
        if what is None:
            what = _header_fallback(ctx, node)
            nodes = own_nodes(node)  # NOTE: a nested function is judged on its own
        if what is None:
            return
        for inner in nodes:
            key = _query_key(ctx, inner) if isinstance(inner, ast.expr) else None
            if key is None or not (
                (node.name in _TOKEN_GETTERS and _returned(ctx, inner, node))
                or is_credential_name(key)
                or _held_as_credential(ctx, inner)
            ):
                continue
            if isinstance(inner, ast.expr) and _refused_only(ctx, inner, node):
                continue  # NOTE: a token in the URL turned away, the hardening itself
            if isinstance(inner, ast.expr) and _short_lived_only(ctx, inner, node):
                continue
            yield self.finding(ctx, inner, what=what, read=ast.unparse(inner))

    def _permission_hook(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        """A REST framework permission hook returning whether a query-string value equals
        one the server keeps (`request.query_params.get("key") == obj.key`): that value
        lets the request in, a credential whatever its key."""
        if node.name not in PERMISSION_HOOKS:
            return
        owner = ctx.parent(node)
        what = f"`{getattr(owner, 'name', '')}.{node.name}()` (a REST framework permission)"
        for compare in own_nodes(node):
            for side in compared_in_decision(ctx, compare):
                if _query_key(ctx, side) is not None:
                    yield self.finding(ctx, side, what=what, read=ast.unparse(side))

    def _token_gate(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        """An `if` refusing the request when a standing credential read from the query
        string differs from the value the server keeps (`_gate_sides`)."""
        if node.name in PERMISSION_HOOKS or not _gates_on_query(ctx):
            return
        what = f"`{node.name}()`, which refuses the request unless it matches a kept value,"
        for statement in own_nodes(node):
            if not isinstance(statement, ast.If) or not refusal(ctx, statement.body):
                continue
            for side in _gate_sides(ctx, statement.test):
                key = _query_key(ctx, side)
                if key and _standing_credential(key):
                    yield self.finding(ctx, side, what=what, read=ast.unparse(side))


_STANDING_WORDS = frozenset({"api", "apikey", "access", "auth", "bearer"})
"""Words naming a credential that lets a client in on every request, not a one-time
token of an e-mailed link (`token`, `signature`, `code`)."""
_DIGEST_COMPARES = frozenset({"hmac.compare_digest", "secrets.compare_digest"})


def _standing_credential(key: str) -> bool:
    """`api_token`, `access_token`, `apikey`: a credential name of `_STANDING_WORDS`."""
    return is_credential_name(key) and bool(_STANDING_WORDS.intersection(identifier_words(key)))


def _gates_on_query(ctx: FileContext) -> bool:
    """Whether some `if` of the module tests a standing credential read from the query
    string (`_gate_sides`), worked out once per module: most have none, and walking each
    function for its `if`s is the rule's cost."""
    found = ctx.memo.get(_gates_on_query)
    if found is None:
        found = ctx.memo[_gates_on_query] = any(
            (key := _query_key(ctx, side)) and _standing_credential(key)
            for statement in ctx.nodes(ast.If)
            if isinstance(statement, ast.If)
            for side in _gate_sides(ctx, statement.test)
        )
    return bool(found)


def _gate_sides(ctx: FileContext, test: ast.expr) -> list[ast.expr]:
    """The values an `if` test finds different, through `or`, `and` and `not`: the sides
    of a `!=` (`sent != kept`), the arguments of a negated `hmac.compare_digest(...)`."""
    if isinstance(test, ast.BoolOp):
        return [side for value in test.values for side in _gate_sides(ctx, value)]
    if isinstance(test, ast.Compare):
        if len(test.ops) == 1 and isinstance(test.ops[0], ast.NotEq):
            return [test.left, test.comparators[0]]
        return []
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        call = test.operand
        if isinstance(call, ast.Call) and ctx.qualified(call.func) in _DIGEST_COMPARES:
            return list(call.args[:2])
    return []


def _held_as_credential(ctx: FileContext, read: ast.AST) -> bool:
    """Whether the read is assigned to a local named for a credential (`api_key =
    request.args.get("key")`): the parameter's own name may say less than the code does."""
    name = ctx.assigned_name(read)
    return name is not None and is_credential_name(name)


def _refused_only(ctx: FileContext, read: ast.expr, function: ast.FunctionDef) -> bool:
    """Whether the read only decides to refuse the request: it (or a local it is assigned
    to, wherever the function reads that) is the test of an `if` whose body refuses,
    `if request.GET.get("access_token") is not None: raise ParseError(...)`."""
    holder = ctx.parent(read)
    if not isinstance(holder, ast.Assign):
        return _refusing_test(ctx, read)
    if len(holder.targets) != 1 or not isinstance(holder.targets[0], ast.Name):
        return False
    name = holder.targets[0].id
    uses = [
        n
        for n in ast.walk(function)
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
    ]
    return bool(uses) and all(_refusing_test(ctx, use) for use in uses)


_UNSIGNERS = frozenset({"unsign", "unsign_object", "loads"})
"""Django's `Signer.unsign()`, `TimestampSigner.unsign()`, `unsign_object()` and
`signing.loads()`: with `max_age`, they refuse a value signed longer ago."""
_SHORT_LIVED_SECONDS = 300
"""The longest `max_age` of a signed value taken for a link's own short-lived token."""


def _short_lived_only(ctx: FileContext, read: ast.expr, function: ast.FunctionDef) -> bool:
    """Whether the read (or a local it is assigned to) is only tested for presence and
    handed to a check of the server's signature that refuses it minutes after it was
    signed (`TimestampSigner().unsign(signature, max_age=30)`): the link's own
    short-lived token, which the fix asks for; a copy in a log or `Referer` is expired
    before anyone reads it."""
    if _short_lived_unsign(ctx, read):
        return True
    name = ctx.assigned_name(read)
    if name is None:
        return False
    uses = [
        n
        for n in ast.walk(function)
        if isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Load)
    ]
    unsigned = [use for use in uses if _short_lived_unsign(ctx, use)]
    return bool(unsigned) and all(use in unsigned or _in_test(ctx, use) for use in uses)


def _short_lived_unsign(ctx: FileContext, value: ast.expr) -> bool:
    """`value` is the first argument of a signature check with a `max_age` of at most
    `_SHORT_LIVED_SECONDS`."""
    call = ctx.parent(value)
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _UNSIGNERS
        and call.args[:1] == [value]
    ):
        return False
    age = next((k.value for k in call.keywords if k.arg == "max_age"), None)
    return (
        isinstance(age, ast.Constant)
        and isinstance(age.value, int | float)
        and not isinstance(age.value, bool)
        and 0 < age.value <= _SHORT_LIVED_SECONDS
    )


def _in_test(ctx: FileContext, node: ast.expr) -> bool:
    """`node` is (in) the test of an `if`: read only to decide, not to let anyone in."""
    child: ast.AST = node
    parent = ctx.parent(node)
    while isinstance(parent, ast.expr):
        child, parent = parent, ctx.parent(parent)
    return isinstance(parent, ast.If) and parent.test is child


def _refusing_test(ctx: FileContext, node: ast.expr) -> bool:
    """`node` is the test of an `if` that refuses (`if token:`, `if token is not
    None:`): the request carrying it goes no further."""
    test = ctx.parent(node)
    if (
        isinstance(test, ast.Compare)
        and test.left is node
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.IsNot | ast.NotEq)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value in (None, "")
    ):
        node, test = test, ctx.parent(test)
    return isinstance(test, ast.If) and test.test is node and refusal(ctx, test.body)


def _authorization_header(target: ast.expr) -> bool:
    """`request.META["HTTP_AUTHORIZATION"]` or `environ["HTTP_AUTHORIZATION"]`."""
    return (
        isinstance(target, ast.Subscript)
        and isinstance(target.slice, ast.Constant)
        and target.slice.value == _AUTHORIZATION
    )


def _authenticator(ctx: FileContext, function: ast.FunctionDef) -> str | None:
    """What authenticates every request with `function`: the `authenticate()` of a class
    named as an authentication class (`class QueryTokenAuthentication(BaseAuthentication)`),
    or a Flask-Login `request_loader`."""
    for decorator in function.decorator_list:
        if isinstance(decorator, ast.Attribute) and decorator.attr in _LOADERS:
            return f"`{function.name}()` (a Flask-Login `request_loader`)"
    owner = ctx.parent(function)
    hooks = ("authenticate", *_TOKEN_GETTERS)
    if function.name not in hooks or not isinstance(owner, ast.ClassDef):
        return None
    named = [ctx.qualified(base) or ast.unparse(base) for base in owner.bases]
    if any(name.rsplit(".", 1)[-1].endswith("Authentication") for name in named):
        return f"`{owner.name}.{function.name}()`"
    return None


_TOKEN_GETTERS = frozenset({"get_jwt_value", "get_header"})
"""The hooks a JWT authentication class of REST framework calls from its `authenticate()`
for the token itself: django-rest-framework-jwt's `get_jwt_value(request)`, SimpleJWT's
`get_header(request)`. What such a hook reads is the credential, whatever its key."""


def _returned(ctx: FileContext, read: ast.AST, function: ast.FunctionDef) -> bool:
    """Whether the function returns what the read gives: the read is in a `return`'s value,
    or assigned to a local that a `return` of the function gives back."""
    value = read
    while isinstance(holder := ctx.parent(value), ast.expr):
        value = holder
    if isinstance(holder, ast.Return):
        return True
    name = ctx.assigned_name(value)
    if name is None:
        return False
    return any(
        isinstance(inner, ast.Return)
        and inner.value is not None
        and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(inner.value))
        for inner in own_nodes(function)
    )


def _header_fallback(ctx: FileContext, function: ast.FunctionDef) -> str | None:
    """A function reading the request's credential from a header of its own
    (`request.META.get("HTTP_X_API_KEY")`): it authenticates, so a query-string credential
    it also reads is the same credential given in the URL."""
    readers = _header_readers(ctx)
    if id(function) not in readers:
        return None  # NOTE: the module's reads, found once, spare a walk of every function
    for inner in own_nodes(function):
        header = credential_header_read(ctx, inner)
        if header is not None:
            return f"`{function.name}()`, which also reads the `{header}` header,"
    return None


def _header_readers(ctx: FileContext) -> set[int]:
    """The ids of the functions whose own code reads a credential header (its nearest
    enclosing function), from the module's calls and subscripts, once per module."""
    found = ctx.memo.get(_header_readers)
    if isinstance(found, set):
        return found
    readers: set[int] = set()
    for node in (*ctx.nodes(ast.Call), *ctx.nodes(ast.Subscript)):
        if credential_header_read(ctx, node) is not None:
            function = ctx.scopes.enclosing_function(node)
            if function is not None:
                readers.add(id(function))
    ctx.memo[_header_readers] = readers
    return readers


def _query_read_in(ctx: FileContext, value: ast.expr, *, follow: bool) -> ast.expr | None:
    """The read of the query string `value` holds: itself or a part of it, or (with
    `follow`) a local it reads that the function assigns such a read to, on any branch."""
    for inner in ast.walk(value):
        if isinstance(inner, ast.expr) and _query_key(ctx, inner) is not None:
            return inner
    function = ctx.scopes.enclosing_function(value)
    if not follow or function is None:
        return None
    names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    for statement in ast.walk(function):
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id in names for t in statement.targets
        ):
            read = _query_read_in(ctx, statement.value, follow=False)
            if read is not None:
                return read
    return None


def _query_key(ctx: FileContext, node: ast.expr) -> str | None:
    """The key of a read of the query string (`request.GET.get("token")`,
    `request.query_params["token"]`), "" when it is not a literal; None for anything else."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        holder, key = node.func.value, node.args[0]
        if node.func.attr not in _KEYED_READS:
            return None
    elif isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        holder, key = node.value, node.slice
    else:
        return None
    if not (isinstance(holder, ast.Attribute) and holder.attr in _QUERY_PARTS):
        return None
    owner = ctx.qualified(holder.value) or ast.unparse(holder.value)
    if owner.rsplit(".", 1)[-1] != "request":
        return None
    return key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) else ""
