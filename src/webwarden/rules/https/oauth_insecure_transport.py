"""WW924: OAuth libraries told to accept plain HTTP."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.roles import role_of
from webwarden.model.switches import DEBUG, TESTING, under_switch
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.secret_sites import role_named

_VARIABLES = frozenset({"OAUTHLIB_INSECURE_TRANSPORT", "AUTHLIB_INSECURE_TRANSPORT"})
_SETTERS = frozenset({"os.environ.setdefault", "os.putenv"})
_SWITCHES = DEBUG | TESTING | frozenset({"insecure", "development", "dev"})
"""Switches that keep the variable to development, tests, or a deployment's own choice
(`if app.debug or app.testing:`, `if config["AUTHLIB_INSECURE_TRANSPORT"]:`)."""


class OauthInsecureTransport(PythonRule):
    """## What it does
    Finds code that sets `OAUTHLIB_INSECURE_TRANSPORT` (oauthlib, requests-oauthlib,
    Flask-Dance, django-oauth-toolkit) or `AUTHLIB_INSECURE_TRANSPORT` (Authlib) in the
    process environment to a constant (`os.environ["OAUTHLIB_INSECURE_TRANSPORT"] =
    "1"`, `os.environ.setdefault(...)`, `os.putenv(...)`). Both libraries read any
    non-empty value as on, `"0"` and `"false"` too. Not reported: a value read from
    elsewhere (a setting, the environment: the deployment's choice), and a constant set
    only under a switch named for debugging, tests, development or the insecure mode
    itself (`if app.debug or app.testing:`, `if config["AUTHLIB_INSECURE_TRANSPORT"]:`),
    nor in test code (a `conftest.py` setting it for the suite's own process). In a
    settings module named for development or tests (`settings/dev.py`, `dev_settings.py`,
    which only the development server loads; not `local_settings.py`) it is reported at
    low severity.

    ## Why is this bad?
    The libraries refuse authorization, token and redirect URLs over `http://` unless
    the variable is set: with it, authorization codes, access tokens and client secrets
    may travel in clear text, where anyone on the network can read and replay them.
    Tutorials set it to try a flow on `localhost`, and the line stays in the code that is
    deployed.

    ## Example
    ```python
    import os

    os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
    ```

    ## Fix
    ```python
    import os

    from flask import Flask

    app = Flask(__name__)
    if app.debug:
        os.environ["OAUTHLIB_INSECURE_TRANSPORT"] = "1"
    ```
    Serve the OAuth endpoints and redirect URIs over HTTPS; set the variable only on a
    developer's machine.

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [oauthlib: environment variables](https://oauthlib.readthedocs.io/en/latest/oauth2/security.html#environment-variables)
    - [Authlib: OAuth 2 session, AUTHLIB_INSECURE_TRANSPORT](https://docs.authlib.org/en/latest/client/oauth2.html)
    """

    code = "WW924"
    name = "oauth-insecure-transport"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 319
    message = "`{variable}` is set: OAuth codes and tokens are accepted over plain HTTP"
    fix = "serve OAuth over HTTPS; set the variable only in development (`if app.debug:`)"
    assigns = frozenset(f"[{variable}]" for variable in _VARIABLES)
    calls = _SETTERS
    mentions = ("INSECURE_TRANSPORT",)

    in_tests = False

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        for target in node.targets:
            if (
                isinstance(target, ast.Subscript)
                and ctx.qualified(target.value) == "os.environ"
                and (variable := _variable(ctx, target.slice)) is not None
            ):
                yield from self._judged(ctx, node, variable, node.value)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) not in _SETTERS or len(node.args) != 2:
            return
        variable = _variable(ctx, node.args[0])
        if variable is not None:
            yield from self._judged(ctx, node, variable, node.args[1])

    def _judged(
        self, ctx: FileContext, node: ast.AST, variable: str, value: ast.expr
    ) -> Iterator[Finding]:
        given = ctx.evaluate(value)
        if not isinstance(given, str | int | bool) or (isinstance(given, bool) and not given):
            return  # NOTE: not a constant: a setting or the environment decides
        if given == "" or under_switch(ctx, node, _SWITCHES):
            return  # NOTE: a test suite sets it for its own process, which serves no one
        finding = self.finding(ctx, node, variable=variable)
        role = (
            role_of(ctx.module, relpath=ctx.relpath)
            if ctx.is_settings_module
            else role_named(ctx.relpath)
        )
        if role.is_development:
            # NOTE: as the secret rules lower theirs in such modules (`secret_sites`).
            reason = f"settings module {ctx.relpath} ({role.value})"
            finding = lower_for_context(finding, Severity.LOW, reason)
        yield finding


def _variable(ctx: FileContext, node: ast.expr) -> str | None:
    name = ctx.evaluate(node)
    return name if isinstance(name, str) and name in _VARIABLES else None
