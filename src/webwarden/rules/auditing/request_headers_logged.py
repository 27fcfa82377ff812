"""WW1134: a request's headers, cookies or environ written whole to a log."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.model.tree import own_returns
from webwarden.rules.auditing._logs import LOG_CALLS, helper_called, writes_log
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words
from webwarden.rules.sessions._credential_headers import credential_header_read

_MAPPINGS = frozenset({"META", "headers", "environ", "COOKIES", "cookies"})
"""Django's `request.META` and `request.headers`, Werkzeug's `request.headers` and
`request.environ`, and the cookies of both: every header the client sent."""
_ATTRIBUTE_DICTS = frozenset({"vars", "builtins.vars"})
"""`vars(request)`: the object's attributes, its header mapping among them."""
_WHOLE_METHODS = frozenset({"items", "values", "copy", "to_dict", "to_wsgi_list"})
_TEXT_MAKERS = frozenset(
    {"str", "repr", "dict", "json.dumps", "pprint.pformat", "builtins.str", "builtins.repr"}
)
_SEQUENCE_MAKERS = frozenset({"list", "tuple", "sorted"})
_SIGNATURE_WORDS = frozenset({"signature", "sig", "hmac"})
_CARRIERS = (ast.FormattedValue, ast.JoinedStr, ast.BinOp, ast.Tuple, ast.List, ast.Dict)
"""Expressions that put what they are given into the text or record they make."""


class RequestHeadersLogged(PythonRule):
    """## What it does
    Finds a request's headers written whole to a log or an error tracker: Django's
    `request.META`, `request.headers` or `request.COOKIES`, Flask's `request.headers`,
    `request.environ` or `request.cookies` (also of `self.request` in a class-based
    view), or the request object's attributes whole (`vars(request)`,
    `request.__dict__`: Django's `META` and Werkzeug's `environ` among them) given to a logger's `debug()` ... `critical()` (a logger of `logging`,
    structlog or loguru, or one so named: `logger`, `app.logger`), to `print()` or to
    `sentry_sdk.capture_message()`, as an argument or inside the message built for it
    (an f-string, a `%` format, `str()`, `dict()`, `json.dumps()`, `.items()`), also
    when a method of the class or a function of the module builds that message and
    returns it (a request-logging middleware's `extra=self.format_request(request)`
    returning `{"headers": dict(request.headers), ...}`; one call deep). Also the one
    header that carries a credential or every cookie, read by name
    (`request.META.get("HTTP_AUTHORIZATION")`, `request.headers["Cookie"]`,
    `X-API-Key`) and logged as it is or through the local it was read into (a webhook
    printing the bearer token it was sent), also past the steps that keep the
    credential whole: the scheme cut off, base64 undone, bytes made text
    (`key = key[len("Basic "):]`, `base64.b64decode(key).decode()`,
    `key.split()[1]`), a login helper logging the header it could not decode; so is a
    function's parameter named for the `Authorization` header (`auth_header`,
    `authorization`), which the function is handed to check (`def
    validate_token(auth_header): ... logger.debug("Not a token: %s", auth_header)`:
    a `Basic` header handed to it holds a password). Not
    reported: another header read from them (`request.headers.get("User-Agent")`),
    their names (`.keys()`, `len()`), what the code made of a credential header
    (`authorization.split()[0]`, its scheme, the account name before the colon), a
    webhook's signature header (`X-Hub-Signature-256`: it signs one body), a copy
    the code filters first (a comprehension), or what test code prints (the test run's
    output, not a log kept).

    ## Why is this bad?
    The headers hold the `Cookie` header (the session id, the CSRF token) and
    `Authorization` (passwords, bearer tokens); Django's `META` and WSGI's `environ`
    hold both and the server's environment too. Written to logs, they are read by
    everyone with access to the log store or the error tracker, kept for months, and
    anyone who reads them can take over the sessions (OWASP's logging cheat sheet lists
    session ids and access tokens among what never to log).

    ## Known problems
    A handler or filter that scrubs the record (a Sentry `before_send`, a logging
    filter) is not seen; suppress the finding with that reason.

    ## Example
    ```python
    import logging

    logger = logging.getLogger(__name__)


    def csrf_token(request):
        logger.warning(f"headers: {request.META}")
    ```

    ## Fix
    ```python
    import logging

    logger = logging.getLogger(__name__)


    def csrf_token(request):
        logger.warning("user agent: %s", request.headers.get("User-Agent"))
    ```
    Log the few headers you need by name, or a copy with `Cookie`, `Authorization`
    and other credentials removed.

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [OWASP Logging Cheat Sheet: data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    - [Django: HttpRequest.META](https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.META)
    """

    code = "WW1134"
    name = "request-headers-logged"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 532
    message = "`{read}` is written whole to `{call}()`: session cookies and credentials with it"
    fix = "log the headers you need by name, never the whole mapping"
    calls = LOG_CALLS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not writes_log(ctx, node):
            return  # NOTE: a test's output is read by its developer, not kept in a log store
        for argument in (*node.args, *(k.value for k in node.keywords)):
            for part in ast.walk(argument):
                call = ast.unparse(node.func)[:40]
                read = _whole_read(ctx, part, node)
                if read is not None:
                    yield self.finding(ctx, part, read=read, call=call)
                    return
                header = _credential_header(ctx, part, node)
                if header is not None:
                    message = _HEADER_MESSAGE.format(read=ast.unparse(part)[:60], header=header)
                    yield self.finding(ctx, part, message=message, call=call)
                    return


