"""WW1140: HTTP clients told not to verify TLS certificates."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._common import (
    HTTP_METHODS,
    REQUESTS_SESSIONS,
    receiver_name,
    truthiness,
    under_verify_option,
)
from webwarden.rules.auditing._loopback import (
    loopback_target,
    plain_http_target,
    under_loopback_test,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_VERIFY_ROOTS = ("requests", "httpx", "boto3", "botocore", "pip._vendor.requests")
_CLIENTS = REQUESTS_SESSIONS | {"httpx.Client", "httpx.AsyncClient"}
_URLLIB3 = frozenset(
    {
        "urllib3.PoolManager",
        "urllib3.ProxyManager",
        "urllib3.HTTPSConnectionPool",
        "urllib3.connection_from_url",
        "urllib3.poolmanager.PoolManager",
    }
)
_AIOHTTP_SSL_OFF = frozenset({"aiohttp.TCPConnector", "aiohttp.ClientSession", "aiohttp.request"})
_VERIFY_KEYWORDS = frozenset(
    {
        "verify_ssl",
        "ssl_verify",
        "verify_certs",
        "verify_cert",
        "verify_certificate",
        "verify_certificates",
        "verify_tls",
        "tls_verify",
        "validate_certs",
        "ssl_verification",
    }
)
"""Keywords whose name says they switch TLS certificate verification, whatever the callee:
a client class of the project (`VMwareClient(host, verify_ssl=False)`, whose
`session.verify = verify_ssl` this file cannot see) or of a library
(`Elasticsearch(hosts, verify_certs=False)`). A bare `verify` may be about anything
(`jwt.decode(token, verify=False)` checks a signature), so it counts for HTTP clients only."""
_JUDGED_KEYWORDS = _VERIFY_KEYWORDS | {"verify", "cert_reqs", "ssl"}
_NOT_CALLS = frozenset({"dict", "builtins.dict"})
"""Callees that only gather keyword arguments (`dict(verify_ssl=False)`): a mapping of
options, judged where something uses it, not a client made."""


class TlsVerifyDisabled(PythonRule):
    """## What it does
    Finds HTTP client calls that switch certificate verification off: `verify=False` in
    requests, httpx and boto3 (also in a dict of options the call spreads, `**kwargs`
    after `kwargs = {"verify": False, ...}`, and in a call of a method looked up by a
    name chosen at run time, `getattr(requests, method)(url, verify=False)`); `session.verify = False`; urllib3 pools with
    `cert_reqs="CERT_NONE"`; aiohttp with `ssl=False` or `verify_ssl=False`; any other
    call given `False` for a keyword named for certificate verification (`verify_ssl`,
    `verify_certs`, `validate_certs`...), such as a project's own API client
    (`VMwareClient(host, verify_ssl=False)`) or Elasticsearch's. Not when
    only an option named for verification switches it off (`if not verify:` then
    `session.verify = False`, a client library's `verify` parameter): that is
    `session.verify = verify`, verification on unless the caller turns it off (also
    when the switch sets the entry of the options spread, `if not server.verify:
    kwargs["verify"] = False`); the same
    for urllib3 and aiohttp (`if not settings.LIVE_VERIFY_SSL:` then
    `aiohttp.TCPConnector(ssl=False)`, the setting on by default). Nor
    a test's expectation of a mock (`requests_mock.post.assert_called_once_with(...,
    verify=False)`, `mock.call(...)`): it checks what the code passed, and reports
    nothing the code itself does not. Nor a query's lookup of rows by a field so named
    (`Webhook.objects.filter(verify_ssl=False)`, `exclude`, SQLAlchemy's `filter_by`, a
    manager's `objects.get`): a column matched, no client made. Nor a request to this machine, its URL written
    with a loopback host (`https://localhost/api/`, `https://127.0.0.1:8443/`, also in
    a module constant the path is added to), or one made only in the body of an `if`
    testing that the configured host is such a host (`if es_url.startswith(("https://localhost",
    "https://127.0.0.1")):`, `if host in ("localhost", "::1"):`): no network lies between
    the client and the server for anyone to sit on, and a local service's certificate
    is commonly self-signed. Nor a request whose URL is written with the `http://`
    scheme (`requests.get(f"http://{host}:8000/api/", verify=False)`, also a module
    constant the path is added to): no TLS handshake is made for the switch to act on.

    ## Why is this bad?
    Without verification, anyone on the network path (a coffee-shop Wi-Fi, a compromised
    router, a malicious proxy) can present their own certificate, read the traffic and
    change it: API keys, passwords and payment data included. TLS without verification
    only protects against passive eavesdroppers.

    ## Example
    ```python
    import requests

    def fetch_rates():
        return requests.get("https://api.example.com/rates", verify=False).json()
    ```

    ## Fix
    ```python
    import requests

    def fetch_rates():
        return requests.get("https://api.example.com/rates", timeout=10).json()
    ```
    Keep verification on; for an internal CA, pass its bundle: `verify="/etc/ssl/internal-ca.pem"`.

    ## References
    - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    - [requests: SSL certificate verification](https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification)
    - [httpx: SSL](https://www.python-httpx.org/advanced/ssl/)
    """

    code = "WW1140"
    name = "tls-verify-disabled"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 295
    message = "`{call}` {how}: TLS certificates are not verified"
    fix = "remove `verify=False`; for a private CA pass its bundle path as `verify=`"
    bandit = ("B501",)
    ruff = ("S501",)
    assigns = frozenset({"verify"})
    keyword_calls_only = True

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        spread = _spread_verify(ctx, node)
        if spread is None and not any(k.arg in _JUDGED_KEYWORDS for k in node.keywords):
            return
        name = ctx.call_name(node) or _method_looked_up(ctx, node) or ""
        given = next((k.value for k in node.keywords if k.arg == "verify"), None)
        verify = given if given is not None else spread
        if (
            verify is not None
            and truthiness(ctx, verify) is False
            and _is_http_call(ctx, node, name)
            and not under_verify_option(ctx, node)
            and not (verify is spread and under_verify_option(ctx, verify))
            and not loopback_target(ctx, node)
            and not plain_http_target(ctx, node)
            and not under_loopback_test(ctx, node)
        ):
            how = "passes `verify=False`" if verify is not spread else _SPREAD
            yield self.finding(ctx, node, call=_display(ctx, node, name), how=how)
            return
        if name in _URLLIB3 | _AIOHTTP_SSL_OFF or name.startswith("aiohttp."):
            # NOTE: an `if` on the project's own switch (`if not settings.X_VERIFY_SSL:`
            # then `TCPConnector(ssl=False)`) keeps verification on unless an operator
            # turns it off, as `session.verify = verify` does for requests.
            if under_verify_option(ctx, node) or loopback_target(ctx, node):
                return
            if under_loopback_test(ctx, node):
                return
        if name in _URLLIB3:
            reqs = ctx.keyword(node, "cert_reqs")
            if reqs is not None and _cert_none(ctx, reqs):
                yield self.finding(ctx, node, call=name, how="sets `cert_reqs` to `CERT_NONE`")
        elif name in _AIOHTTP_SSL_OFF or (
            name.startswith("aiohttp.") and name.endswith(_METHOD_SUFFIXES)
        ):
            for keyword in ("ssl", "verify_ssl"):
                value = ctx.keyword(node, keyword)
                if value is not None and truthiness(ctx, value) is False:
                    yield self.finding(ctx, node, call=name, how=f"passes `{keyword}=False`")
        else:
            yield from self._named_option_off(node, ctx, name)

    def _named_option_off(self, node: ast.Call, ctx: FileContext, name: str) -> Iterator[Finding]:
        """Any other call given a constant false for a keyword named for certificate
        verification (see `_VERIFY_KEYWORDS`): the callee's own option, switched off."""
        if name in _NOT_CALLS or not _is_call_made(name) or _query_lookup(node):
            return
        for keyword in node.keywords:
            if keyword.arg not in _VERIFY_KEYWORDS or truthiness(ctx, keyword.value) is not False:
                continue
            if under_verify_option(ctx, node) or loopback_target(ctx, node):
                return
            if under_loopback_test(ctx, node) or plain_http_target(ctx, node):
                return
            yield self.finding(
                ctx,
                node,
                confidence=Confidence.MEDIUM,
                call=ast.unparse(node.func),
                how=f"passes `{keyword.arg}=False`",
            )
            return

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr == "verify"
                and truthiness(ctx, node.value) is False
                and not under_verify_option(ctx, node)
            ):
                origin = ctx.origin(target.value)
                if origin in _CLIENTS or (origin is None and _session_named(target.value)):
                    yield self.finding(ctx, node, call=ast.unparse(target), how="is set to `False`")


