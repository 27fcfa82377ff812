"""WW806: a Django view logs a user in by hand and keeps the session key."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django import DjangoProject
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, ProjectRule
from webwarden.rules.sessions._logins import unrotated_logins

SIGNED_COOKIES = "django.contrib.sessions.backends.signed_cookies"


class DjangoSessionNotRotatedAtLogin(ProjectRule):
    """## What it does
    Finds Django views that check a user's credentials themselves (`authenticate()`,
    `user.check_password(...)`, `check_password()`, a one-time code or token check) and
    then mark the session as logged in by writing it (`request.session["user_id"] = ...`,
    `request.session[SESSION_KEY]`, `request.session["authenticated"] = True`), without
    calling `django.contrib.auth.login()`, `request.session.cycle_key()` or
    `request.session.flush()` anywhere in the view. Views calling a helper named for
    logging in (`do_login(request, user)`) are left alone: it may call `login()`; so is
    the `authenticate` method of an authentication backend (a class with `get_user` too,
    or derived from one of Django's), which `django.contrib.auth.authenticate()` calls
    before the view calls `login()`, keeping what the backend wrote. Silent
    when every settings module stores sessions in signed cookies (`SESSION_ENGINE =
    "django.contrib.sessions.backends.signed_cookies"`), whose value changes with the
    data.

    ## Why is this bad?
    With a session stored on the server the cookie holds only the session key, and the
    key stays what it was before the login. An attacker who got a key into the victim's
    browser (a subdomain setting a cookie for the parent domain, a shared computer, a
    link on a site accepting keys in URLs) waits for the victim to log in and then uses
    the same key as the victim: session fixation. `django.contrib.auth.login()` calls
    `cycle_key()` (or `flush()`) for this reason.

    ## Known problems
    The credential check, the session write and the rotation are looked for in the same
    function: a view that checks the password in one helper and marks the session in
    another is not seen.

    ## Example
    ```python
    from django.contrib.auth import authenticate
    from django.shortcuts import redirect


    def sign_in(request):
        user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
        if user is not None:
            request.session["user_id"] = user.pk
        return redirect("/")
    ```

    ## Fix
    ```python
    from django.contrib.auth import authenticate, login
    from django.shortcuts import redirect


    def sign_in(request):
        user = authenticate(request, username=request.POST["u"], password=request.POST["p"])
        if user is not None:
            login(request, user)
        return redirect("/")
    ```

    ## References
    - [CWE-384: Session Fixation](https://cwe.mitre.org/data/definitions/384.html)
    - [Django: How to log a user in](https://docs.djangoproject.com/en/stable/topics/auth/default/#how-to-log-a-user-in)
    - [Django: SessionBase.cycle_key()](https://docs.djangoproject.com/en/stable/topics/http/sessions/#django.contrib.sessions.backends.base.SessionBase.cycle_key)
    - [OWASP: Session Management Cheat Sheet, renew the session ID after any privilege level change](https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#renew-the-session-id-after-any-privilege-level-change)
    """

    code = "WW806"
    name = "django-session-not-rotated-at-login"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 384
    frameworks = frozenset({Framework.DJANGO})
    message = "`{function}` logs the user in with `{what}` and keeps the session key from before"
    fix = "log users in with `django.contrib.auth.login()`, or call `request.session.cycle_key()`"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        if project.django is not None and _signed_cookies_only(project.django):
            return
        for login in unrotated_logins(project, "django"):
            yield self.make_finding(login.location, function=login.function, what=login.what)


def _signed_cookies_only(django: DjangoProject) -> bool:
    """Whether every settings module keeps sessions in signed cookies (no key to fix)."""
    engines = [p.shipped for settings in django.judged for p in settings.get("SESSION_ENGINE")]
    return bool(engines) and all(engine == SIGNED_COOKIES for engine in engines)
