"""WW790: many failed logins from one client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import EventKind, Evidence, LogEvent, LoginOutcome
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class LoginBruteForce(LogRule):
    """## What it does
    Finds a client with `threshold` (default 10) failed logins within `window` (default
    5 minutes). A failed login is a POST to a login path answered with a failure status
    (`login-paths`: 200, 401, 403, as Django's `LoginView` and admin re-render the
    form; `token-paths`: 400, 401, 403, as DRF and simplejwt answer), a failed-login
    record of the application log (django-axes, your own `logger.warning`), or a
    `django.request` "Unauthorized"/"Forbidden" on a login path.

    ## Why is this bad?
    Someone is guessing passwords. Without a lockout or rate limit they will get in to
    any account with a weak password; WW793 reports it if they did.

    ## Known problems
    Apps whose login view redirects back to the form on failure (common with
    Flask-Login) look the same as a success in an access log; log failed logins in the
    app and pass that log too.

    ## Example
    ```toml
    [tool.webwarden.logs.login-brute-force]
    threshold = 3
    ```
    ```log
    203.0.113.9 - - [01/May/2024:09:00:00 +0000] "POST /accounts/login/ HTTP/1.1" 200 3810 "-" "python-requests/2.31"
    203.0.113.9 - - [01/May/2024:09:00:02 +0000] "POST /accounts/login/ HTTP/1.1" 200 3810 "-" "python-requests/2.31"
    203.0.113.9 - - [01/May/2024:09:00:04 +0000] "POST /accounts/login/ HTTP/1.1" 200 3810 "-" "python-requests/2.31"
    ```

    ## Fix
    A user mistyping once and then logging in is not reported:
    ```log
    203.0.113.9 - - [01/May/2024:09:00:00 +0000] "POST /accounts/login/ HTTP/1.1" 200 3810 "-" "Mozilla/5.0"
    203.0.113.9 - - [01/May/2024:09:00:09 +0000] "POST /accounts/login/ HTTP/1.1" 302 0 "-" "Mozilla/5.0"
    ```
    Lock out or slow down repeated failures (django-axes, Flask-Limiter on the login
    view) and offer multi-factor authentication.

    ## Options
    `[tool.webwarden.logs.login-brute-force]`: `threshold` (default 10) and `window`
    (default `"5m"`). `[tool.webwarden.logs]`: `login-paths`, `login-failure-status`,
    `login-success-status`, `token-paths`, `token-failure-status`,
    `token-success-status` say what a login is and how it ended.

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [django-axes](https://django-axes.readthedocs.io/)
    - [OWASP: Authentication Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html)
    """

    code = "WW790"
    name = "login-brute-force"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 307
    message = "{client} failed {count} login{s} on {route} {window}"
    fix = "lock out or rate-limit repeated login failures (django-axes, Flask-Limiter)"
    kinds = frozenset({EventKind.REQUEST, EventKind.LOGIN})
    needs = "login"
    threshold = 10
    window = 300.0

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        if event.login is not LoginOutcome.FAILED:
            return None
        return Evidence(key=event.client or "", distinct=event.account or "")
