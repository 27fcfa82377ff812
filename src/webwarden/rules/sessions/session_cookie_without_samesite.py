"""WW862: a session, login or CSRF cookie without `SameSite`, or with `SameSite=None`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import cookie_subject, cookies_once
from webwarden.rules.base import ProbeRule
from webwarden.rules.sessions._common import SUBJECT_WORDS


class SessionCookieWithoutSamesite(ProbeRule):
    """## What it does
    Reports session, remember-me and CSRF cookies set with `SameSite=None` (sent on
    every cross-site request) or without a valid `SameSite` attribute.

    ## Why is this bad?
    `SameSite=Lax` (or `Strict`) keeps the browser from attaching the cookie to a
    request another site triggers, a second wall against CSRF next to the token.
    `None` removes it; a missing attribute leaves the choice to each browser (Chrome
    assumes Lax, others have not always).

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: sessionid=8f2c1e; Secure; HttpOnly; Path=/; SameSite=None

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: sessionid=8f2c1e; Secure; HttpOnly; Path=/; SameSite=Lax

    <p>Welcome</p>
    ```

    ## References
    - [CWE-1275: Sensitive Cookie with Improper SameSite Attribute](https://cwe.mitre.org/data/definitions/1275.html)
    - [Django: SESSION_COOKIE_SAMESITE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite)
    - [Flask: SESSION_COOKIE_SAMESITE](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SAMESITE)
    """

    code = "WW862"
    name = "session-cookie-without-samesite"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1275
    message = "{what} `{cookie}` {problem}"
    fix = "set `SameSite=Lax` (`SESSION_COOKIE_SAMESITE = 'Lax'`, `CSRF_COOKIE_SAMESITE`)"
    confirms = {"session": ("WW803", "WW822"), "csrf": ("WW803",)}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for exchange, cookie in cookies_once(record):
            subject = cookie_subject(cookie)
            if subject == "other" or cookie.samesite in {"lax", "strict"}:
                continue
            none = cookie.samesite == "none"
            yield self.at_url(
                exchange.url,
                subject=subject,
                key=cookie.name,
                snippet=cookie.masked(),
                severity=None if none else Severity.LOW,
                what=SUBJECT_WORDS[subject],
                cookie=cookie.name,
                problem="is sent cross-site (`SameSite=None`)" if none else "has no `SameSite`",
            )