_SPREAD = "is handed `verify=False` in the options it is given with `**`"


_LOOKUPS = frozenset({"filter", "exclude", "filter_by"})
"""Query methods whose keywords name columns to match, of Django's ORM and SQLAlchemy's:
no HTTP client has such a method."""


def _query_lookup(node: ast.Call) -> bool:
    """A query's lookup of rows by a column so named (`Webhook.objects.filter(verify_ssl=False)`,
    `objects.get(...)`): a model's field, read, not a client's option."""
    func = node.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in _LOOKUPS:
        return True
    receiver = func.value
    return func.attr == "get" and isinstance(receiver, ast.Attribute) and receiver.attr == "objects"


def _spread_verify(ctx: FileContext, node: ast.Call) -> ast.expr | None:
    """The `"verify"` entry of a dict the call spreads into its keywords
    (`requests.request("GET", url, **kwargs)` after `kwargs = {"verify": False, ...}`,
    read as `FileContext.splat_entries` reads it), when no `verify=` keyword is given."""
    if any(k.arg == "verify" for k in node.keywords) or all(k.arg for k in node.keywords):
        return None
    # NOTE: reading what a `**` spreads follows its bindings: only where the text has one.
    return ctx.keyword(node, "verify") if ctx.holds("verify") else None


_METHOD_SUFFIXES = tuple(f".{m}" for m in HTTP_METHODS)
_MOCK_EXPECTATIONS = frozenset(
    {
        "assert_called_with",
        "assert_called_once_with",
        "assert_any_call",
        "assert_awaited_with",
        "assert_awaited_once_with",
        "assert_any_await",
    }
)
"""A mock's assertions: the arguments they take are those a test expects the code under
test to have passed, not a request made."""
_MOCK_CALLS = frozenset({"unittest.mock.call", "mock.call"})


