"""WW785: a login view whose only throttles let a client try passwords by the thousand."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth.drf_throttles import default_throttle_classes, strictest_rate
from webwarden.model.django.views import View
from webwarden.model.project import ProjectModel
from webwarden.model.roles import role_of
from webwarden.rules.auth._project import auth_facts, login_entries, protections
from webwarden.rules.base import ProjectRule

LOOSE_PER_DAY = 24_000
"""More attempts a day than this from one client is no login throttling: a thousand an
hour, sustained."""


class LoginThrottleRateHigh(ProjectRule):
    """## What it does
    Finds a login entry point routed to a Django REST framework view (a login, token or
    password view: the entry points `login-without-rate-limit` finds) whose throttles, the
    view's own `throttle_classes` (with its `throttle_scope` for `ScopedRateThrottle`) or
    `REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]` when it sets none, let one client make
    more than 24,000 requests a day: the strictest rate among those that limit an
    anonymous client, read from `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` (`"10/second"`,
    `"100/min"`, `"2000/hour"`, `"30000/day"`; DRF reads the first letter of the period)
    in a judged settings module (the loosest one is reported). Settings modules named for
    development or tests (`settings/unittests.py` raising every rate so the suite is never
    throttled) are left out when another is judged. Not judged: a rate of None, a class
    keyed by the signed-in user alone, or no throttle at all (`login-without-rate-limit`
    reports those); a class deciding its own rate, a rate read from the environment
    without a default, a view choosing its throttles in `get_throttles()` or built on a
    library's view that may set its own (dj-rest-auth's `LoginView`); a project that uses
    another login throttle (django-axes, django-ratelimit, a lockout of its own) or a
    fail2ban jail.

    The threshold, 24,000 a day (a thousand an hour, about 17 a minute), is a sustained
    rate: NIST SP 800-63B lets a verifier allow at most 100 failed attempts on an
    account, and a client guessing a thousand times an hour makes that many in six
    minutes and tries a list of 10,000 common passwords in ten hours. A rate written per
    second or per minute for every API request (`"anon": "10/second"`) is a guard
    against load, not against guessing: ten a second is 864,000 passwords a day.

    ## Why is this bad?
    A throttle that lets a client try passwords by the thousand does not slow credential
    stuffing or the guessing of one account's password; it only looks like login
    throttling, so no one adds a real one.

    ## Example
    ```python
    # api/settings.py
    ROOT_URLCONF = "api.urls"
    INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "api"]
    REST_FRAMEWORK = {
        "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
        "DEFAULT_THROTTLE_RATES": {"anon": "10/second"},
    }
    ```

    ```python
    # api/urls.py
    from django.urls import path

    from .views import obtain_token

    urlpatterns = [path("api/token/", obtain_token)]
    ```

    ```python
    # api/views.py
    from django.contrib.auth import authenticate
    from rest_framework.decorators import api_view
    from rest_framework.response import Response


    @api_view(["POST"])
    def obtain_token(request):
        user = authenticate(username=request.data["username"], password=request.data["password"])
        return Response({"token": make_token(user)})
    ```

    ## Fix
    ```python
    # api/settings.py
    ROOT_URLCONF = "api.urls"
    INSTALLED_APPS = ["django.contrib.auth", "rest_framework", "api"]
    REST_FRAMEWORK = {
        "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
        "DEFAULT_THROTTLE_RATES": {"anon": "10/second", "login": "5/minute"},
    }
    ```

    ```python
    # api/urls.py
    from django.urls import path

    from .views import obtain_token

    urlpatterns = [path("api/token/", obtain_token)]
    ```

    ```python
    # api/views.py
    from django.contrib.auth import authenticate
    from rest_framework.decorators import api_view, throttle_classes
    from rest_framework.response import Response
    from rest_framework.throttling import AnonRateThrottle


    class LoginThrottle(AnonRateThrottle):
        scope = "login"


    @api_view(["POST"])
    @throttle_classes([LoginThrottle])
    def obtain_token(request):
        user = authenticate(username=request.data["username"], password=request.data["password"])
        return Response({"token": make_token(user)})
    ```

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [Django REST framework: throttling](https://www.django-rest-framework.org/api-guide/throttling/)
    - [NIST SP 800-63B, 5.2.2 Rate Limiting (Throttling)](https://pages.nist.gov/800-63-3/sp800-63b.html#throttle)
    """

    code = "WW785"
    name = "login-throttle-rate-high"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 307
    message = (
        "{what} has no throttle stricter than Django REST framework's `{scope}` rate `{rate}`:"
        " about {per_day:,} password guesses a day from one client"
    )
    fix = "give the login view a strict `throttle_scope` (e.g. `5/minute`) or use django-axes"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        django = project.django
        if django is None or not django.judged:
            return
        routed: dict[tuple[str, int], View] = {
            (route.location.path, route.location.line): route.view
            for route in django.routes
            if route.view is not None and route.view.is_drf
        }
        classes = {
            c.name: c
            for facts in auth_facts(project)
            if facts.drf_throttles is not None
            for c in facts.drf_throttles.classes
        }
        # NOTE: the rates tests and development run with (`settings/unittests.py` raising
        # every rate so a suite is never throttled) are not the deployed site's.
        deployed = [
            s for s in django.judged if not role_of(s.module, relpath=s.relpath).is_development
        ] or django.judged
        defaults = default_throttle_classes(deployed)
        for entry in login_entries(project):
            view = routed.get((entry.location.path, entry.location.line))
            if view is None or not view.throttles_known:
                continue
            application = project.application_of(entry.location.path)
            if protections(project, "ratelimit", application):
                continue  # NOTE: another throttle may limit the login; WW748 judges it
            if project.fail2ban_throttled(application):
                continue
            put = view.throttle_classes if view.throttle_classes is not None else defaults
            applied = strictest_rate(put or (), view.throttle_scope, classes, deployed)
            if applied is None or applied.per_day <= LOOSE_PER_DAY:
                continue
            yield self.make_finding(
                entry.location,
                key=entry.what,
                what=entry.what[0].upper() + entry.what[1:],
                scope=applied.scope,
                rate=applied.rate,
                per_day=applied.per_day,
            )
