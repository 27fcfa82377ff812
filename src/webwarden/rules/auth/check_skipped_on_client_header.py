"""WW775: a credential check skipped when a header the client writes says so."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.debug_branches import debug_test, served_under_debug
from webwarden.model.module import identifier_words
from webwarden.rules.auth._request_headers import (
    SCREEN,
    client_header,
    client_header_readers,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_CHECK_VERBS = frozenset({"verify", "authenticate", "authorize", "authorise"})
_CHECK_OBJECTS = frozenset(
    {"key", "token", "auth", "permission", "permissions", "perm", "perms", "access",
     "signature", "credentials", "credential", "login", "api", "password", "user"}
)  # fmt: skip
_CHECK_NAMES = frozenset(
    {"has_perm", "has_perms", "has_permission", "check_permissions", "check_object_permissions"}
)
_REFUSALS = frozenset({"forbidden", "unauthorized", "unauthorised", "denied", "bad", "error"})
"""Words of a response refusing the request (`HttpResponseForbidden`)."""
_NOT_CREDENTIAL = frozenset({"origin", "referer", "referrer", "csrf", "host", "agent", "xhr"})
"""Words of a check of the header itself (`verify_origin`), not of a credential."""
_LOGIN_TESTS = frozenset({"is_authenticated", "is_anonymous"})
"""The user's attributes a login test reads (`if not request.user.is_authenticated:`)."""
_DECIDING_METHODS = frozenset({"authenticate", "has_permission", "has_object_permission"})
"""Methods whose answer is the check: an authentication backend's or REST framework
authentication class's `authenticate` (a user logs the request in), a permission class's
`has_permission` (`True` lets it through)."""
_ANSWERS_NOTHING = (None, False)
_DEBUG_ONLY = "runs only with `settings.DEBUG` on"