_HEADER_MESSAGE = (
    "`{read}` (the `{header}` header) is written to `{{call}}()`: a credential with it"
)


def _credential_header(ctx: FileContext, part: ast.AST, call: ast.Call) -> str | None:
    """The name of the credential header (`HTTP_AUTHORIZATION`, `Cookie`) whose value
    `part` passes whole into the log `call`: the read itself, or a local bound once to
    it (`authorization = request.META.get("HTTP_AUTHORIZATION")`)."""
    read: ast.AST | None = part
    if isinstance(part, ast.Name) and isinstance(part.ctx, ast.Load):
        read = part if _authorization_parameter(ctx, part) else _header_bound(ctx, part)
    elif isinstance(part, ast.Call | ast.Subscript):
        read = _credential_kept(ctx, part)
        if isinstance(read, ast.Name):
            read = _header_bound(ctx, read) if isinstance(read.ctx, ast.Load) else None
    else:
        return None
    if read is None:
        return None
    header = credential_header_read(ctx, read) or _cookie_header_read(ctx, read)
    if header is None and isinstance(read, ast.Name) and _authorization_parameter(ctx, read):
        header = "Authorization"
    if header is None or _SIGNATURE_WORDS & set(identifier_words(header)):
        return None  # NOTE: a webhook's HMAC signs that one body; it lets no one in
    if not _logged_whole(ctx, part, call):
        return None
    return header


def _header_bound(ctx: FileContext, name: ast.Name, depth: int = 3) -> ast.expr | None:
    """The one value the local `name` was bound to, past the steps that keep the
    credential whole: the scheme cut off, base64 undone, bytes made text
    (`key = key[len("Basic "):]`, `key = base64.b64decode(key).decode()`, also
    `token = header.split()[1]`, a few locals deep). Its rebindings by such steps are
    not other values."""
    values = ctx.scopes.values_of(name)
    found: ast.expr | None = None
    for value in values or ():
        if value is CHANGED_BINDING:
            continue  # NOTE: as `made_by`: what changed the object in place made no other
        if value is UNKNOWN_BINDING:
            return None
        kept = _credential_kept(ctx, value)
        if isinstance(kept, ast.Name) and kept.id == name.id:
            continue  # NOTE: `key = key[6:]`: the same credential, rebound
        if found is not None:
            return None
        found = kept
    if isinstance(found, ast.Name) and _authorization_parameter(ctx, found):
        return found
    if isinstance(found, ast.Name) and depth > 0:
        return _header_bound(ctx, found, depth - 1)  # NOTE: `token = header.split()[1]`
    return found


_AUTHORIZATION_PARAMETERS = frozenset(
    {"authheader", "authorization", "authorizationheader", "authzheader"}
)
"""Names of a parameter holding the `Authorization` header, its words joined
(`auth_header`, `authorization`, `authorizationHeader`)."""


def _authorization_parameter(ctx: FileContext, name: ast.Name) -> bool:
    """`name` is a parameter of its function named for the `Authorization` header and
    never bound again there: the header the function's caller hands it to check."""
    if "".join(identifier_words(name.id)) not in _AUTHORIZATION_PARAMETERS:
        return False
    scope = ctx.scopes.binding_scope(name)
    if not isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    arguments = scope.args
    parameters = [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]
    if all(parameter.arg != name.id for parameter in parameters):
        return False
    values = ctx.scopes.values_of(name) or []
    return all(value is UNKNOWN_BINDING for value in values)


_DECODERS = frozenset(
    {"base64.b64decode", "base64.standard_b64decode", "base64.urlsafe_b64decode"}
    | {"base64.decodebytes", "str", "builtins.str"}
)
_TEXT_STEPS = frozenset({"decode", "encode", "strip", "lstrip", "rstrip"})
_SPLITS = frozenset({"split", "rsplit", "partition", "rpartition"})


def _credential_kept(ctx: FileContext, node: ast.expr) -> ast.expr:
    """What `node` makes its value of when every step keeps the credential whole:
    `base64.b64decode(x)`, `x.decode()`, `x[7:]` (the scheme cut off),
    `x.split()[1]` and `x.partition(" ")[2]` (what follows it); else `node`."""
    while True:
        if isinstance(node, ast.Call) and node.args and ctx.qualified(node.func) in _DECODERS:
            node = node.args[0]
            continue
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _TEXT_STEPS
        ):
            node = node.func.value
            continue
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            cut = node.slice
            if cut.lower is not None and cut.upper is None and cut.step is None:
                node = node.value
                continue
        if isinstance(node, ast.Subscript) and _after_scheme(node):
            assert isinstance(node.value, ast.Call)  # noqa: S101 - checked by _after_scheme
            assert isinstance(node.value.func, ast.Attribute)  # noqa: S101 - idem
            node = node.value.func.value
            continue
        return node


