"""WW794: many password-reset requests from one client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import EventKind, Evidence, LogEvent
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class PasswordResetFlood(LogRule):
    """## What it does
    Finds a client with `threshold` (default 5) password-reset requests within `window`
    (default 10 minutes): POSTs to `reset-paths` (`/password_reset/`,
    `/forgot-password`, ...) or password-reset records of the application log.

    ## Why is this bad?
    Floods of reset requests bomb users' mailboxes, burn the site's e-mail reputation,
    and probe which addresses have accounts (when the answers differ). With a
    poisonable `Host` header (see WW1199) each mail can carry an attacker's link.

    ## Example
    ```toml
    [tool.webwarden.logs.password-reset-flood]
    threshold = 3
    ```
    ```log
    192.0.2.31 - - [01/May/2024:09:40:00 +0000] "POST /accounts/password_reset/ HTTP/1.1" 302 0 "-" "curl/8.5.0"
    192.0.2.31 - - [01/May/2024:09:40:01 +0000] "POST /accounts/password_reset/ HTTP/1.1" 302 0 "-" "curl/8.5.0"
    192.0.2.31 - - [01/May/2024:09:40:02 +0000] "POST /accounts/password_reset/ HTTP/1.1" 302 0 "-" "curl/8.5.0"
    ```

    ## Fix
    A user asking twice because the first mail was slow is not reported:
    ```log
    192.0.2.31 - - [01/May/2024:09:40:00 +0000] "GET /accounts/password_reset/ HTTP/1.1" 200 2210 "-" "Mozilla/5.0"
    192.0.2.31 - - [01/May/2024:09:40:20 +0000] "POST /accounts/password_reset/ HTTP/1.1" 302 0 "-" "Mozilla/5.0"
    192.0.2.31 - - [01/May/2024:09:45:00 +0000] "POST /accounts/password_reset/ HTTP/1.1" 302 0 "-" "Mozilla/5.0"
    ```
    Rate-limit the reset view per client and per address, and answer the same way
    whether the address has an account or not.

    ## Options
    `[tool.webwarden.logs.password-reset-flood]`: `threshold` (default 5) and `window`
    (default `"10m"`); `[tool.webwarden.logs] reset-paths` lists the reset views.

    ## References
    - [CWE-640: Weak Password Recovery Mechanism for Forgotten Password](https://cwe.mitre.org/data/definitions/640.html)
    - [OWASP: Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    - [Django: PasswordResetView](https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView)
    """

    code = "WW794"
    name = "password-reset-flood"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 640
    message = "{client} requested {count} password reset{s} on {route} {window}"
    fix = "rate-limit the password-reset view per client and per address"
    kinds = frozenset({EventKind.REQUEST, EventKind.RESET})
    needs = "reset"
    threshold = 5
    window = 600.0

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        if not event.reset:
            return None
        return Evidence(key=event.client or "", distinct=event.account or "")