class CheckSkippedOnClientHeader(PythonRule):
    """## What it does
    Finds a credential check (`verify_request(request)`, `check_api_key(...)`,
    `authenticate(...)`, `user.has_perm(...)`) that runs only when a header the client
    writes says the request is not one of the site's own: `Origin`, `Referer`,
    `User-Agent`, `X-Requested-With` or `X-Real-IP` (Django's `request.META["HTTP_ORIGIN"]`,
    `request.headers`, Flask's `request.referrer`, `request.origin`,
    `request.user_agent`), read directly or through a local; a login test
    (`request.user.is_authenticated`) is such a check too. Both shapes are found:
    `if not internal: verify_request(request)` (also `if page not in PUBLIC_PAGES:`,
    the body running when the header names no page of the list), and `if internal:
    return view(request)` before the check, and a refusal (`raise Forbidden()`,
    `abort(401)`, an error answer) whose test joins with `and` a failed check (`not
    current_user.is_authenticated`, `not verify_token(request)`) and the header's
    (`address not in TRUSTED`, the address read from `X-Real-IP`): the header spares
    the refusal a request without credentials would get. In a method whose answer is itself the
    check (an authentication backend's or REST framework authentication class's
    `authenticate`, a permission class's `has_permission` or `has_object_permission`),
    a header test answering with a user or `True`, no credential checked on the way,
    skips that check: the header logs the request in. Reported at low severity when the
    test holds only with `settings.DEBUG` on (`if settings.DEBUG and referer...:`), a
    development back door.

    ## Why is this bad?
    A browser sets these headers, but any other client sets them to whatever it likes:
    `curl -H "Origin: https://example.com"` passes as the site's own page and skips
    the API key check, `-H "Referer: https://example.com/admin/"` as a click from the
    admin. An `Origin` or `Referer` test can add to a check (refusing cross-site
    requests, as Django's CSRF protection does); it cannot replace one.

    ## Known problems
    The check is recognised by its name (a verb such as `verify`, `authenticate` or
    `authorize`, or `check` with `key`, `token`, `permission`, `auth`...). A test of
    the header that only refuses requests (`if not same_origin: raise
    PermissionDenied`, or `return False` from a predicate such as a debug toolbar's
    `SHOW_TOOLBAR_CALLBACK`, which a script's request then does not get) is an added
    defence and is not reported, nor is a header that
    only chooses how each kind of request is checked (`else:` a 401 for a script's
    request where a page's is redirected to the login). Nor is a login test that
    refuses nobody (`if request.user.is_authenticated: name = request.user.username`,
    without `else` or `return`): it only adds the user's own details to a page
    everyone gets, so a link-preview crawler's request answered before it gets less.

    `X-Real-IP` is the client's to write unless a proxy in front of the application
    always sets it itself (nginx's `proxy_set_header X-Real-IP $remote_addr`): behind
    such a proxy the finding is false, and the address is better read from the peer
    (`request.remote_addr`, with Werkzeug's `ProxyFix` where a proxy forwards it).

    ## Example
    ```python
    class KeyedView(View):
        def dispatch(self, request, *args, **kwargs):
            internal = request.get_host() in request.META.get("HTTP_ORIGIN", "")
            if not internal:
                verify_api_key(request)
            return super().dispatch(request, *args, **kwargs)
    ```

    ## Fix
    ```python
    class KeyedView(View):
        def dispatch(self, request, *args, **kwargs):
            if not request.user.is_authenticated:
                verify_api_key(request)
            return super().dispatch(request, *args, **kwargs)
    ```
    Let the site's own pages authenticate as everyone else does (the session, or a key
    of their own).

    ## References
    - [CWE-290: Authentication Bypass by Spoofing](https://cwe.mitre.org/data/definitions/290.html)
    - [CWE-293: Using Referer Field for Authentication](https://cwe.mitre.org/data/definitions/293.html)
    - [OWASP: Authorization Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html)
    """

    code = "WW775"
    name = "check-skipped-on-client-header"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 290
    message = "`{check}` is skipped when the `{header}` header the client sends says so"
    fix = "authenticate the site's own pages too; never let a header the client writes skip a check"
    mentions = ("request",)

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        if not any(ctx.mentions(word) for word in SCREEN):
            return
        for function in client_header_readers(ctx):
            bindings = ctx.scopes.bindings(function)
            for statement in ast.walk(function):
                if isinstance(statement, ast.If) and (
                    ctx.scopes.enclosing_function(statement) is function
                ):
                    yield from self._judge(ctx, statement, bindings, function)

    def _judge(
        self,
        ctx: FileContext,
        node: ast.If,
        bindings: dict[str, list[ast.expr]],
        function: ast.FunctionDef | ast.AsyncFunctionDef,
    ) -> Iterator[Finding]:
        header, negated = _header_test(ctx, node.test, bindings)
        if header is None:
            return
        if negated:
            skipped = _credential_check(node.body)
            if skipped is not None and _checked_too(ctx, node):
                skipped = None
            elif skipped is None and _refuses(node.body):
                skipped = _failed_check(node.test)
        elif not _credential_check(node.body):
            skipped = _credential_check(node.orelse)
            if skipped is None and _exits(node.body):
                skipped = _credential_check(_after(ctx, node)) or _decided(function, node)
        else:
            skipped = None
        if skipped is None:
            return
        finding = self.finding(ctx, node, check=skipped, header=header)
        if debug_test(ctx, node.test) is True or served_under_debug(ctx, node):
            finding = lower_for_context(finding, Severity.LOW, _DEBUG_ONLY)
        yield finding


def _refuses(statements: list[ast.stmt]) -> bool:
    """Whether the block ends by refusing the request: a raise, `abort(...)`, or an answer
    with an error status or a refusing name."""
    if not statements:
        return False
    last = statements[-1]
    if isinstance(last, ast.Raise):
        return True
    if isinstance(last, ast.Expr) and isinstance(last.value, ast.Call):
        name = ast.unparse(last.value.func).rpartition(".")[2]
        return name == "abort" or bool(_REFUSALS & set(identifier_words(name)))
    return isinstance(last, ast.Return) and last.value is not None and not _exits([last])


def _failed_check(test: ast.expr) -> str | None:
    """The credential check a conjunct of `test` finds failed (`not verify_token()`,
    `not current_user.is_authenticated`): with the header's conjunct beside it, the
    refusal the test guards runs only when the header agrees too."""
    if not (isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And)):
        return None
    for conjunct in test.values:
        if not (isinstance(conjunct, ast.UnaryOp) and isinstance(conjunct.op, ast.Not)):
            continue
        inner = conjunct.operand
        if isinstance(inner, ast.Attribute) and inner.attr == "is_authenticated":
            return ast.unparse(inner)
        if isinstance(inner, ast.Call):
            func = inner.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if _checks_credentials(name):
                return name
    return None


