"""WW1141: `ssl` contexts that do not check certificates or host names."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._common import truthiness, under_verify_option
from webwarden.rules.auditing._loopback import under_loopback_test
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_UNVERIFIED = frozenset({"ssl._create_unverified_context", "ssl._create_stdlib_context"})
_CERT_REQS = "ssl_cert_reqs"
"""redis-py's option for the `verify_mode` of the context it makes (`None` is `CERT_NONE`)."""
_CERT_NONE_NAMES = frozenset({"none", "cert_none"})
_OPT_OUT_WORDS = frozenset(
    {"verify", "verification", "verified", "unverified", "insecure", "validate", "validation"}
)
"""Words of an option that turns certificate checking off (`verify_certs`, `VERIFY_SSL`,
`insecure`, `validate_certs`), not of one naming the certificates to check with (`if not
ca_certs:` turning checking off when none are given is a default, not an opt-out)."""


class SslUnverifiedContext(PythonRule):
    """## What it does
    Finds TLS contexts made without verification: `ssl._create_unverified_context()`,
    `ssl._create_default_https_context = ssl._create_unverified_context` (which turns
    verification off for the whole process), `context.verify_mode = ssl.CERT_NONE` and
    `context.check_hostname = False`; and the options that make a client library's
    context so: redis-py's (and Celery's and django-redis's, which hand it over)
    `ssl_cert_reqs` set to `None`, `"none"` or `ssl.CERT_NONE`, as a keyword, a dict
    entry or an item assigned (`pool_kwargs["ssl_cert_reqs"] = None`), unless `ssl` is
    `False` beside it or an `if` testing a verification option chooses it
    (`if not env_bool("REDIS_VERIFY_SSL", True):`: the operator's opt-out, as WW1140
    judges `verify=False`). A context's `verify_mode` or `check_hostname` turned off
    under such an `if` (`if not verify_certs:` in a client whose `verify_certs` defaults
    to `True`) is the same opt-out, and not reported; under a test of the CA file given
    (`if not ca_certs:`) it is the default, and is. Nor is any of these made only in
    the body of an `if` testing that the configured host is this machine (`if
    settings.ES_URL.startswith(("https://localhost", "https://127.0.0.1")):`, `if host
    in ("localhost", "::1"):`, Docker Desktop's `host.docker.internal` too): a developer's
    own service with a self-signed certificate, reached over no network anyone sits on.

    ## Why is this bad?
    A context that accepts any certificate, or a certificate for any host name, lets a
    machine-in-the-middle impersonate the server and read or change everything sent over
    the connection.

    ## Known problems
    A context made in a function that only reads the server's certificate to inspect it
    (`ssock.getpeercert(binary_form=True)` to report its expiry or fingerprint, as
    `ssl.get_server_certificate()` does) and sends or receives nothing over the
    connection is not reported: nothing it trusts comes from the peer.

    ## Example
    ```python
    import ssl
    import urllib.request

    def download(url):
        context = ssl._create_unverified_context()
        return urllib.request.urlopen(url, context=context).read()
    ```

    ## Fix
    ```python
    import ssl
    import urllib.request

    def download(url):
        context = ssl.create_default_context()
        return urllib.request.urlopen(url, context=context).read()
    ```

    ## References
    - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    - [Python docs: ssl security considerations](https://docs.python.org/3/library/ssl.html#security-considerations)
    """

    code = "WW1141"
    name = "ssl-unverified-context"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 295
    message = "{what}: TLS peers are not verified"
    fix = (
        "use `ssl.create_default_context()` and keep `verify_mode` and `check_hostname` on"
        ' (a client\'s `ssl_cert_reqs="required"`)'
    )
    bandit = ("B323",)
    ruff = ("S323",)
    calls = _UNVERIFIED
    assigns = frozenset(
        {"_create_default_https_context", "verify_mode", "check_hostname", f"[{_CERT_REQS}]"}
    )

    def visit_keyword(self, node: ast.keyword, ctx: FileContext) -> Iterator[Finding]:
        if node.arg != _CERT_REQS or not _cert_none(ctx, node.value):
            return
        if under_verify_option(ctx, node, strings=True) or under_loopback_test(ctx, node):
            return
        call = ctx.parent(node)
        if isinstance(call, ast.Call):
            ssl = ctx.keyword(call, "ssl")
            if ssl is not None and truthiness(ctx, ssl) is False:
                return
        yield self.finding(ctx, node, what=_options_off(node.value))

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        entries = {
            key.value: value
            for key, value in zip(node.keys, node.values, strict=True)
            if isinstance(key, ast.Constant) and key.value in {_CERT_REQS, "ssl"}
        }
        value = entries.get(_CERT_REQS)
        if value is None or not _cert_none(ctx, value):
            return
        if under_verify_option(ctx, node, strings=True) or under_loopback_test(ctx, node):
            return
        ssl = entries.get("ssl")
        if ssl is not None and truthiness(ctx, ssl) is False:
            return
        yield self.finding(ctx, value, what=_options_off(value))

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name in _UNVERIFIED and not _reads_certificate_only(node, ctx):
            if under_loopback_test(ctx, node):
                return
            yield self.finding(ctx, node, what=f"`{name}()` makes a context without verification")

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if _reads_certificate_only(node, ctx):
            return
        for target in node.targets:
            if _item(target) == _CERT_REQS:
                if _cert_none(ctx, node.value) and not (
                    under_verify_option(ctx, node, strings=True) or under_loopback_test(ctx, node)
                ):
                    yield self.finding(ctx, node, what=_options_off(node.value))
                continue
            if not isinstance(target, ast.Attribute):
                continue
            if ctx.qualified(target) == "ssl._create_default_https_context":
                if ctx.qualified(node.value) in _UNVERIFIED:
                    yield self.finding(
                        ctx, node, what="the process-wide default HTTPS context is replaced"
                    )
            elif target.attr == "verify_mode" and ctx.qualified(node.value) == "ssl.CERT_NONE":
                if _opted_out(ctx, node):
                    continue
                yield self.finding(ctx, node, what="`verify_mode` is set to `ssl.CERT_NONE`")
            elif target.attr == "check_hostname" and truthiness(ctx, node.value) is False:
                if _verification_also_off(node, target, ctx) or _opted_out(ctx, node):
                    continue
                yield self.finding(
                    ctx,
                    node,
                    confidence=Confidence.MEDIUM,
                    what="`check_hostname` is set to `False`",
                )


