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

    Also a `starttls()` or `stls()` in a `try` whose `except` lets the function go on
    (no `raise`, `return` or exit), followed by a login on the same client after the
    `try` (`user()`, `pass_()`, `login()`): however the client was made, a failed
    switch to TLS then logs in in cleartext, and an attacker on the path makes it fail
    by striking `STARTTLS` from the server's answer. Not an `except` that first puts a
    TLS client in the same name (`server = smtplib.SMTP_SSL(host, port)`): the login
    after the `try` then runs on a connection encrypted from its start.

    Also, at medium severity, a client whose every `starttls()` or `stls()` runs only
    under an `if` that leaves the login out of its branch (`if settings.use_tls:
    client.starttls()`, then `client.login(...)` after it; `if
    client.has_extn("starttls"):`): with the option off, or the server offering no
    STARTTLS, the login still runs, in cleartext. Not an `if` around the client's
    making too (`if implicit_tls: SMTP_SSL(...) else: SMTP(...); starttls()`): it
    chooses the client, it skips no switch; nor an `if` whose other branch raises or
    returns (`if client.has_extn("starttls"): client.starttls() else: raise ...`: the
    `if` around it, if any, is the one skipped); nor a login under an `if` on the same test
    (`if settings.use_tls and user:`), which runs only after the switch.

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
    `prot_p()`), `imaplib.IMAP4_SSL`, `poplib.POP3_SSL`; SSH instead of Telnet. Let a
    failed `starttls()` stop the login (re-raise, or return before it).

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
            return
        skipped = _skippable_switch(ctx, node, calls, sends) if sends else None
        if skipped is not None:
            switch, test = skipped
            what = (
                f"logs in over {protocol} even when the `{switch}()` under `if {test}:` is "
                f"skipped: the password then crosses the network in cleartext (use {secure} "
                "on every path)"
            )
            yield self.finding(ctx, node, severity=Severity.MEDIUM, client=shown, what=what)

    def visit_Try(self, node: ast.Try | ast.TryStar, ctx: FileContext) -> Iterator[Finding]:
        """`try: client.starttls()` whose `except` goes on to a login after the `try`."""
        if not any(_goes_on(handler) for handler in node.handlers):
            return
        function = ctx.scopes.enclosing_function(node) or ctx.tree
        for call, switch in _switches(node.body):
            client = ast.unparse(switch.value)
            if all(
                _reconnects_over_tls(ctx, handler, client)
                for handler in node.handlers
                if _goes_on(handler)
            ):
                continue
            login = next(_logins_after(function, node, client), None)
            if login is not None:
                what = (
                    f"logs in with `{login}()` after a failed `{switch.attr}()` is let "
                    "through: stripping STARTTLS sends the password in cleartext"
                )
                yield self.finding(ctx, call, client=client, what=what)

    visit_TryStar = visit_Try


def _skippable_switch(
    ctx: FileContext, node: ast.Call, calls: list[ast.Call], sends: list[ast.Call]
) -> tuple[str, str] | None:
    """The switch to TLS (`starttls`) and the `if` test it hangs on when every switch on
    the client made at `node` runs only under an `if` that leaves a login out of its
    branch (`if use_tls: client.starttls()`, then `client.login(...)` outside it): the
    login also runs when the test is false, in cleartext. An `if` around the client's
    making as well chooses another client, not a skipped switch; a switch in a `try` whose
    `except` goes on is `visit_Try`'s to report."""
    switches = [
        call
        for call in calls
        if isinstance(call.func, ast.Attribute) and call.func.attr in _SECURED
    ]
    found: tuple[str, str] | None = None
    for switch in switches:
        test = _guard_leaving_out(ctx, node, switch, sends)
        if test is None:
            return None
        if found is None and isinstance(switch.func, ast.Attribute):
            found = (switch.func.attr, test)
    return found