def _decided(function: ast.FunctionDef | ast.AsyncFunctionDef, node: ast.If) -> str | None:
    """The method's name when it is a check whose answer `node`'s body gives (a user from
    `authenticate`, `True` from `has_permission`), else None."""
    if function.name not in _DECIDING_METHODS or not node.body:
        return None
    last = node.body[-1]
    if not isinstance(last, ast.Return) or last.value is None:
        return None
    answer = last.value
    if isinstance(answer, ast.Constant) and answer.value in _ANSWERS_NOTHING:
        return None
    return function.name


def _header_test(
    ctx: FileContext, test: ast.expr, bindings: dict[str, list[ast.expr]]
) -> tuple[str | None, bool]:
    """The client header a test's conjunct reads, and whether that conjunct is negated
    (the body runs when the header does not say the request is the site's own)."""
    conjuncts = (
        test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    )
    for conjunct in conjuncts:
        negated = isinstance(conjunct, ast.UnaryOp) and isinstance(conjunct.op, ast.Not)
        inner = conjunct.operand if isinstance(conjunct, ast.UnaryOp) and negated else conjunct
        # NOTE: `referer_path not in PUBLIC_PAGES`, `origin != SITE`: true when the header
        # does not say the request is the site's own, as `not (... in ...)` is.
        negated = negated or (
            isinstance(inner, ast.Compare)
            and len(inner.ops) == 1
            and isinstance(inner.ops[0], ast.NotIn | ast.NotEq)
        )
        header = client_header(ctx, inner, bindings)
        if header is not None:
            return header, negated
    return None, False


def _credential_check(statements: list[ast.stmt]) -> str | None:
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.If) and (login := _login_test(node.test)) is not None:
                if _only_adds(node):
                    continue
                return login
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if _checks_credentials(name):
                    return name
    return None


def _checked_too(ctx: FileContext, node: ast.If) -> bool:
    """Whether the requests the header does let through are checked too, another way
    (`else: if not request.user.is_authenticated: return JsonResponse(..., status=401)`,
    or after a body that answers: a script's request gets a 401, a page's a redirect)."""
    if _credential_check(node.orelse) is not None:
        return True
    return _exits(node.body) and _credential_check(_after(ctx, node)) is not None


def _login_test(test: ast.expr) -> str | None:
    """The user's attribute a test reads to tell a login (`request.user.is_authenticated`)."""
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and node.attr in _LOGIN_TESTS:
            return ast.unparse(node)
    return None


def _only_adds(node: ast.If) -> bool:
    """`if request.user.is_authenticated: name = request.user.username`, no `else`: the
    test only adds the user's own details to an answer everyone gets, refusing nobody, so
    a request that skips it gets less, not more."""
    test = node.test
    positive = isinstance(test, ast.Attribute) and test.attr == "is_authenticated"
    positive = positive or (
        isinstance(test, ast.UnaryOp)
        and isinstance(test.op, ast.Not)
        and isinstance(test.operand, ast.Attribute)
        and test.operand.attr == "is_anonymous"
    )
    leaves = any(isinstance(n, ast.Return | ast.Raise) for s in node.body for n in ast.walk(s))
    return positive and not node.orelse and not leaves


def _checks_credentials(name: str) -> bool:
    if name in _CHECK_NAMES:
        return True
    words = set(identifier_words(name))
    if words & _NOT_CREDENTIAL:
        return False
    return bool(words & _CHECK_VERBS) or ("check" in words and bool(words & _CHECK_OBJECTS))


def _exits(statements: list[ast.stmt]) -> bool:
    """Whether the block ends by answering the request (not by refusing it: a raise, an
    error status, `abort()`)."""
    if not statements or not isinstance(statements[-1], ast.Return):
        return False
    value = statements[-1].value
    if isinstance(value, ast.Constant) and value.value is False:
        return False  # NOTE: a predicate's `return False` denies what it is asked to allow
    if isinstance(value, ast.Tuple):
        return not any(_error_status(element) for element in value.elts[1:])
    if isinstance(value, ast.Call):
        name = ast.unparse(value.func).rpartition(".")[2]
        if _REFUSALS & set(identifier_words(name)):
            return False
        return not any(k.arg == "status" and _error_status(k.value) for k in value.keywords)
    return True


def _error_status(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value >= 400
    return isinstance(node, ast.Attribute) and node.attr.startswith("HTTP_4")


def _after(ctx: FileContext, node: ast.If) -> list[ast.stmt]:
    """The statements after `node` in the block holding it."""
    holder = ctx.parent(node)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(holder, field, None)
        if isinstance(block, list) and any(s is node for s in block):
            index = next(i for i, s in enumerate(block) if s is node)
            return block[index + 1 :]
    return []
