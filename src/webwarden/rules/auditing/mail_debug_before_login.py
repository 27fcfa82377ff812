"""WW1188: a mail client's protocol trace turned on before it logs in."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_LOGINS = frozenset({"login", "auth", "pass_", "apop", "rpop"})
"""What sends a password: `smtplib.SMTP.login()` and `auth()`, `poplib.POP3.pass_()`,
`apop()` and `rpop()`."""


class MailDebugBeforeLogin(PythonRule):
    """## What it does
    Finds an `smtplib` or `poplib` client whose protocol trace is turned on
    (`server.set_debuglevel(1)`, any level above 0) in the function that then logs in
    with it (`server.login(user, password)`, `auth()`, POP3's `pass_()`, `apop()`).

    ## Why is this bad?
    With a debug level above 0 these clients print every command they send to standard
    error, and logging in is such a command: `AUTH PLAIN` carries the user name and the
    password in base64, POP3's `PASS` in the clear. A server's standard error ends up in
    the web server's or the container's log, kept for months and read by people who must
    not learn the mail account's password. The messages sent (one-time codes, reset
    links) are printed too.

    ## Known problems
    A trace turned on under an `if` (a debug option the operator sets) is not reported,
    nor is a level known only at run time. The client is recognised by the methods it is
    asked for, in a module that imports `smtplib` or `poplib`.

    ## Example
    ```python
    import smtplib

    def send(host, user, password, sender, to, text):
        server = smtplib.SMTP(host, 587)
        server.set_debuglevel(1)
        server.starttls()
        server.login(user, password)
        server.sendmail(sender, to, text)
    ```

    ## Fix
    ```python
    import smtplib

    def send(host, user, password, sender, to, text):
        server = smtplib.SMTP(host, 587)
        server.starttls()
        server.login(user, password)
        server.sendmail(sender, to, text)
    ```

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [Python docs: SMTP.set_debuglevel](https://docs.python.org/3/library/smtplib.html#smtplib.SMTP.set_debuglevel)
    """

    code = "WW1188"
    name = "mail-debug-before-login"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 532
    message = "`{call}` traces the protocol before `{login}()`: the password is printed to stderr"
    fix = "remove the `set_debuglevel()` call, or turn it on only behind a debug option"
    calls = frozenset({".set_debuglevel"})
    mentions = ("set_debuglevel", ("smtplib", "poplib"))

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        method = node.func
        if not (isinstance(method, ast.Attribute) and method.attr == "set_debuglevel"):
            return
        level = ctx.evaluate(ctx.argument(node, 0, "debuglevel"))
        if not isinstance(level, int) or level <= 0:
            return
        function = ctx.scopes.enclosing_function(node)
        if function is None or _conditional(ctx, node, function):
            return
        login = _login_after(node, ast.unparse(method.value), function)
        if login is not None:
            yield self.finding(ctx, node, call=ast.unparse(node), login=login)


def _conditional(ctx: FileContext, node: ast.AST, function: ast.AST) -> bool:
    """Whether `node` runs only under an `if` (or a conditional expression) of `function`."""
    for ancestor in ctx.ancestors(node):
        if ancestor is function:
            return False
        if isinstance(ancestor, ast.If | ast.IfExp):
            return True
    return False


def _login_after(node: ast.Call, receiver: str, function: ast.AST) -> str | None:
    """The name of the first login method called on the same receiver after `node`."""
    start = (node.lineno, node.col_offset)
    logins = [
        call
        for call in ast.walk(function)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _LOGINS
        and (call.lineno, call.col_offset) > start
        and ast.unparse(call.func.value) == receiver
    ]
    first = min(logins, key=lambda call: (call.lineno, call.col_offset), default=None)
    return first.func.attr if first is not None and isinstance(first.func, ast.Attribute) else None