def _guard_leaving_out(
    ctx: FileContext, made: ast.Call, switch: ast.Call, sends: list[ast.Call]
) -> str | None:
    """The test of the innermost `if` around `switch` whose branch holding it holds none
    of `sends` and whose whole holds not the client's making `made`; None when there is
    none (the switch always runs before those logins), or when a lenient `try` holds it."""
    chain: list[tuple[ast.AST, ast.AST]] = []
    child: ast.AST = switch
    for holder in ctx.ancestors(switch):
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            break
        if (
            isinstance(holder, ast.Try | ast.TryStar)
            and child in holder.body
            and any(_goes_on(handler) for handler in holder.handlers)
        ):
            return None
        chain.append((child, holder))
        child = holder
    for child, holder in chain:
        if isinstance(holder, ast.If) and child is not holder.test:
            in_body = child in holder.body
            branch = holder.body if in_body else holder.orelse
            if _stops(holder.orelse if in_body else holder.body):
                continue  # NOTE: `if offered: starttls() else: raise`: nothing goes on
            inside = {id(n) for statement in branch for n in walk(statement)}
            whole = {id(n) for n in walk(holder)}
            exposed = [
                send
                for send in sends
                if id(send) not in inside
                and not (in_body and _under_test(ctx, send, ast.unparse(holder.test)))
            ]
            if id(made) not in whole and len(exposed) == len(sends):
                return ast.unparse(holder.test)
    return None


def _stops(branch: list[ast.stmt]) -> bool:
    """Whether a branch ends the function or raises: the code after its `if` runs only
    through the other one."""
    return bool(branch) and isinstance(branch[-1], ast.Raise | ast.Return)


def _under_test(ctx: FileContext, node: ast.AST, test: str) -> bool:
    """Whether `node` runs only when `test` holds: in the body of an `if` testing it, alone
    or as a part of an `and` (`if use_tls and user: client.login(...)`)."""
    child = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.If) and child in holder.body:
            parts = [holder.test]
            if isinstance(holder.test, ast.BoolOp) and isinstance(holder.test.op, ast.And):
                parts = holder.test.values
            if any(ast.unparse(part) == test for part in parts):
                return True
        child = holder
    return False


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


_SWITCHES = frozenset({"starttls", "stls"})
_LOGINS = frozenset({"login", "user", "pass_", "apop", "rpop", "authenticate", "auth_plain"})
_EXITS = frozenset({"exit", "_exit", "quit", "abort"})


def _switches(body: list[ast.stmt]) -> Iterator[tuple[ast.Call, ast.Attribute]]:
    """The `x.starttls()` and `x.stls()` calls a `try` body makes, with their callee."""
    for statement in body:
        for node in walk(statement):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _SWITCHES
            ):
                yield node, node.func


def _goes_on(handler: ast.ExceptHandler) -> bool:
    """Whether the handler lets the code after the `try` run: no `raise`, `return`,
    `break`, `continue` or exit (`sys.exit()`) in it."""
    for node in walk(handler):
        if isinstance(node, ast.Raise | ast.Return | ast.Break | ast.Continue):
            return False
        if isinstance(node, ast.Call):
            target = node.func
            name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
            if name in _EXITS:
                return False
    return True


_TLS_CLIENTS = frozenset(
    {"smtplib.SMTP_SSL", "poplib.POP3_SSL", "imaplib.IMAP4_SSL", "ftplib.FTP_TLS"}
)
"""Clients whose connection is encrypted from its start (`FTP_TLS` protects the login)."""


def _reconnects_over_tls(ctx: FileContext, handler: ast.ExceptHandler, client: str) -> bool:
    """Whether the handler, on every path through it, puts a new TLS client in `client`
    (`server = smtplib.SMTP_SSL(host, port)` in its body, not under an `if`): the login
    after the `try` then goes over that encrypted connection."""
    return any(
        isinstance(statement, ast.Assign)
        and any(ast.unparse(target) == client for target in statement.targets)
        and isinstance(statement.value, ast.Call)
        and ctx.call_name(statement.value) in _TLS_CLIENTS
        for statement in handler.body
    )


def _logins_after(scope: ast.AST, statement: ast.AST, client: str) -> Iterator[str]:
    """The login methods called on `client` after the whole `try` statement (not in its
    `else`, which runs only when the switch succeeded)."""
    end = getattr(statement, "end_lineno", None) or 0
    for node in walk(scope):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LOGINS
            and node.lineno > end
            and ast.unparse(node.func.value) == client
        ):
            yield node.func.attr
