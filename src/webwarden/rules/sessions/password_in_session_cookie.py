"""WW829: a password kept in Flask's session cookie."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets.values import is_password_name
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.flask.exposed import module_app
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.context import name_of

_SESSION = frozenset({"flask.session", "flask.globals.session"})


class PasswordInSessionCookie(ProjectRule):
    """## What it does
    In Flask apps whose session is Flask's own (a signed cookie holding the session's
    data: no Flask-Session, Flask-KVSession or `app.session_interface` of the project's),
    finds a password stored in the session: `session[key] = value` where the value is
    named a password or passphrase (`session["pw"] = form.password.data`,
    `session[KEY] = supplied_passphrase`) or the key is (`session["password"] = ...`).
    A password's hash (`password_hash`) is not reported, nor a constant named for
    passwords (`LoginMechanism.PASSWORD`, an enum member saying how the user logged in),
    nor a flag or count kept under a key named for passwords (`session[
    "password-confirmed"] = True`, `None`, a number: no password is stored), nor test
    modules.

    ## Why is this bad?
    Flask signs its session cookie but does not encrypt it: the data is base64-encoded
    JSON that anyone holding the cookie reads (`itsdangerous` only stops them changing
    it). The password travels with every request and rests in the browser's cookie store,
    proxy and crash logs, and a stolen cookie hands over the password itself, which still
    works after the session ends.

    ## Known problems
    A value named otherwise (a one-time login code kept as `code`) is not found. Where
    the session lives is judged per app; a module is taken to belong to the app made
    nearest above it.

    ## Example
    ```python
    from flask import Flask, request, session

    app = Flask(__name__)


    @app.post("/login")
    def login():
        session["password"] = request.form["password"]
        return "ok"
    ```

    ## Fix
    ```python
    from flask import Flask, request, session

    app = Flask(__name__)


    @app.post("/login")
    def login():
        session["user_id"] = check_login(request.form["name"], request.form["password"])
        return "ok"
    ```

    ## References
    - [CWE-315: Cleartext Storage of Sensitive Information in a Cookie](https://cwe.mitre.org/data/definitions/315.html)
    - [Flask: sessions (the user can look at the contents of the cookie)](https://flask.palletsprojects.com/en/stable/quickstart/#sessions)
    """

    code = "WW829"
    name = "password-in-session-cookie"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 315
    frameworks = frozenset({Framework.FLASK})
    example_filename = "app.py"
    message = "`{what}` is kept in Flask's session cookie, which the client can read"
    fix = (
        "keep an id of the user in the session, never the password; or keep sessions on the server"
    )

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        flask, read_module = project.flask, project.read_module
        if flask is None or read_module is None:
            return
        for summary in project.modules.values():
            if summary.is_test or not _SESSION.intersection(summary.imports.values()):
                continue
            app = module_app(flask.apps, summary.relpath)
            if app is None or app.server_sessions or app.session_interface is not None:
                continue
            ctx = read_module(summary.module)
            if ctx is None or ctx.relpath != summary.relpath:
                continue
            for node, what in _password_stores(ctx):
                yield self.make_finding(ctx.location(node), snippet=ctx.snippet(node), what=what)


def _password_stores(ctx: FileContext) -> Iterator[tuple[ast.AST, str]]:
    """`session[key] = value` of Flask's session where the value or the key is named a
    password: the statement and the name."""
    for node in ctx.nodes(ast.Assign):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if not isinstance(target, ast.Subscript) or ctx.qualified(target.value) not in _SESSION:
                continue
            value = name_of(node.value)
            key = ctx.evaluate(target.slice)
            if value is not None and _names_a_password(value):
                yield node, value
            elif (
                isinstance(key, str)
                and is_password_name(key)
                and not _flag(ctx.evaluate(node.value))
            ):
                yield node, f'session["{key}"]'


def _flag(stored: object) -> bool:
    """A boolean, `None` or a number: what a key named for passwords holds when it records
    that a step about one happened (`session["password-confirmed"] = True`), never a
    password."""
    return stored is None or isinstance(stored, bool | int | float)


def _names_a_password(name: str) -> bool:
    """A variable or attribute named a password; not a constant (`LoginMechanism.PASSWORD`,
    an enum member naming how the user logged in)."""
    last = name.rpartition(".")[2]
    return is_password_name(name) and not last.isupper()