def _after_scheme(node: ast.Subscript) -> bool:
    """`x.split()[1]`, `x.split(" ", 1)[-1]`, `x.partition(" ")[2]`: the part after the
    scheme, not the scheme itself (`x.split()[0]`)."""
    split = node.value
    if not (isinstance(split, ast.Call) and isinstance(split.func, ast.Attribute)):
        return False
    if split.func.attr not in _SPLITS:
        return False
    index = node.slice
    if isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.USub):
        return isinstance(index.operand, ast.Constant) and index.operand.value == 1
    after = 2 if split.func.attr.endswith("partition") else 1
    return isinstance(index, ast.Constant) and index.value == after


def _cookie_header_read(ctx: FileContext, node: ast.AST) -> str | None:
    """`request.headers.get("Cookie")`, `request.META["HTTP_COOKIE"]`: every cookie sent."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
        holder, key = node.func.value, node.args[0]
        if node.func.attr != "get":
            return None
    elif isinstance(node, ast.Subscript):
        holder, key = node.value, node.slice
    else:
        return None
    if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
        return None
    if key.value.lower() not in {"cookie", "http_cookie"}:
        return None
    return key.value if _request_mapping(ctx, holder) else None


def _whole_read(ctx: FileContext, part: ast.AST, call: ast.Call) -> str | None:
    """The request's mapping `part` passes whole into the log `call`: itself, or one a
    helper of the class or module handed something returns whole
    (`extra={"request": self.format_request(request)}`, whose `return {"headers":
    dict(request.headers), ...}`)."""
    if _request_mapping(ctx, part) and _logged_whole(ctx, part, call):
        return ast.unparse(part)
    if not (isinstance(part, ast.Call) and part.args and _logged_whole(ctx, part, call)):
        return None
    helper = helper_called(ctx, part.func)
    if helper is None:
        return None
    for returned in own_returns(helper):
        for read in ast.walk(returned):
            if _request_mapping(ctx, read) and _logged_whole(ctx, read, returned):
                return ast.unparse(read)
    return None


def _request_mapping(ctx: FileContext, node: ast.AST) -> bool:
    """`request.META`, `request.headers`, `self.request.COOKIES`, Flask's `request.environ`;
    also the request's own attributes, `vars(request)` or `request.__dict__`, which hold
    Django's `META` (and the `COOKIES` once read) or Werkzeug's `environ`."""
    if (
        isinstance(node, ast.Call)
        and len(node.args) == 1
        and not node.keywords
        and ctx.call_name(node) in _ATTRIBUTE_DICTS
    ):
        return _request_holder(ctx, node.args[0])
    if not isinstance(node, ast.Attribute) or node.attr not in _MAPPINGS | {"__dict__"}:
        return False
    return _request_holder(ctx, node.value)


def _request_holder(ctx: FileContext, holder: ast.AST) -> bool:
    """`request`, `req`, Flask's `request` under any name, or `self.request`."""
    if isinstance(holder, ast.Name):
        return holder.id in {"request", "req"} or ctx.qualified(holder) == "flask.request"
    return (
        isinstance(holder, ast.Attribute)
        and holder.attr == "request"
        and isinstance(holder.value, ast.Name)
        and holder.value.id == "self"
    )


def _logged_whole(ctx: FileContext, mapping: ast.AST, call: ast.AST) -> bool:
    """Whether every expression from `mapping` up to the log call (or the `return` of a
    helper) passes it on whole: formatted into the text, put in a tuple or dict, turned
    into text or a dict."""
    node = mapping
    parent = ctx.parent(node)
    while parent is not None and parent is not call:
        if isinstance(parent, ast.Attribute):
            grand = ctx.parent(parent)
            if parent.attr not in _WHOLE_METHODS or not isinstance(grand, ast.Call):
                return False
            node, parent = grand, ctx.parent(grand)
            continue
        if isinstance(parent, ast.Call) and not _passes_on(ctx, parent, node):
            return False
        if not isinstance(parent, (ast.Call, ast.keyword, *_CARRIERS)):
            return False
        node, parent = parent, ctx.parent(parent)
    return parent is call


def _passes_on(ctx: FileContext, call: ast.Call, given: ast.AST) -> bool:
    """`str(x)`, `dict(x)`, `json.dumps(x)`, `"...{}".format(x)`: text or a copy of what
    it is given."""
    if given is call.func:
        return False
    if isinstance(call.func, ast.Attribute) and call.func.attr == "format":
        return True
    name = ctx.call_name(call)
    if name in _SEQUENCE_MAKERS:
        return isinstance(given, ast.Call)  # NOTE: `list(headers.items())`, not its names
    return name in _TEXT_MAKERS
