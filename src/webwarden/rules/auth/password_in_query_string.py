"""WW760: a view reading a password from the query string of the URL."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets.values import is_password_name
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_QUERY_PARTS = frozenset({"args", "GET", "query_params"})
"""Flask's (and Quart's, Sanic's) `request.args`, Django's `request.GET`, REST framework's
`request.query_params`: the query string alone. `request.values` and `request.REQUEST`
merge it with the form; a form that posts its password keeps it out of the URL there."""
_KEYED_READS = frozenset({"get", "getlist", "getone", "pop"})
_PASSWORD_FORMS = (
    "login",
    "signin",
    "signup",
    "password",
    "passwd",
    "authentication",
    "usercreation",
)
"""What a form class's name holds when it takes a password: Django's `AuthenticationForm`,
`PasswordChangeForm`, `SetPasswordForm`, `UserCreationForm`, a project's `SignInForm`."""


class PasswordInQueryString(PythonRule):
    """## What it does
    Finds code reading a password from the query string of a request:
    `request.args.get("password")` (Flask), `request.GET["password"]` (Django, also
    `self.request.GET` in a class view), `request.query_params.get("new_password")`
    (REST framework), directly or through a name holding that part of the request
    (`params = request.args`). The key names a password (`password`, `passwd`, `pwd`,
    `passphrase`, `new_password`; not `password_reset_token` or `password_hash`), or the
    name the value is stored in does (`pass_word = request.args.get("pw")`).
    A form class named for a password or a login (`AuthenticationForm`, `LoginForm`,
    `PasswordChangeForm`) bound to the query string (`LoginForm(request.GET)`, `data=`)
    is reported too. `request.values` and `request.REQUEST`, which also take the form,
    are not. A statement that tests the key and then reads it (`request.args["password"]
    if request.args.get("password") else None`) is reported once, at its first read.

    ## Why is this bad?
    A password the server takes from the query string travels in the URL. The web
    server, the proxies and load balancers in front of it write URLs to their access
    logs, the browser keeps them in its history, and the next page's requests send them
    on in the `Referer` header. Whoever reads any of those logs can log in as the user.
    HTTPS does not help: the URL is encrypted on the wire, but written in clear at both
    ends.

    ## Example
    ```python
    from flask import request


    @app.route("/login")
    def login():
        user = User.query.filter_by(name=request.args["user"]).first()
        if user and user.check_password(request.args.get("password", "")):
            return issue_token(user)
        abort(401)
    ```

    ## Fix
    ```python
    from flask import request


    @app.route("/login", methods=["POST"])
    def login():
        user = User.query.filter_by(name=request.form["user"]).first()
        if user and user.check_password(request.form.get("password", "")):
            return issue_token(user)
        abort(401)
    ```
    Take passwords from a POST body (a form or JSON), or from the `Authorization`
    header for a machine client.

    ## References
    - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    - [OWASP: Information exposure through query strings in URL](https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url)
    - [OWASP ASVS 4.0, V8.3.1: sensitive data in the HTTP message body or headers](https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x16-V8-Data-Protection.md)
    """

    code = "WW760"
    name = "password-in-query-string"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 598
    message = (
        "password read from the query string ({read}): it travels in the URL, which access "
        "logs, browser history and `Referer` headers keep"
    )
    fix = (
        "take the password from a POST body (`request.form`, `request.POST`, JSON) or the "
        "`Authorization` header"
    )
    calls = frozenset({*(f".{name}" for name in _KEYED_READS), "*Form"})
    mentions = ("request",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _KEYED_READS and node.args:
            yield from self._judge(ctx, node, func.value, node.args[0])
        elif _password_form(func):
            for given in [*node.args, *(k.value for k in node.keywords if k.arg == "data")]:
                if _query_part(ctx, given) is not None:
                    yield self.finding(
                        ctx, node, read=f"`{ast.unparse(given)}` bound to a password form"
                    )

    def visit_Subscript(self, node: ast.Subscript, ctx: FileContext) -> Iterator[Finding]:
        if isinstance(node.ctx, ast.Load):
            yield from self._judge(ctx, node, node.value, node.slice)

    def _judge(
        self, ctx: FileContext, read: ast.expr, holder: ast.expr, key: ast.expr
    ) -> Iterator[Finding]:
        if not (ctx.mentions("pass") or ctx.mentions("pwd")):
            return
        named = _key_text(ctx, key)
        stored = ctx.assigned_name(read)
        if not (
            (isinstance(named, str) and is_password_name(named))
            or (stored is not None and is_password_name(stored))
        ):
            return  # NOTE: tested first: finding what the holder is takes a look-up
        if _query_part(ctx, holder) is not None and not _read_before(ctx, read, holder, key):
            yield self.finding(ctx, read, read=f"`{ast.unparse(read)}`")


def _read_before(ctx: FileContext, read: ast.expr, holder: ast.expr, key: ast.expr) -> bool:
    """Whether the statement holding `read` reads the same key of the same holder before
    it (`request.args["password"] if request.args.get("password") else None` reads one
    password): the statement is reported once."""
    statement = next((a for a in ctx.ancestors(read) if isinstance(a, ast.stmt)), None)
    if statement is None or isinstance(statement, _BLOCKS):
        return False
    place = (read.lineno, read.col_offset)
    wanted = (ast.unparse(holder), ast.unparse(key))
    for node in ast.walk(statement):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            found = (node.value, node.slice)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _KEYED_READS
            and node.args
        ):
            found = (node.func.value, node.args[0])
        else:
            continue
        if (node.lineno, node.col_offset) < place and (
            ast.unparse(found[0]),
            ast.unparse(found[1]),
        ) == wanted:
            return True
    return False


_BLOCKS = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.If,
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.With,
    ast.AsyncWith,
    ast.Try,
    ast.Match,
)
"""Statements holding others: reads in their bodies are statements of their own."""


def _key_text(ctx: FileContext, key: ast.expr) -> object:
    """The key a read names: a literal, or a constant whose own name hints at a password
    (`request.GET[PASSWORD_FIELD]`); evaluating every name is a scan's cost for nothing."""
    if isinstance(key, ast.Constant):
        return key.value
    if isinstance(key, ast.Name) and any(w in key.id.lower() for w in ("pass", "pwd")):
        return ctx.evaluate(key)
    return None


def _password_form(func: ast.expr) -> bool:
    """`LoginForm`, `forms.AuthenticationForm`, `PasswordChangeForm`: a form class named
    for taking a password."""
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    words = identifier_words(name)
    joined = "".join(words[:-1])
    return len(words) > 1 and words[-1] == "form" and any(w in joined for w in _PASSWORD_FORMS)


def _query_part(ctx: FileContext, holder: ast.expr) -> str | None:
    """`args`, `GET` or `query_params` when `holder` is that part of a request, or a
    name assigned it once (`params = request.GET`)."""
    if isinstance(holder, ast.Name):
        value = ctx.lookup(holder)
        holder = value if value is not None else holder
    if not (isinstance(holder, ast.Attribute) and holder.attr in _QUERY_PARTS):
        return None
    owner = ctx.qualified(holder.value) or ast.unparse(holder.value)
    return holder.attr if owner.rsplit(".", 1)[-1] == "request" else None
