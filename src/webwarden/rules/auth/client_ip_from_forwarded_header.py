"""WW751: the first `X-Forwarded-For` address taken as the client's."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import item_read
from webwarden.rules.auth._address_gates import access_gate
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_ENVIRON_KEY = "HTTP_X_FORWARDED_FOR"
_HEADER = "x-forwarded-for"
_ENVIRONS = frozenset({"META", "environ"})
_REMOTE = frozenset({"REMOTE_ADDR", "remote_addr"})
_SCREEN = ("FORWARDED_FOR", "orwarded-For", "orwarded-for", "ORWARDED-FOR", "access_route")
"""What a module reading the header must spell (its environ key, a header name in the
usual cases, Werkzeug's parsed list)."""


_GATED = (
    "`{read}` takes the client's address from `X-Forwarded-For`, which the client sets, and"
    " `{gate}` refuses or grants the request by it"
)


class ClientIpFromForwardedHeader(PythonRule):
    """## What it does
    Finds code that takes the client's IP address from the start of the
    `X-Forwarded-For` header: `request.META["HTTP_X_FORWARDED_FOR"].split(",")[0]`,
    `request.headers.get("X-Forwarded-For", request.remote_addr)` (the whole header,
    falling back to the peer's address), `request.META.get("HTTP_X_FORWARDED_FOR") or
    request.META["REMOTE_ADDR"]`, the same written as a `try` (`try: ip =
    request.META["HTTP_X_FORWARDED_FOR"]` with `except KeyError: ip =
    request.META["REMOTE_ADDR"]`, the name not split after), or as an `if` (`if not
    request.environ.get("HTTP_X_FORWARDED_FOR"): return request.environ["REMOTE_ADDR"]`,
    then the header returned whole; `if forwarded: return forwarded`, then the peer's
    address), and Werkzeug's
    `request.access_route[0]`, also through
    a local the header was read into, or read in a loop over header names tried in turn
    (`for header in ["HTTP_X_REAL_IP", "HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]:` then
    `request.META[header].split(",")[0]`). A function that first compares the peer's address
    (`REMOTE_ADDR`, `remote_addr`) with the proxies it trusts is not reported, nor one
    counting addresses from the end (`.split(",")[-1]`). So is an allow-list that any
    address of the header passes: `for ip in forwarded.split(","):` with `if ip.strip()
    in ALLOWED_IPS: return True`, or `return any(ip in allowed for ip in
    request.access_route)` (a list of addresses refused, each checked, is not reported).
    Reported at medium severity when a module-level function returning such an address is
    called in the same module by a function that then refuses the request by it: an `if`
    testing the address (`if not token.allows(ip):`, `if ip not in ALLOWED:`; not a
    mere `if ip is None:`) whose body raises or returns a refusal (`raise
    AuthenticationFailed(...)`, `return HttpResponseForbidden()`).

    ## Why is this bad?
    Proxies append the address they received the request from to `X-Forwarded-For`;
    what comes before it is whatever the client sent. The first address is the client's
    own choice: a login throttle or lockout keyed on it is bypassed by sending a new
    `X-Forwarded-For: 10.0.0.<n>` with every guess, an IP allow-list is passed by naming
    an allowed address, and audit logs record the address the attacker chose.

    ## Example
    ```python
    def client_ip(request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if forwarded:
            return forwarded.split(",")[0].strip()
        return request.META["REMOTE_ADDR"]
    ```

    ## Fix
    ```python
    TRUSTED_PROXIES = 1


    def client_ip(request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
        if forwarded:
            return forwarded.split(",")[-TRUSTED_PROXIES].strip()
        return request.META["REMOTE_ADDR"]
    ```
    In Flask, wrap the app in Werkzeug's `ProxyFix(app.wsgi_app, x_for=1)` (one trusted
    proxy) and read `request.remote_addr`.

    ## References
    - [CWE-348: Use of Less Trusted Source](https://cwe.mitre.org/data/definitions/348.html)
    - [MDN: X-Forwarded-For, security and privacy concerns](https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For#security_and_privacy_concerns)
    - [Werkzeug: Tell Werkzeug it is behind a proxy (ProxyFix)](https://werkzeug.palletsprojects.com/en/stable/middleware/proxy_fix/)
    """

    code = "WW751"
    name = "client-ip-from-forwarded-header"
    practice = Practice.AUTHENTICATION
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 348
    message = "`{read}` takes the client's address from `X-Forwarded-For`, which the client sets"
    fix = "count trusted proxies from the end of the header (or use Werkzeug's ProxyFix)"

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        if not any(map(ctx.mentions, _SCREEN)):
            return
        reported: set[int] = set()
        for found in ctx.nodes(ast.Subscript, ast.Call, ast.BoolOp):
            taken = _first_address(ctx, found)
            if taken is None or id(taken) in reported:
                continue
            function = ctx.scopes.enclosing_function(found)
            if function is not None and _checks_peer(function):
                continue
            reported.add(id(taken))
            yield self._judged(ctx, found, found, function)
        for tried in ctx.nodes(ast.Try):
            read = _tried_header(ctx, tried) if isinstance(tried, ast.Try) else None
            if read is None or id(read) in reported:
                continue
            function = ctx.scopes.enclosing_function(read)
            if function is None or not _checks_peer(function):
                reported.add(id(read))
                yield self.finding(ctx, read, read=_shown(read))
        for branch in ctx.nodes(ast.If):
            returned = _header_unless_absent(ctx, branch) if isinstance(branch, ast.If) else None
            read = _forwarded(ctx, returned) if returned is not None else None
            if returned is None or read is None or id(read) in reported:
                continue
            function = ctx.scopes.enclosing_function(branch)
            if function is None or not _checks_peer(function):
                reported.add(id(read))
                yield self._judged(ctx, returned, read, function)
        for loop in ctx.nodes(ast.For, ast.comprehension):
            if not isinstance(loop, ast.For | ast.comprehension):
                continue
            if not _addresses(ctx, loop.iter) or not _any_address_granted(ctx, loop):
                continue
            function = ctx.scopes.enclosing_function(loop.iter)
            if function is None or not _checks_peer(function):
                yield self.finding(ctx, loop.iter, read=_shown(loop.iter))

    def _judged(
        self, ctx: FileContext, found: ast.AST, read: ast.AST, function: ast.AST | None
    ) -> Finding:
        """The finding on `found`, at medium severity when the function's callers refuse
        or grant the request by the address (`access_gate`)."""
        gate = access_gate(ctx, function) if function is not None else None
        if gate is None:
            return self.finding(ctx, found, read=_shown(read))
        return self.finding(
            ctx, found, severity=Severity.MEDIUM, message=_GATED, read=_shown(read), gate=gate
        )


def _first_address(ctx: FileContext, node: ast.AST) -> ast.AST | None:
    """The header read `node` takes the first address of (None when it takes none)."""
    match node:
        case ast.Subscript(value=ast.Attribute(attr="access_route"), slice=index):
            return node if ctx.evaluate(index) == 0 else None
        case ast.Subscript(
            value=ast.Call(func=ast.Attribute(attr="split", value=held)), slice=index
        ):
            return _forwarded(ctx, held) if ctx.evaluate(index) == 0 else None
        case ast.Call(
            func=ast.Name(id="next"), args=[ast.Call(func=ast.Name(id="iter"), args=[route]), *_]
        ):
            return (
                route if isinstance(route, ast.Attribute) and route.attr == "access_route" else None
            )
        case ast.Call(func=ast.Attribute(attr="get"), args=[_, fallback, *_]) if _read(ctx, node):
            return node if _names_peer(fallback) else None
        case ast.BoolOp(op=ast.Or(), values=[first, *rest]):
            read = _forwarded(ctx, first)
            return read if read is not None and any(map(_names_peer, rest)) else None
    return None


def _tried_header(ctx: FileContext, node: ast.Try) -> ast.expr | None:
    """The header read a `try` binds a name to, whole, when a handler binds the same name
    to the peer's address (`try: ip = request.META["HTTP_X_FORWARDED_FOR"]`, `except
    KeyError: ip = request.META["REMOTE_ADDR"]`): the header, as the client sent it,
    wherever it is present; not when the name is then split (judged as a split)."""
    for statement in node.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Name)
            and _read(ctx, statement.value)
        ):
            continue
        fallback = any(
            isinstance(inner, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == target.id for t in inner.targets)
            and _names_peer(inner.value)
            for handler in node.handlers
            for inner in handler.body
        )
        function = ctx.scopes.enclosing_function(node)
        split = function is not None and any(
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "split"
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == target.id
            for call in ast.walk(function)
        )
        if fallback and not split:
            return statement.value
    return None


