"""WW606: a Django Ninja operation acting as the session's user with no CSRF check."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.writes import state_changes
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.django.ninja import SESSION_LAMBDA
from webwarden.model.django.ninja_auth import Credential, NinjaProject
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule

_FORGEABLE = frozenset({"POST"})
"""What a page on another site can send without a CORS preflight the site allows."""


class NinjaSessionWithoutCsrf(ProjectRule):
    """## What it does
    Finds Django Ninja operations that answer POST, read the user or the session the
    request's cookies name (`request.user`, `request.auser()`, `request.session`) and
    change state (save or delete rows, send mail, write files, in the operation or the
    project functions it calls), with no authentication: no
    `auth=` on the operation, on its `Router` (as made or as `add_router` mounts it), or
    on its `NinjaAPI`, or `auth=None` on any of them. Also those whose authentication
    is a function or class of the project that reads the request's user or session
    (`auth=is_staff` with `def is_staff(request): return request.user.is_staff`, a
    lambda doing so, a `SessionAuth` class deriving from none of Ninja's whose
    `authenticate` does), alone or in a list: Ninja tries each in turn, and this one lets
    another site's post in with the visitor's cookies.

    ## Why is this bad?
    Ninja marks every view it makes exempt from Django's `CsrfViewMiddleware`, and checks
    the CSRF token itself only in cookie authentication (`django_auth`, any
    `APIKeyCookie`). Django's `AuthenticationMiddleware` still fills `request.user` from
    the session cookie, so an operation without `auth=` that acts as `request.user` takes
    a form another site posts (a JSON body can be forged with `enctype="text/plain"`)
    with the visitor's cookies, and changes their data. `SameSite=Lax` session cookies
    stop that only from other sites, not from a sibling subdomain, and only in browsers
    that apply it.

    Not reported: an operation, router or API with any other `auth=` (a header or
    bearer token, which another site's page cannot send; cookie authentication, an
    `APIKeyCookie` subclass, which checks the token first, whatever its `authenticate`
    reads); `NinjaAPI(csrf=True)` (Ninja before 1.0 then checked every
    unsafe request); an operation on a router no `add_router` of the project mounts,
    in a project one of whose APIs sets `auth=` (it may be that API's); an operation
    reading neither the user nor the session, or changing nothing; and one answering only
    PUT, PATCH or DELETE, which a page on another site cannot send without a CORS
    preflight the site allows.

    ## Example
    ```python
    from ninja import NinjaAPI

    api = NinjaAPI()


    @api.post("/orders/{order_id}/cancel")
    def cancel_order(request, order_id: int):
        request.user.orders.filter(pk=order_id).update(status="cancelled")
        return {"cancelled": order_id}
    ```

    ## Fix
    ```python
    from ninja import NinjaAPI
    from ninja.security import django_auth

    api = NinjaAPI(auth=django_auth)  # checks the CSRF token of every unsafe request


    @api.post("/orders/{order_id}/cancel")
    def cancel_order(request, order_id: int):
        request.user.orders.filter(pk=order_id).update(status="cancelled")
        return {"cancelled": order_id}
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery](https://cwe.mitre.org/data/definitions/352.html)
    - [Django Ninja: CSRF](https://django-ninja.dev/guides/csrf/)
    """

    code = "WW606"
    name = "ninja-session-without-csrf"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    message = (
        "Django Ninja operation `{view}` (POST {path}) acts as the session's user "
        "(line {line}) without authentication: Ninja checks no CSRF token there, so other "
        "sites can post to it with the user's cookies"
    )
    fix = (
        "set `auth=django_auth` (it checks the CSRF token) on the operation, its router or "
        "the NinjaAPI, or authenticate by a header"
    )
    frameworks = frozenset({Framework.DJANGO})

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        ninja = NinjaProject(project)
        if not ninja.apis:
            return
        changes = None
        for located in ninja.operations:
            operation = located.operation
            if not operation.methods & _FORGEABLE:
                continue
            auth = ninja.auth(operation)
            if auth.credential not in _NO_CSRF_CHECK:
                continue
            if auth.credential is Credential.NONE and not operation.authority_line:
                continue
            changes = changes or state_changes(project)
            writes = changes.writes(located.qualname)
            if not writes:
                continue
            yield self.make_finding(
                Location(located.relpath, operation.line, operation.column + 1),
                key=operation.function,
                confidence=None if any(w.clear for w in writes) else Confidence.LOW,
                message=_SESSION_AUTH_MESSAGE if auth.via else None,
                view=operation.function,
                path=operation.path or "?",
                line=operation.authority_line,
                via="a lambda"
                if auth.via == SESSION_LAMBDA
                else f"`{auth.via.rpartition('.')[2]}`",
            )


_NO_CSRF_CHECK = frozenset({Credential.NONE, Credential.SESSION})
_SESSION_AUTH_MESSAGE = (
    "Django Ninja operation `{view}` (POST {path}) is authenticated by {via}, which reads "
    "the session's user and checks no CSRF token: other sites can post to it with the "
    "user's cookies"
)
