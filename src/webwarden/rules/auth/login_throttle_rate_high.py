"""WW785: a login view whose only throttles let a client try passwords by the thousand."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.auth.drf_throttles import default_throttle_classes, strictest_rate
from webwarden.model.auth.limiter_rates import strictest_per_day
from webwarden.model.names import last_part
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

    Likewise a Flask login route whose Flask-Limiter decorators
    (`@limiter.limit("10 per second")`, `"1000/minute"`, several joined by `;`) allow more
    than that at the strictest; a route exempt, or with a limit not written out (a
    callable), or with none of its own (the `Limiter`'s default limits) is not judged.

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
        "{what} has no throttle stricter than {throttle}:"
        " about {per_day:,} password guesses a day from one client"
    )
    fix = "give the login view a strict limit of its own (e.g. `5/minute`), or use django-axes"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        loose = {**_drf_rates(project), **_flask_limits(project)}
        for entry in login_entries(project):
            found = loose.get((entry.location.path, entry.location.line))
            if found is None or found[1] <= LOOSE_PER_DAY:
                continue
            application = project.application_of(entry.location.path)
            limiters = set(protections(project, "ratelimit", application))
            if limiters - _FLASK_LIMITER or project.fail2ban_throttled(application):
                continue  # NOTE: another throttle may limit the login; WW748 judges it
            yield self.make_finding(
                entry.location,
                key=entry.what,
                what=entry.what[0].upper() + entry.what[1:],
                throttle=found[0],
                per_day=found[1],
            )


_FLASK_LIMITER = frozenset({"flask_limiter", "limits"})
Rates = dict[tuple[str, int], tuple[str, int]]
"""(path, line) of a route -> (its strictest throttle, for the message; requests a day)."""


def _drf_rates(project: ProjectModel) -> Rates:
    """The strictest rate of the DRF throttles each route to a REST framework view runs."""
    django = project.django
    if django is None or not django.judged:
        return {}
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
    found: Rates = {}
    for route in django.routes:
        view = route.view
        if view is None or not view.is_drf or not view.throttles_known:
            continue
        put = view.throttle_classes if view.throttle_classes is not None else defaults
        applied = strictest_rate(put or (), view.throttle_scope, classes, deployed)
        if applied is not None:
            throttle = f"Django REST framework's `{applied.scope}` rate `{applied.rate}`"
            found[(route.location.path, route.location.line)] = (throttle, applied.per_day)
    return found


def _flask_limits(project: ProjectModel) -> Rates:
    """The strictest of the Flask-Limiter limits written on each Flask route
    (`@limiter.limit("10 per second")`); none for a route with a limit not written out,
    or exempt."""
    if project.flask is None:
        return {}
    found: Rates = {}
    for route in project.flask.routes:
        limits = [d for d in route.decorators if last_part(d.name) in {"limit", "exempt"}]
        texts = [d.args[0] if d.args else None for d in limits if last_part(d.name) == "limit"]
        if not texts or len(texts) != len(limits):
            continue
        rates = [strictest_per_day(t) if isinstance(t, str) else None for t in texts]
        known = [(rate, text) for rate, text in zip(rates, texts, strict=True) if rate is not None]
        if len(known) != len(rates):
            continue
        per_day, text = min(known)
        found[(route.location.path, route.location.line)] = (
            f"Flask-Limiter's `{text}`",
            per_day,
        )
    return found
