"""WW1199: `django.security` warnings in a Django application log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import EventKind, Evidence, LogEvent
from webwarden.rules.base import Framework, LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class DjangoSuspiciousOperation(LogRule):
    """## What it does
    Reads a Django application log for the warnings of the `django.security` loggers:
    `DisallowedHost` (a request for a host not in `ALLOWED_HOSTS`), `csrf` (a POST
    without a valid CSRF token), `SuspiciousFileOperation`, `SuspiciousSession`,
    `RequestDataTooBig`, `TooManyFieldsSent`, and any other `SuspiciousOperation`.
    Records are found by logger name, or by Django's own messages when the format does
    not show it. One finding per category and burst.

    ## Why is this bad?
    Django refused the request because it looked like an attack: Host-header poisoning
    (password-reset links pointing elsewhere), cross-site request forgery, path
    traversal through storage, or resource exhaustion. Bursts show someone working at
    it; a steady trickle of `csrf` can also be a broken form of your own.

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
    `CsrfViewMiddleware`, and route `django.security` to an alert channel.

    ## Options
    `[tool.webwarden.logs.django-suspicious-operation]`: `threshold` (default 1) and
    `window` (default `"1h"`).

    ## References
    - [CWE-20: Improper Input Validation](https://cwe.mitre.org/data/definitions/20.html)
    - [Django: the django.security loggers](https://docs.djangoproject.com/en/stable/ref/logging/#django-security)
    - [Django: SuspiciousOperation](https://docs.djangoproject.com/en/stable/ref/exceptions/#suspiciousoperation)
    """

    code = "WW1199"
    name = "django-suspicious-operation"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 20
    message = "Django logged {count} {subject} security warning{s} {window}"
    fix = "keep `ALLOWED_HOSTS` exact and CSRF protection on; route `django.security` to alerts"
    frameworks = frozenset({Framework.DJANGO})
    kinds = frozenset({EventKind.SECURITY})

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        return Evidence(key=event.security or "security", detail=event.security or "")
