"""WW1149: passwords sent over FTP, SMTP, POP3, IMAP or Telnet without TLS."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import is_local_host
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import walk
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_CLIENTS = {
    "ftplib.FTP": ("FTP", "`FTP_TLS`", frozenset({"login"})),
    "smtplib.SMTP": ("SMTP", "`starttls()` or `SMTP_SSL`", frozenset({"login"})),
    "poplib.POP3": ("POP3", "`stls()` or `POP3_SSL`", frozenset({"user", "pass_", "apop", "rpop"})),
    "imaplib.IMAP4": ("IMAP", "`starttls()` or `IMAP4_SSL`", frozenset({"login", "authenticate"})),
    "telnetlib.Telnet": ("Telnet", "SSH", frozenset()),
}
"""Clients of protocols that are cleartext unless told otherwise: the protocol, how to
encrypt it, and the methods that send credentials."""
_SECURED = frozenset({"starttls", "stls", "prot_p", "auth"})
"""Methods that switch the connection to TLS (`ftp.auth()` and `prot_p()` are FTP_TLS's)."""


class CleartextLogin(PythonRule):
    """## What it does
    Finds clients of FTP (`ftplib.FTP`), SMTP (`smtplib.SMTP`), POP3 and IMAP that log in
    without switching the connection to TLS first (`starttls()`, `stls()`), in the
    function that makes them; and every Telnet client (`telnetlib.Telnet`), at medium
    severity. An FTP client given a user (`FTP(host, user, passwd)`) logs in as it is
    made; an anonymous FTP login (`ftp.login()` with no user, or `anonymous`) sends no
    secret and is not reported. A client of this machine (`localhost`, `127.0.0.1`) is
    not reported.

    ## Why is this bad?
    These protocols send the user name and password as they are: anyone on the network
    path (a shared Wi-Fi, a compromised router, the hosting provider's network) reads them,
    and the files or mail that follow.

    ## Known problems
    A client handed to another function before it logs in is not followed.

    ## Example
    ```python
    import smtplib

    def send_report(host, user, password, message):
        server = smtplib.SMTP(host, 587)
        server.login(user, password)
        server.send_message(message)
    ```

    ## Fix
    ```python
    import smtplib

    def send_report(host, user, password, message):
        server = smtplib.SMTP(host, 587)
        server.starttls()
        server.login(user, password)
        server.send_message(message)
    ```
    Or use the protocol's TLS client: `smtplib.SMTP_SSL`, `ftplib.FTP_TLS` (then
    `prot_p()`), `imaplib.IMAP4_SSL`, `poplib.POP3_SSL`; SSH instead of Telnet.

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Python docs: smtplib.SMTP.starttls](https://docs.python.org/3/library/smtplib.html#smtplib.SMTP.starttls)
    """

    code = "WW1149"
    name = "cleartext-login"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 319
    message = "`{client}` {what}"
    fix = "call `starttls()` before logging in, or use the protocol's TLS client (`SMTP_SSL`, `FTP_TLS`, `IMAP4_SSL`)"
    bandit = ("B312", "B321")
    ruff = ("S312", "S321")
    calls = frozenset(_CLIENTS)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        protocol, secure, logins = _CLIENTS[name]
        shown = name.split(".", 1)[1]
        host = ctx.evaluate(ctx.argument(node, 0, "host"))
        if isinstance(host, str) and is_local_host(host):
            return
        if not logins:
            what = f"opens a {protocol} session: everything typed, passwords too, crosses the network in cleartext"
            yield self.finding(ctx, node, severity=Severity.MEDIUM, client=shown, what=what)
            return
        # NOTE: `FTP(host, user, passwd)` logs in itself, before any command could be sent.
        logs_in = protocol == "FTP" and not _anonymous(ctx, node, 1)
        client = _held_in(ctx, node)
        calls = _calls_on(ctx, node, client) if client is not None else []
        called = {call.func.attr for call in calls if isinstance(call.func, ast.Attribute)}
        sends = [
            call
            for call in calls
            if isinstance(call.func, ast.Attribute)
            and call.func.attr in logins
            and not (protocol == "FTP" and _anonymous(ctx, call, 0))
        ]
        if logs_in or (sends and not called & _SECURED):
            what = f"logs in over {protocol} without TLS: the password crosses the network in cleartext (use {secure})"
            yield self.finding(ctx, node, client=shown, what=what)


def _held_in(ctx: FileContext, node: ast.Call) -> str | None:
    """The name the client is kept in: `client = FTP(...)`, `with SMTP(...) as client:`."""
    holder = ctx.parent(node)
    if isinstance(holder, ast.Assign):
        return ctx.assigned_name(node)
    if isinstance(holder, ast.withitem) and isinstance(holder.optional_vars, ast.Name):
        return holder.optional_vars.id
    return None


def _calls_on(ctx: FileContext, node: ast.Call, client: str) -> list[ast.Call]:
    """The method calls on `client` in the function (or module) that made it."""
    scope = ctx.scopes.enclosing_function(node) or ctx.tree
    return [
        call
        for call in walk(scope)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == client
    ]


_ANONYMOUS = frozenset({"", "anonymous", "ftp"})


def _anonymous(ctx: FileContext, call: ast.Call, position: int) -> bool:
    """Whether an FTP login (`login(user)`, or `FTP(host, user)`: the user at `position`)
    names no user or an anonymous one: `ftplib` then sends `anonymous` and the password
    `anonymous@`, no secret of anyone's (a public mirror's listing)."""
    user = ctx.argument(call, position, "user")
    if user is None:
        return True
    value = ctx.evaluate(user)
    return isinstance(value, str) and value.lower() in _ANONYMOUS