def _header_unless_absent(ctx: FileContext, node: ast.If) -> ast.expr | None:
    """The header returned whole by an `if` testing it, the peer's address returned
    when it is absent (`if not request.environ.get("HTTP_X_FORWARDED_FOR"): return
    request.environ["REMOTE_ADDR"]`, then `return request.environ.get(
    "HTTP_X_FORWARDED_FOR")`; or `if forwarded: return forwarded`, then `return
    request.remote_addr`; in an `else` too): the `or` form written as statements."""
    test = node.test
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    tested = test.operand if isinstance(test, ast.UnaryOp) and negated else test
    if _forwarded(ctx, tested) is None:
        return None
    after = node.orelse
    if not after:
        body = getattr(ctx.parent(node), "body", None) or []
        at = next((i for i, statement in enumerate(body) if statement is node), None)
        after = body[at + 1 : at + 2] if at is not None else []
    peer, header = (node.body, after) if negated else (after, node.body)
    if not (peer and header and isinstance(peer[0], ast.Return)):
        return None
    if peer[0].value is None or not _names_peer(peer[0].value):
        return None
    returned = header[0].value if isinstance(header[0], ast.Return) else None
    return returned if returned is not None and _forwarded(ctx, returned) is not None else None


def _addresses(ctx: FileContext, node: ast.expr) -> bool:
    """Every address of the header: `forwarded.split(",")`, Werkzeug's
    `request.access_route`, or a local holding either."""
    if isinstance(node, ast.Name):
        values = ctx.scopes.values_of(node) or ()
        return len(values) == 1 and _addresses(ctx, values[0])
    if isinstance(node, ast.Attribute):
        return node.attr == "access_route"
    match node:
        case ast.Call(func=ast.Attribute(attr="split", value=held)):
            return _forwarded(ctx, held) is not None
    return False