def _opted_out(ctx: FileContext, node: ast.AST) -> bool:
    """A context's checking turned off only under an `if` testing a verification option
    (`if not verify_certs:` in a client library whose `verify_certs` defaults to `True`,
    `if settings.INSECURE:`): the operator's opt-out, as WW1140 judges `verify=False`;
    or only when the configured host is this machine (`under_loopback_test`)."""
    return under_verify_option(ctx, node, strings=True, words=_OPT_OUT_WORDS) or (
        under_loopback_test(ctx, node)
    )


def _cert_none(ctx: FileContext, value: ast.expr) -> bool:
    """`None`, `"none"`, `"CERT_NONE"` or `ssl.CERT_NONE`: no certificate asked for."""
    if isinstance(value, ast.Constant):
        text = value.value
        return text is None or (isinstance(text, str) and text.lower() in _CERT_NONE_NAMES)
    return ctx.qualified(value) == "ssl.CERT_NONE"


def _options_off(value: ast.expr) -> str:
    if not isinstance(value, ast.Constant):
        shown = "ssl.CERT_NONE"
    else:
        shown = "None" if value.value is None else f'"{value.value!s}"'
    return f"`{_CERT_REQS}` is `{shown}`"


def _item(target: ast.expr) -> str | None:
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant):
        key = target.slice.value
        return key if isinstance(key, str) else None
    return None


def _verification_also_off(node: ast.Assign, target: ast.Attribute, ctx: FileContext) -> bool:
    """The same context's `verify_mode` is set to `CERT_NONE` in the same block (reported
    there: one finding a context, where Python demands `check_hostname` go first)."""
    parent = ctx.parent(node)
    holder = ast.unparse(target.value)
    for field in ("body", "orelse", "finalbody"):
        block = getattr(parent, field, None)
        if not isinstance(block, list) or node not in block:
            continue
        for statement in block:
            if (
                isinstance(statement, ast.Assign)
                and ctx.qualified(statement.value) == "ssl.CERT_NONE"
                and any(
                    isinstance(t, ast.Attribute)
                    and t.attr == "verify_mode"
                    and ast.unparse(t.value) == holder
                    for t in statement.targets
                )
            ):
                return True
    return False


_DATA_METHODS = frozenset(
    {"send", "sendall", "sendto", "sendfile", "write", "writelines", "recv", "recv_into"}
    | {"read", "readline", "makefile", "request", "urlopen", "getresponse", "putrequest"}
)
"""Calls that send or receive data over a connection, or open a URL with the context."""


def _reads_certificate_only(node: ast.AST, ctx: FileContext) -> bool:
    """The enclosing function reads the peer's certificate in binary form
    (`getpeercert(binary_form=True)`) and sends or receives nothing: a certificate
    inspector (expiry, fingerprint), which trusts nothing the peer says."""
    function = ctx.scopes.enclosing_function(node)
    if function is None:
        return False
    reads = False
    for call in ast.walk(function):
        if not isinstance(call, ast.Call) or not isinstance(call.func, ast.Attribute):
            continue
        method = call.func.attr
        if method in _DATA_METHODS:
            return False
        if method == "getpeercert":
            binary = ctx.argument(call, 0, "binary_form")
            reads = reads or (binary is not None and truthiness(ctx, binary) is True)
    return reads
