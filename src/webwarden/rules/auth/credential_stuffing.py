"""WW791: one client failing logins for many different accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import EventKind, Evidence, LogEvent, LoginOutcome
from webwarden.rules.base import LogRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts


class CredentialStuffing(LogRule):
    """## What it does
    Finds a client whose failed logins name `threshold` (default 5) different accounts
    within `window` (default 10 minutes). The account comes from the application log
    (`username=...`, `for user 'bob'`, django-axes records), a JSON log's `user`
    field, or the access log's user column (HTTP basic authentication).

    ## Why is this bad?
    Trying many accounts a few times each is how leaked username and password lists are
    replayed against a site: it slips under per-account lockouts, and it works on every
    user who reused a breached password.

    ## Example
    ```toml
    [tool.webwarden.logs.credential-stuffing]
    threshold = 3
    ```
    ```log
    2024-05-01 09:10:00,100 WARNING myshop.auth Login failed for user 'alice' from 198.51.100.40
    2024-05-01 09:10:01,200 WARNING myshop.auth Login failed for user 'bob' from 198.51.100.40
    2024-05-01 09:10:02,300 WARNING myshop.auth Login failed for user 'carol' from 198.51.100.40
    ```

    ## Fix
    One user retrying their own account is not reported here:
    ```log
    2024-05-01 09:10:00,100 WARNING myshop.auth Login failed for user 'alice' from 198.51.100.40
    2024-05-01 09:10:01,200 WARNING myshop.auth Login failed for user 'alice' from 198.51.100.40
    2024-05-01 09:10:02,300 WARNING myshop.auth Login failed for user 'alice' from 198.51.100.40
    ```
    Rate-limit logins per client as well as per account, check new passwords against
    breach lists, and offer multi-factor authentication.

    ## Options
    `[tool.webwarden.logs.credential-stuffing]`: `threshold` (distinct accounts,
    default 5) and `window` (default `"10m"`).

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [OWASP: Credential Stuffing Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Credential_Stuffing_Prevention_Cheat_Sheet.html)
    """

    code = "WW791"
    name = "credential-stuffing"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 307
    message = "{client} failed logins for {distinct} accounts ({count} attempt{s}) {window}"
    fix = (
        "rate-limit logins per client, reject breached passwords, offer multi-factor authentication"
    )
    kinds = frozenset({EventKind.REQUEST, EventKind.LOGIN})
    needs = "login"
    threshold = 5
    window = 600.0
    distinct = True

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        if event.login is not LoginOutcome.FAILED or not event.account:
            return None
        return Evidence(key=event.client or "", distinct=event.account)