def _any_address_granted(ctx: FileContext, loop: ast.For | ast.comprehension) -> bool:
    """Whether a match of any one address grants the request: `for ip in addresses:` with
    `if ip in ALLOWED_IPS: return True` (the loop's own `if`), or `return any(ip in
    allowed for ip in addresses)`. A list of addresses refused (`if ip in BLOCKED:
    return False`) is not such: the proxy's own entry is among those checked."""
    if not isinstance(loop.target, ast.Name):
        return False
    name = loop.target.id
    if isinstance(loop, ast.comprehension):
        expression = ctx.parent(loop)
        call = ctx.parent(expression) if expression is not None else None
        return (
            isinstance(expression, ast.GeneratorExp | ast.ListComp)
            and _matches(expression.elt, name)
            and isinstance(call, ast.Call)
            and isinstance(call.func, ast.Name)
            and call.func.id == "any"
            and isinstance(ctx.parent(call), ast.Return)
        )
    return any(
        isinstance(statement, ast.If) and _matches(statement.test, name) and _grants(statement.body)
        for statement in loop.body
    )


def _matches(test: ast.expr, name: str) -> bool:
    """`ip in allowed`, `ip.strip() == TRUSTED` for the loop's variable `name`."""
    if not (isinstance(test, ast.Compare) and isinstance(test.ops[0], ast.In | ast.Eq)):
        return False
    left = test.left
    if isinstance(left, ast.Call) and isinstance(left.func, ast.Attribute) and not left.args:
        left = left.func.value  # NOTE: `ip.strip()`
    return isinstance(left, ast.Name) and left.id == name


def _grants(body: list[ast.stmt]) -> bool:
    """A block that answers yes at once: `return True`."""
    first = body[0] if body else None
    return (
        isinstance(first, ast.Return)
        and isinstance(first.value, ast.Constant)
        and first.value.value is True
    )


def _forwarded(ctx: FileContext, node: ast.expr) -> ast.expr | None:
    """The read of the header `node` is, or that the local it names was read from."""
    if _read(ctx, node):
        return node
    if isinstance(node, ast.Name):
        return next((v for v in ctx.scopes.values_of(node) or () if _read(ctx, v)), None)
    return None


def _read(ctx: FileContext, node: ast.AST) -> bool:
    """`request.META["HTTP_X_FORWARDED_FOR"]`, `request.environ.get(...)`,
    `request.headers.get("X-Forwarded-For")` (any case)."""
    read = item_read(node)
    if read is None:
        return False
    holder = read[0]
    if not isinstance(holder, ast.Attribute):
        return False
    keys = _keys(ctx, read[1])
    if holder.attr in _ENVIRONS:
        return _ENVIRON_KEY in keys
    return holder.attr == "headers" and _HEADER in {key.lower() for key in keys}


def _keys(ctx: FileContext, node: ast.AST) -> set[str]:
    """The keys a read's key may be: a constant, or each name of a list of headers a loop
    tries in turn (`for header in ["HTTP_X_REAL_IP", "HTTP_X_FORWARDED_FOR",
    "REMOTE_ADDR"]:` then `request.META[header].split(",")[0]`)."""
    key = ctx.evaluate(node)
    if isinstance(key, str):
        return {key}
    if not isinstance(node, ast.Name):
        return set()
    loop = next(
        (
            held
            for held in ctx.ancestors(node)
            if isinstance(held, ast.For)
            and isinstance(held.target, ast.Name)
            and held.target.id == node.id
        ),
        None,
    )
    tried = ctx.evaluate(loop.iter) if loop is not None else None
    if not isinstance(tried, list | tuple):
        return set()
    return {item for item in tried if isinstance(item, str)}


def _names_peer(node: ast.AST) -> bool:
    """Whether `node` reads the peer's address (`request.remote_addr`, `REMOTE_ADDR`)."""
    for part in ast.walk(node):
        if isinstance(part, ast.Attribute) and part.attr in _REMOTE:
            return True
        if isinstance(part, ast.Constant) and part.value in _REMOTE:
            return True
    return False


def _checks_peer(function: ast.AST) -> bool:
    """Whether the function compares the peer's address with something (the proxies it
    trusts) before believing the header."""
    return any(
        isinstance(node, ast.Compare)
        and isinstance(node.ops[0], ast.In | ast.NotIn | ast.Eq | ast.NotEq)
        and _names_peer(node.left)
        for node in ast.walk(function)
    )


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else text[:57] + "..."
