"""WW783: Django's remote-user login taken from an HTTP header the client can send."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.analysis.constants import UNKNOWN
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.project import ProjectModel
from webwarden.model.tree import written_text
from webwarden.rules.auth._installed_classes import (
    AUTHENTICATION,
    MIDDLEWARE,
    unless_always_installed,
)
from webwarden.rules.auth._trusted_peer import login_only_from_trusted_peer
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_REMOTE_USER_CLASSES = {
    "django.contrib.auth.middleware.RemoteUserMiddleware": MIDDLEWARE,
    "django.contrib.auth.middleware.PersistentRemoteUserMiddleware": MIDDLEWARE,
    "rest_framework.authentication.RemoteUserAuthentication": AUTHENTICATION,
}
"""Classes that log in the user a `request.META` key names (`header`, `REMOTE_USER` by
default: a WSGI variable the server sets, which no client can), with the kind of class
each is (the list of the settings that installs it)."""
_TAG = "remote-user-class:"
_SWITCH_TAG = "remote-user-switch:"
"""Tag naming the setting without which the class passes every request on untouched."""
_SWITCHED_METHODS = frozenset({"__call__", "process_request", "authenticate"})
"""The tag of a finding, with the kind of the class and its name (`middleware:Proxy`)."""
_LOGIN_METHOD = {MIDDLEWARE: "process_request", AUTHENTICATION: "authenticate"}
"""The method of each kind of class that reads the header and logs the user in."""
_CLIENT_HEADER = "HTTP_"
"""The prefix of the `request.META` keys that hold the request's own HTTP headers."""


