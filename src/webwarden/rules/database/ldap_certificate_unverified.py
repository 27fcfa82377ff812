"""WW344: an LDAP connection over TLS that verifies no certificate (ldap3, python-ldap)."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping

from webwarden.analysis.environment import DeployTime, evaluate_setting
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._common import under_verify_option
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.database._ldap_probes import CONNECTIONS, probing_function

_TLS = frozenset({"ldap3.Tls", "ldap3.core.tls.Tls"})
_SERVER = frozenset({"ldap3.Server", "ldap3.core.server.Server"})
_NO_CHECK = frozenset({"ssl.CERT_NONE", "_ssl.CERT_NONE"})
_VALIDATE_AT, _USE_SSL_AT, _TLS_AT = 2, 2, 5
"""Positions of `Tls(..., validate)` and `Server(host, port, use_ssl, ..., tls)`."""
_DEFAULT_TLS = "uses SSL with no `tls` (ldap3's default `Tls()` checks nothing)"
_REQUIRE_CERT = "ldap.OPT_X_TLS_REQUIRE_CERT"
_LAX_CHECKS = {"ldap.OPT_X_TLS_NEVER": 0, "ldap.OPT_X_TLS_ALLOW": 3, "ldap.OPT_X_TLS_TRY": 4}
"""python-ldap's certificate demands that go on with a missing or forged certificate
(libldap's `never`, `allow` and `try`), with their values."""
_PYTHON_LDAP_FIX = "set `OPT_X_TLS_REQUIRE_CERT` to `ldap.OPT_X_TLS_DEMAND` (or `HARD`)"


class LdapCertificateUnverified(PythonRule):
    """## What it does
    Finds ldap3 TLS set-ups that verify no server certificate: a `Tls` made without
    `validate` (ldap3's default is `ssl.CERT_NONE`, even when a `ca_certs_file` is
    given) or with `validate=ssl.CERT_NONE`, and a `Server` that uses SSL
    (`use_ssl=True`, or an `ldaps://` URL) and is given no `tls` (ldap3 then makes a
    default `Tls()`, which verifies nothing), also a `Connection` given an `ldaps://`
    URL, which makes such a server. Also python-ldap's certificate option set to go on
    with a certificate it cannot verify: `ldap.set_option(ldap.OPT_X_TLS_REQUIRE_CERT,
    ldap.OPT_X_TLS_NEVER)` (for every connection made after it), or a connection's
    `conn.set_option(...)`, to `OPT_X_TLS_NEVER`, `OPT_X_TLS_ALLOW` or `OPT_X_TLS_TRY`,
    or a mapping of options that says so, which a library sets on its connections
    (django-auth-ldap's `AUTH_LDAP_GLOBAL_OPTIONS = {ldap.OPT_X_TLS_REQUIRE_CERT:
    ldap.OPT_X_TLS_NEVER}`, or `AUTH_LDAP_CONNECTION_OPTIONS`),
    unless only under an `if` testing an option that turns checking off (`if
    config["LDAP_ALLOW_SELF_SIGNED_CERT"]:`, `if not verify_certs:`, `if getattr(config,
    "LDAP_IGNORE_CERT_ERRORS", False):`): the operator's
    opt-out, as WW1140 judges `verify=False`; but such an option read from the
    environment whose default takes that branch (`VERIFY_TLS =
    os.environ.get("LDAP_VERIFY_TLS", "False")`, then `if VERIFY_TLS == "False":`)
    leaves checking off unless the operator sets the variable, and is reported.

    ## Why is this bad?
    Without verification anyone on the network path between the application and the
    directory can present their own certificate: they read the bind password (a service
    account's, or the user's own when the login binds as them) and can answer searches
    and logins with whatever they like. The default is easy to miss: the connection is
    encrypted, and a CA file passed to `Tls` looks like it is used.

    A connection a function opens only to read the server's certificate or see it answer
    (made with no user, password or SASL credentials, never bound with any, asked no
    search or change, and neither returned nor kept) is reported at low: a forged
    certificate learns and changes nothing there.

    ## Known problems
    A `validate`, `use_ssl` or URL known only at run time (read from settings) is not
    judged, nor is StartTLS on a server given no `tls` (`start_tls()`,
    `AUTO_BIND_TLS_BEFORE_BIND`), which also makes a default `Tls()`. python-ldap's
    option is reported whatever URL the connections use: with `ldap://` and no StartTLS
    there is no certificate to check, and nothing is encrypted either.

    ## Example
    ```python
    from ldap3 import Connection, Server, Tls

    def directory(uri, user, password):
        server = Server(uri, use_ssl=True, tls=Tls(ca_certs_file="/etc/ssl/ldap-ca.pem"))
        return Connection(server, user, password, auto_bind=True)
    ```

    ## Fix
    ```python
    import ssl

    from ldap3 import Connection, Server, Tls

    def directory(uri, user, password):
        tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file="/etc/ssl/ldap-ca.pem")
        server = Server(uri, use_ssl=True, tls=tls)
        return Connection(server, user, password, auto_bind=True)
    ```

    ## References
    - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    - [ldap3: SSL and TLS](https://ldap3.readthedocs.io/en/latest/ssltls.html)
    """

    code = "WW344"
    name = "ldap-certificate-unverified"
    practice = Practice.DATABASE
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 295
    message = "`{call}` {how}: the LDAP server's certificate is not verified"
    fix = "pass `tls=Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=...)`"
    calls = _TLS | _SERVER | CONNECTIONS | {".set_option"}
    mentions = (("ldap3", "OPT_X_TLS_REQUIRE_CERT"),)

    @classmethod
    def fix_for(cls, fields: Mapping[str, object]) -> str:
        """python-ldap's own option for its findings, ldap3's `Tls` for the others."""
        return _PYTHON_LDAP_FIX if fields.get("library") == "python-ldap" else cls.fix

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if ctx.has_kwargs_splat(node) or any(isinstance(a, ast.Starred) for a in node.args):
            return
        if name.endswith(".set_option"):
            demand = _lax_demand(ctx, node)
            how = f"sets `OPT_X_TLS_REQUIRE_CERT` to `{demand}`" + _opted_out(ctx, node)
            if demand and not how.endswith(_OPTED_OUT):
                call = ast.unparse(node.func)
                yield self.finding(ctx, node, call=call, how=how, library="python-ldap")
            return
        how = ""
        if name in _TLS:
            validate = ctx.argument(node, _VALIDATE_AT, "validate")
            if validate is None:
                how = "is made without `validate` (ldap3's default is `CERT_NONE`)"
            elif _no_check(ctx, validate):
                how = "sets `validate` to `CERT_NONE`"
        elif name in _SERVER:
            tls = ctx.argument(node, _TLS_AT, "tls")
            if (tls is None or ctx.evaluate(tls) is None) and _uses_ssl(ctx, node):
                how = _DEFAULT_TLS
        elif name in CONNECTIONS and _ldaps_url(ctx, ctx.argument(node, 0, "server")):
            how = "is given an `ldaps://` URL (its server gets ldap3's default `Tls()`)"
        if not how:
            return
        call = ast.unparse(node.func)
        probe = probing_function(ctx, node)
        if probe is None:
            yield self.finding(ctx, node, call=call, how=how)
            return
        how += f" (`{probe}()` only opens the connection: it sends no credentials, asks nothing)"
        yield self.finding(ctx, node, severity=Severity.LOW, call=call, how=how)

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        """A mapping of python-ldap options that a library sets on every connection
        (django-auth-ldap's `AUTH_LDAP_GLOBAL_OPTIONS`, `AUTH_LDAP_CONNECTION_OPTIONS`)."""
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None or ctx.qualified(key) != _REQUIRE_CERT:
                continue
            demand = _lax_name(ctx, value)
            how = f"maps `OPT_X_TLS_REQUIRE_CERT` to `{demand}`" + _opted_out(ctx, node)
            if demand and not how.endswith(_OPTED_OUT):
                yield self.finding(
                    ctx, node, call=_mapping_name(ctx, node), how=how, library="python-ldap"
                )


_OPTED_OUT = "\0"
"""What `_opted_out` answers for a set-up the operator must ask for: not reported."""


def _opted_out(ctx: FileContext, node: ast.AST) -> str:
    """Why `node` is reported although under an opt-out, or `_OPTED_OUT` when it is not.

    The empty text when `node` is under no `if` testing an option that turns checking
    off; when it is (`if not verify_certs:`), `_OPTED_OUT`, unless that test is decided
    by environment variables and takes the arm holding `node` when they are unset
    (`VERIFY = os.environ.get("LDAP_VERIFY", "False")`, then `if VERIFY == "False":`):
    checking is then off unless the operator sets them, which the text returned says (`when $LDAP_VERIFY is unset`)."""
    if not under_verify_option(ctx, node, strings=True, words=_OPT_OUT_WORDS):
        return ""
    child: ast.AST = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            break
        if isinstance(holder, ast.If) and _tests_option(ctx, holder):
            value = evaluate_setting(ctx, holder.test)
            if not isinstance(value, DeployTime) or value.if_unset not in (True, False):
                return _OPTED_OUT
            if bool(value.if_unset) is any(s is child for s in holder.body):
                return f" when {', '.join(value.shown_names)} is unset"
            return _OPTED_OUT
        child = holder
    return _OPTED_OUT


def _tests_option(ctx: FileContext, branch: ast.If) -> bool:
    """Whether the `if`'s own test reads an opt-out option (not only one around it)."""
    inside = under_verify_option(ctx, branch.body[0], strings=True, words=_OPT_OUT_WORDS)
    return inside and not under_verify_option(ctx, branch, strings=True, words=_OPT_OUT_WORDS)


def _mapping_name(ctx: FileContext, node: ast.Dict) -> str:
    """The name a mapping is assigned to (`AUTH_LDAP_GLOBAL_OPTIONS`), else a short text."""
    parent = ctx.parent(node)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        return ast.unparse(parent.targets[0])
    if isinstance(parent, ast.AnnAssign):
        return ast.unparse(parent.target)
    return "{ldap.OPT_X_TLS_REQUIRE_CERT: ...}"


_OPT_OUT_WORDS = frozenset(
    {"verify", "verification", "verified", "unverified", "insecure", "validate", "signed", "ignore"}
)
"""Words of an option that turns the certificate check off (`allow_self_signed`,
`verify_certs`, `insecure`, `IGNORE_CERT_ERRORS`), not of one naming the certificates to
check with."""


def _lax_demand(ctx: FileContext, call: ast.Call) -> str:
    """The demand python-ldap's `set_option(OPT_X_TLS_REQUIRE_CERT, demand)` (the module's
    function or a connection's method) sets when it accepts a certificate it cannot
    verify (`OPT_X_TLS_NEVER`, `ALLOW` or `TRY`, or their numbers); "" otherwise."""
    if len(call.args) != 2 or ctx.qualified(call.args[0]) != _REQUIRE_CERT:
        return ""
    return _lax_name(ctx, call.args[1])


def _lax_name(ctx: FileContext, value: ast.expr) -> str:
    """The name of a lax certificate demand `value` is (`OPT_X_TLS_NEVER`), or ""."""
    name = ctx.qualified(value) or ""
    if name in _LAX_CHECKS:
        return name.rpartition(".")[2]
    number = ctx.evaluate(value)
    if type(number) is int and number in _LAX_CHECKS.values():
        return next(n for n, v in _LAX_CHECKS.items() if v == number).rpartition(".")[2]
    return ""


def _no_check(ctx: FileContext, value: ast.expr) -> bool:
    return ctx.qualified(value) in _NO_CHECK


def _uses_ssl(ctx: FileContext, server: ast.Call) -> bool:
    use_ssl = ctx.argument(server, _USE_SSL_AT, "use_ssl")
    if use_ssl is not None:
        return ctx.evaluate(use_ssl) is True
    return _ldaps_url(ctx, ctx.argument(server, 0, "host"))


def _ldaps_url(ctx: FileContext, host: ast.expr | None) -> bool:
    """A host written as an `ldaps://` URL (a literal, or a template starting so)."""
    if host is None:
        return False
    if isinstance(host, ast.JoinedStr) and host.values:
        host = host.values[0]
    elif (
        isinstance(host, ast.Call)
        and isinstance(host.func, ast.Attribute)
        and host.func.attr == "format"
    ):
        host = host.func.value
    text = ctx.evaluate(host)
    return isinstance(text, str) and text.lower().startswith("ldaps://")
