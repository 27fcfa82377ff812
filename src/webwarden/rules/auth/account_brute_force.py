"""WW792: many failed logins for one account, from any number of clients."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import EventKind, Evidence, LogEvent, LoginOutcome
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class AccountBruteForce(LogRule):
    """## What it does
    Finds an account with `threshold` (default 10) failed logins within `window`
    (default 15 minutes), whichever clients they came from, and says how many clients
    took part. The account comes from the application log, a JSON log's `user` field or
    the access log's user column.

    ## Why is this bad?
    Someone is guessing one account's password, possibly from many addresses so that
    per-client limits (and WW790) do not fire. Targeted accounts are usually admins and
    staff.

    ## Example
    ```toml
    [tool.webwarden.logs.account-brute-force]
    threshold = 3
    ```
    ```log
    2024-05-01 09:20:00,100 WARNING myshop.auth Login failed for user 'admin' from 198.51.100.41
    2024-05-01 09:20:30,200 WARNING myshop.auth Login failed for user 'admin' from 198.51.100.42
    2024-05-01 09:21:00,300 WARNING myshop.auth Login failed for user 'admin' from 203.0.113.43
    ```

    ## Fix
    Failures spread over the day are not reported:
    ```log
    2024-05-01 09:20:00,100 WARNING myshop.auth Login failed for user 'admin' from 198.51.100.41
    2024-05-01 13:20:00,200 WARNING myshop.auth Login failed for user 'admin' from 198.51.100.41
    2024-05-01 17:20:00,300 WARNING myshop.auth Login failed for user 'admin' from 198.51.100.41
    ```
    Lock the account temporarily after repeated failures (django-axes with
    `AXES_LOCKOUT_PARAMETERS = ["username"]`) and require multi-factor authentication
    for staff.

    ## Options
    `[tool.webwarden.logs.account-brute-force]`: `threshold` (default 10) and `window`
    (default `"15m"`).

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [django-axes: configuration](https://django-axes.readthedocs.io/en/latest/4_configuration.html)
    """

    code = "WW792"
    name = "account-brute-force"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 307
    message = "{count} failed login{s} for account {subject} from {distinct} client(s) {window}"
    fix = "lock the account after repeated failures and require multi-factor authentication"
    kinds = frozenset({EventKind.REQUEST, EventKind.LOGIN})
    needs = "login"
    threshold = 10
    window = 900.0

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        if event.login is not LoginOutcome.FAILED or not event.account:
            return None
        return Evidence(key=event.account, distinct=event.client or "-")
