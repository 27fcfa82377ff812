"""WW646: a Django Channels WebSocket application that lets any origin open a socket."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.django import SettingsModule
from webwarden.model.django.channels_stacks import (
    ROUTER,
    Origins,
    WebsocketStack,
    websocket_stacks,
)
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.django_settings import any_host

_PROBLEMS = {
    Origins.UNCHECKED: "checks no Origin (no `AllowedHostsOriginValidator` or `OriginValidator`)",
    Origins.ANY: "lets `OriginValidator` accept any origin (`*`)",
    Origins.ALLOWED_HOSTS: "checks the Origin against `ALLOWED_HOSTS`, which holds `*` ({where})",
}


class WebsocketOriginUnchecked(ProjectRule):
    """## What it does
    Finds a Django Channels application (`ProtocolTypeRouter({"websocket": ...})`, in
    `asgi.py`, `routing.py` or any module) whose WebSocket branch lets any site open a
    socket: no `AllowedHostsOriginValidator` nor `OriginValidator` wraps it,
    `OriginValidator` lists `"*"`, or `AllowedHostsOriginValidator` checks against an
    `ALLOWED_HOSTS` that holds `"*"` in a settings module of the project (low when only
    development settings modules do). The stack is read
    through names, and through the project's own stack functions and middleware classes,
    in other modules too. Reported at low severity when the socket reads no cookie: no
    Channels cookie, session or auth middleware wraps it (the client authenticates with a
    token in the query string or in its first message), or a middleware of the project sets
    `scope["user"]` itself on every handshake. Reported at low severity too when
    `SESSION_COOKIE_SAMESITE` is `Lax` (Django's default) or `Strict` in every settings
    module: a handshake is no top-level navigation, so browsers leave that cookie off
    the handshakes other sites' pages start. Not when a deployment decides the value
    (read from the environment), which may set `"None"`.

    ## Why is this bad?
    A browser adds the site's cookies to a WebSocket handshake whatever page opens it,
    and a WebSocket has neither a CSRF token nor a CORS preflight: the handshake's `Origin`
    header is all that tells the site's own pages from another site's. Unchecked, any page
    the signed-in user visits can open a socket as that user, read what the site pushes
    to them and send messages in their name (cross-site WebSocket hijacking).

    ## Known problems
    An Origin check a consumer makes itself in `connect()` is not read; a middleware
    class of the project that reads the `Origin` header, or subclasses a Channels
    validator, is taken as a check without judging what it lets through. What the consumers
    do is not judged: a socket that only broadcasts public data is reported too (low when
    it reads no cookie). Without a cookie a socket of another site can still reach the
    consumers, and SameSite does not separate origins of one site (a sibling subdomain
    gets the cookie), hence low rather than silent.

    ## Example
    ```python
    # asgi.py
    from channels.auth import AuthMiddlewareStack
    from channels.routing import ProtocolTypeRouter, URLRouter

    websocket_urlpatterns = []
    application = ProtocolTypeRouter(
        {"websocket": AuthMiddlewareStack(URLRouter(websocket_urlpatterns))}
    )
    ```

    ## Fix
    ```python
    # asgi.py
    from channels.auth import AuthMiddlewareStack
    from channels.routing import ProtocolTypeRouter, URLRouter
    from channels.security.websocket import AllowedHostsOriginValidator

    websocket_urlpatterns = []
    application = ProtocolTypeRouter(
        {
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
            )
        }
    )
    ```

    ## References
    - [CWE-1385: Missing Origin Validation in WebSockets](https://cwe.mitre.org/data/definitions/1385.html)
    - [Django Channels: Security](https://channels.readthedocs.io/en/latest/topics/security.html)
    - [Flask-SocketIO: cors_allowed_origins](https://flask-socketio.readthedocs.io/en/latest/api.html)
    - [OWASP WebSocket Security Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/WebSocket_Security_Cheat_Sheet.html)
    """

    code = "WW646"
    name = "websocket-origin-unchecked"
    practice = Practice.CSRF
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 1385
    frameworks = frozenset({Framework.DJANGO})
    example_filename = "asgi.py"
    message = "the WebSocket branch of `ProtocolTypeRouter` {problem}: any site can open a socket"
    fix = "wrap it in `AllowedHostsOriginValidator` (with real `ALLOWED_HOSTS`) or `OriginValidator(app, [your origins])`"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        read_module = project.read_module
        if read_module is None:
            return
        for summary in project.modules.values():
            if summary.is_test or ROUTER not in summary.imports.values():
                continue
            ctx = read_module(summary.module)
            if ctx is None or ctx.relpath != summary.relpath:
                continue
            for stack in websocket_stacks(ctx, read_module):
                judged = _judged(stack, project)
                if judged is None:
                    continue
                problem, reason = judged
                finding = self.make_finding(
                    ctx.location(stack.branch), snippet=ctx.snippet(stack.branch), problem=problem
                )
                yield lower_for_context(finding, Severity.LOW, reason) if reason else finding


def _judged(stack: WebsocketStack, project: ProjectModel) -> tuple[str, str] | None:
    """What lets any origin through, and why the finding is low ("" when it is not), or
    None when the stack checks the origin."""
    if stack.origins is Origins.LISTED:
        return None
    hosts = _any_host_settings(project) if stack.origins is Origins.ALLOWED_HOSTS else []
    if stack.origins is Origins.ALLOWED_HOSTS and not hosts:
        return None
    deployed = [s for s in hosts if not s.role.is_development]
    where = ", ".join(sorted(s.relpath for s in deployed or hosts))
    problem = _PROBLEMS[stack.origins].format(where=where)
    if hosts and not deployed:
        return problem, f"only development settings ({where}) allow any host"
    if stack.token_user:
        return problem, f"`{stack.token_user}` sets the socket's user itself, not from the cookie"
    if not stack.cookie:
        return problem, "no cookie, session or auth middleware: the socket reads no cookie"
    if _session_cookie_same_site(project):
        return problem, _SAME_SITE
    return problem, ""


_SAME_SITE = (
    "the session cookie is `SameSite=Lax` or `Strict`: only a page of the same site sends it"
    " with a handshake"
)
_SAME_SITE_VALUES = frozenset({"lax", "strict"})


def _session_cookie_same_site(project: ProjectModel) -> bool:
    """Whether `SESSION_COOKIE_SAMESITE` is known to be `Lax` or `Strict` in every judged
    settings module (Django's default is `Lax`): a WebSocket handshake is no top-level
    navigation, so browsers leave such a cookie off one another site's page starts."""
    django = project.django
    values = django.setting_values("SESSION_COOKIE_SAMESITE") if django else None
    return values is not None and all(
        isinstance(value, str) and value.lower() in _SAME_SITE_VALUES for value in values
    )


def _any_host_settings(project: ProjectModel) -> list[SettingsModule]:
    """The judged settings modules whose `ALLOWED_HOSTS` may hold `"*"`."""
    django = project.django
    if django is None:
        return []
    return [
        settings
        for settings in django.judged
        if any(any_host(p) is not None for p in settings.get("ALLOWED_HOSTS"))
    ]