def _is_http_call(ctx: FileContext, node: ast.Call, name: str) -> bool:
    if name.rsplit(".", 1)[-1] in _MOCK_EXPECTATIONS or name in _MOCK_CALLS:
        return False
    if any(name == root or name.startswith(f"{root}.") for root in _VERIFY_ROOTS):
        return True  # NOTE: not `requests_mock.post(...)`, a test's mock named after it
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in HTTP_METHODS:
        return False
    origin = ctx.origin(func.value)
    if origin is not None:
        return origin in _CLIENTS
    return _session_named(func.value)


_GETATTR = frozenset({"getattr", "builtins.getattr"})


def _method_looked_up(ctx: FileContext, node: ast.Call) -> str | None:
    """`getattr(requests, method)(url, verify=False)`: a method of requests, httpx or boto3
    (or of a session or client of theirs) looked up by a name chosen at run time, an API
    client's one helper for every HTTP method; the call's name with the method as
    `<method>` (`requests.<method>`), None for another call."""
    func = node.func
    if not (isinstance(func, ast.Call) and ctx.call_name(func) in _GETATTR and func.args):
        return None
    holder = func.args[0]
    for owner in (ctx.qualified(holder), ctx.origin(holder)):
        if owner is not None and (owner in _VERIFY_ROOTS or owner in _CLIENTS):
            return f"{owner}.<method>"
    return None


def _is_call_made(name: str) -> bool:
    """Not a mock's expectation of a call (`client.assert_called_with(verify_ssl=False)`)."""
    return name.rsplit(".", 1)[-1] not in _MOCK_EXPECTATIONS and name not in _MOCK_CALLS


def _session_named(receiver: ast.expr) -> bool:
    name = receiver_name(receiver)
    return any(word in name.lower() for word in ("session", "client", "http"))


def _display(ctx: FileContext, node: ast.Call, name: str) -> str:
    origin = ctx.origin(node.func.value) if isinstance(node.func, ast.Attribute) else None
    if origin is not None and isinstance(node.func, ast.Attribute):
        return f"{origin}(...).{node.func.attr}"
    return name


def _cert_none(ctx: FileContext, value: ast.expr) -> bool:
    if ctx.qualified(value) == "ssl.CERT_NONE":
        return True
    return ctx.evaluate(value) in {"CERT_NONE", "NONE", "none"}