class RemoteUserFromRequestHeader(PythonRule):
    """## What it does
    Finds subclasses of Django's `RemoteUserMiddleware` (or
    `PersistentRemoteUserMiddleware`) and of REST framework's
    `RemoteUserAuthentication` whose `header` (an attribute, or a property returning
    it) is an HTTP header of the request
    (`header = "HTTP_X_AUTH_USER"`, a `request.META` key starting with `HTTP_`), or is
    computed from something named for a header (`header =
    to_meta_key(settings.AUTH_HEADER)`, a header the deployment chooses). Classes
    keeping the default `REMOTE_USER`, or naming another variable the web server sets
    (`SSL_CLIENT_S_DN_Email`), are not reported.

    ## Why is this bad?
    These classes log in, and may create, whichever user the header names, with no
    password. `REMOTE_USER` is set by the web server in front and cannot come from the
    client; an `HTTP_...` key is a header any client can send. Unless every request
    reaches the application through a proxy that always strips or overwrites that
    header, anyone who can reach the application server sends `X-Auth-User:
    admin@example.com` and is that user. Django's documentation warns about exactly
    this for subclasses with a custom header.

    ## Known problems
    Whether a proxy strips the header, and whether the application port is reachable
    only from it, is deployment configuration this rule cannot see: record it as an
    accepted risk when it holds. Only classes deriving directly from Django's or REST
    framework's class are judged. A class the settings install only under a condition
    (`if enable: MIDDLEWARE.append(...)`, an opt-in the deployment sets), or a middleware
    no `MIDDLEWARE` lists, is reported low, with the condition; so is one whose
    `__call__` (`process_request`, `authenticate`) first hands every request on when a
    setting is off (`if not settings.REMOTE_AUTH_ENABLED: return
    self.get_response(request)`) and every settings module ships it off (`False`, or a
    deployment's value defaulting to it). A class whose
    `process_request` (or `authenticate`) hands the request to its parent's only when
    the connection's own address, `REMOTE_ADDR`, matches an allow list of proxies (`if
    ip_address(ip) in network: return super().process_request(request)`, or `if addr not
    in TRUSTED_PROXIES: return` before it) is not reported: a client elsewhere cannot
    forge that address, so its header is never read.

    ## Example
    ```python
    from django.contrib.auth.middleware import RemoteUserMiddleware


    class ProxyUserMiddleware(RemoteUserMiddleware):
        header = "HTTP_X_AUTH_USER"
    ```

    ## Fix
    ```python
    from django.contrib.auth.middleware import RemoteUserMiddleware


    class ProxyUserMiddleware(RemoteUserMiddleware):
        header = "REMOTE_USER"  # set by the web server after it authenticated the user
    ```

    ## References
    - [CWE-290: Authentication Bypass by Spoofing](https://cwe.mitre.org/data/definitions/290.html)
    - [Django: authentication using REMOTE_USER](https://docs.djangoproject.com/en/stable/howto/auth-remote-user/)
    - [Django REST framework: RemoteUserAuthentication](https://www.django-rest-framework.org/api-guide/authentication/#remoteuserauthentication)
    """

    code = "WW783"
    name = "remote-user-from-request-header"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 290
    frameworks = frozenset({Framework.DJANGO})
    message = (
        "`{owner}` logs in the user the request header `{header}` names: any client that"
        " reaches the app can send it"
    )
    fix = (
        "read `REMOTE_USER` set by the web server, or make sure a proxy always strips or"
        " sets the header and is the only way to reach the app"
    )

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        kinds = [_REMOTE_USER_CLASSES.get(ctx.qualified(base) or "") for base in node.bases]
        kind = next((k for k in kinds if k is not None), None)
        if kind is None or login_only_from_trusted_peer(ctx, node, _LOGIN_METHOD[kind]):
            return
        tags: tuple[str, ...] = (f"{_TAG}{kind}:{node.name}",)
        switch = _runtime_switch(ctx, node)
        if switch is not None:
            tags += (f"{_SWITCH_TAG}{switch}",)
        for member in node.body:
            statement, value = _header_value(member)
            if value is None:
                continue
            header = ctx.evaluate(value)
            if isinstance(header, str):
                if header.upper().startswith(_CLIENT_HEADER):
                    found = self.finding(ctx, statement, owner=node.name, header=header)
                    yield dataclasses.replace(found, tags=tags)
            elif _names_header(value):
                # NOTE: a header the settings choose, turned into its `HTTP_` key.
                shown = ast.unparse(value)
                found = self.finding(ctx, statement, owner=node.name, header=shown)
                yield dataclasses.replace(found, tags=tags)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low when the settings install the class only under a condition (`if
        enable:`), or list a middleware nowhere: as shipped, no request reaches it."""
        tag = next((t for t in finding.tags if t.startswith(_TAG)), None)
        if tag is None:
            return finding
        kind, _, name = tag.removeprefix(_TAG).partition(":")
        reason = unless_always_installed(project, kind, name)
        switch = next((t for t in finding.tags if t.startswith(_SWITCH_TAG)), None)
        if reason is None and switch is not None:
            reason = _switched_off(project, name, switch.removeprefix(_SWITCH_TAG))
        return finding if reason is None else lower_for_context(finding, Severity.LOW, reason)


def _runtime_switch(ctx: FileContext, node: ast.ClassDef) -> str | None:
    """The setting whose being off makes the class hand every request on before reading
    the header: `if not settings.REMOTE_AUTH_ENABLED: return self.get_response(request)`
    first in its `__call__` (`process_request`, `authenticate`), after locals set up
    without the request."""
    for method in node.body:
        if not (isinstance(method, ast.FunctionDef) and method.name in _SWITCHED_METHODS):
            continue
        body = [s for s in method.body if not _docstring(s) and not _set_up(s)]
        first = body[0] if body else None
        match first:
            case ast.If(
                test=ast.UnaryOp(op=ast.Not(), operand=ast.Attribute(value=held, attr=name)),
                body=[ast.Return()],
                orelse=[],
            ) if ctx.qualified(held) == "django.conf.settings":
                return name
    return None


def _set_up(statement: ast.stmt) -> bool:
    """`logger = logging.getLogger(...)`: a local set before anything reads the request."""
    return isinstance(statement, ast.Assign) and not any(
        isinstance(n, ast.Name) and n.id == "request" for n in ast.walk(statement.value)
    )


def _switched_off(project: ProjectModel, name: str, setting: str) -> str | None:
    """Why the class does nothing as shipped: every judged settings module gives the
    switch a value that is off when the deployment sets nothing (`getattr(configuration,
    "REMOTE_AUTH_ENABLED", False)`); None when one may turn it on or is not known."""
    django = project.django
    if django is None or not django.judged:
        return None
    for module in django.judged:
        possibilities = module.get(setting)
        if not possibilities:
            return None
        for possibility in possibilities:
            value = possibility.shipped
            if value is UNKNOWN or not isinstance(value, bool | int | str | None) or value:
                return None
    return f"`{name}` passes requests on untouched unless `{setting}` is on, off as shipped"


def _header_value(statement: ast.stmt) -> tuple[ast.stmt, ast.expr | None]:
    """The value `header = ...` gives in a class body, or the one a `header` property
    returns (`@property def header(self): return settings.AUTH_HEADER`), with the
    statement giving it; None for any other statement."""
    if isinstance(statement, ast.Assign):
        named = any(isinstance(t, ast.Name) and t.id == "header" for t in statement.targets)
        return statement, statement.value if named else None
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement, statement.value if statement.target.id == "header" else None
    if isinstance(statement, ast.FunctionDef) and statement.name == "header":
        body = [s for s in statement.body if not _docstring(s)]
        returned = body[0] if len(body) == 1 else None
        if _is_property(statement) and isinstance(returned, ast.Return):
            return returned, returned.value
    return statement, None


def _is_property(function: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "property" for d in function.decorator_list)


def _docstring(statement: ast.stmt) -> bool:
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)


def _names_header(value: ast.expr) -> bool:
    """Whether an expression names a header (`settings.USER_AUTH_HEADER`,
    `normalize_header(...)`)."""
    return any("header" in text.lower() for node in ast.walk(value) if (text := written_text(node)))
