"""WW793: a successful login right after many failures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import EventKind, Evidence, LogEvent, LoginOutcome
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class LoginAfterFailures(LogRule):
    """## What it does
    Finds a successful login by a client (or for an account) that had `threshold`
    (default 5) failed logins within the `window` (default 15 minutes) before it. Login
    outcomes are read as for WW790: status codes on login paths, or the application
    log's login records.

    ## Why is this bad?
    A guessing run that ends in a success may be a forgetful user, or an attacker who
    found the password. Either way the account needs a look: recent sessions, changed
    e-mail address or password, new API tokens.

    ## Example
    ```toml
    [tool.webwarden.logs.login-after-failures]
    threshold = 3
    ```
    ```log
    203.0.113.9 - - [01/May/2024:09:30:00 +0000] "POST /api/token/ HTTP/1.1" 401 40 "-" "python-requests/2.31"
    203.0.113.9 - - [01/May/2024:09:30:01 +0000] "POST /api/token/ HTTP/1.1" 401 40 "-" "python-requests/2.31"
    203.0.113.9 - - [01/May/2024:09:30:02 +0000] "POST /api/token/ HTTP/1.1" 401 40 "-" "python-requests/2.31"
    203.0.113.9 - - [01/May/2024:09:30:03 +0000] "POST /api/token/ HTTP/1.1" 200 512 "-" "python-requests/2.31"
    ```

    ## Fix
    A success after a single typo is not reported:
    ```log
    203.0.113.9 - - [01/May/2024:09:30:00 +0000] "POST /api/token/ HTTP/1.1" 401 40 "-" "python-requests/2.31"
    203.0.113.9 - - [01/May/2024:09:30:03 +0000] "POST /api/token/ HTTP/1.1" 200 512 "-" "python-requests/2.31"
    ```
    Check the account's recent activity, expire its sessions and tokens if in doubt,
    and lock out repeated failures so that guessing cannot reach a success.

    ## Options
    `[tool.webwarden.logs.login-after-failures]`: `threshold` (failures before the
    success, default 5) and `window` (how far back they count, default `"15m"`).

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [OWASP: Authentication Cheat Sheet, account lockout](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#account-lockout)
    """

    code = "WW793"
    name = "login-after-failures"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 307
    message = "{client} logged in on {route} after {detail_text} {window}"
    fix = "review the account's recent activity and sessions; lock out repeated failures"
    kinds = frozenset({EventKind.REQUEST, EventKind.LOGIN})
    needs = "login"
    threshold = 5
    window = 900.0
    login_history = True
    self_thresholded = True

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        if event.login is not LoginOutcome.SUCCEEDED:
            return None
        failures = facts.failures_before(event)
        if failures < facts.options(type(self)).threshold:
            return None
        account = f" for `{event.account}`" if event.account else ""
        return Evidence(event.client or event.account or "", f"{failures} failed logins{account}")
