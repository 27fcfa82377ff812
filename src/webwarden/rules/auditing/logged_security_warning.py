"""WW1199: security warnings in a Django or Flask application log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import RATE_LIMITED, EventKind, Evidence, LogEvent
from webwarden.rules.base import Framework, LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts

TOO_MANY_REQUESTS = 429


class LoggedSecurityWarning(LogRule):
    """## What it does
    Reads a Django application log for the warnings of the `django.security` loggers:
    `DisallowedHost` (a request for a host not in `ALLOWED_HOSTS`), `csrf` (a POST
    without a valid CSRF token), `SuspiciousFileOperation`, `SuspiciousSession`,
    `RequestDataTooBig`, `TooManyFieldsSent`, and any other `SuspiciousOperation`;
    and the refusals extensions log in their own words: Flask-WTF's CSRF failures
    (`csrf`: "The CSRF token is missing.", "... has expired.", "... is invalid."),
    Flask-Limiter's exceeded limits (`ratelimit`: "ratelimit 5 per 1 minute
    (203.0.113.9) exceeded at endpoint: auth.login") and django-axes's lockouts
    (`lockout`: "AXES: Locking out {...} after repeated login failures."). Records are
    found by logger name, or by their messages when the format does not show it. In an
    access log, a request answered `429 Too Many Requests` is a `ratelimit` refusal too
    (Flask-Limiter, DRF's throttles, django-ratelimit or the proxy's limit). One
    finding per category and burst.

    ## Why is this bad?
    The app refused the request because it looked like an attack: Host-header
    poisoning (password-reset links pointing elsewhere), cross-site request forgery,
    path traversal through storage, resource exhaustion, or a client over its rate
    limit or locked out after guessing passwords. Bursts show someone working at it; a
    steady trickle of `csrf` can also be a broken form of your own.

    ## Example
    ```log
    2024-05-01 21:00:00,123 ERROR django.security.DisallowedHost Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS.
    2024-05-01 21:00:02,456 WARNING django.security.csrf Forbidden (CSRF token missing.): /accounts/password/
    ```

    ## Fix
    Other records of the same loggers' neighbours are not reported:
    ```log
    2024-05-01 21:00:00,123 INFO django.server "GET / HTTP/1.1" 200 5120
    2024-05-01 21:00:02,456 WARNING django.request Not Found: /favicon.ico
    ```
    Keep `ALLOWED_HOSTS` exact (and reject unknown hosts at the proxy), keep
    `CsrfViewMiddleware` (Flask-WTF's `CSRFProtect`) and the rate limits, and route
    `django.security`, `flask_wtf.csrf`, `flask-limiter` and `axes` to an alert
    channel; look at who hit the limits or was locked out.

    ## Options
    `[tool.webwarden.logs.logged-security-warning]`: `threshold` (default 1) and
    `window` (default `"1h"`). The rule was named `django-suspicious-operation` until it
    read Flask's extensions too; the old name still selects it and names its table.

    ## References
    - [CWE-20: Improper Input Validation](https://cwe.mitre.org/data/definitions/20.html)
    - [Django: the django.security loggers](https://docs.djangoproject.com/en/stable/ref/logging/#django-security)
    - [Django: SuspiciousOperation](https://docs.djangoproject.com/en/stable/ref/exceptions/#suspiciousoperation)
    - [Flask-WTF: CSRF protection](https://flask-wtf.readthedocs.io/en/latest/csrf/)
    - [Flask-Limiter](https://flask-limiter.readthedocs.io/)
    """

    code = "WW1199"
    name = "logged-security-warning"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 20
    message = "the app logged {count} {subject} security warning{s} {window}"
    fix = "keep `ALLOWED_HOSTS` exact, CSRF protection and rate limits on; alert on these loggers"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    kinds = frozenset({EventKind.SECURITY, EventKind.REQUEST})

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        if event.kind is EventKind.REQUEST:
            # NOTE: the access log's side of a limiter's refusal, in the category of
            # Flask-Limiter's own records; once those are seen, the 429s that follow
            # them are the same refusals, not more.
            if event.status != TOO_MANY_REQUESTS or facts.limiter_logs:
                return None
            return Evidence(key=RATE_LIMITED, detail=RATE_LIMITED)
        return Evidence(key=event.security or "security", detail=event.security or "")
