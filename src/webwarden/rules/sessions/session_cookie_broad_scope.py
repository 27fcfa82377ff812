"""WW863: a session or login cookie shared with subdomains, or kept for months."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import cookie_subject, cookies_once
from webwarden.rules.base import ProbeRule
from webwarden.rules.sessions._common import SUBJECT_WORDS

MAX_DAYS = {"session": 30, "remember": 400}
"""Longest lifetime that does not get reported (400 days is the browsers' own cap)."""


class SessionCookieBroadScope(ProbeRule):
    """## What it does
    Reports a session or remember-me cookie with a `Domain` attribute (which shares it
    with every subdomain) or a lifetime beyond 30 days (400 for remember-me cookies).

    ## Why is this bad?
    With `Domain=example.com` the session reaches `blog.example.com`, `staging...` and
    any subdomain an attacker takes over; without `Domain` it stays on the host that
    set it. A session that lives for months stays usable long after a laptop is lost
    or a cookie leaks.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: sessionid=8f2c1e; Domain=example; Max-Age=31536000; Secure; HttpOnly; SameSite=Lax

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: sessionid=8f2c1e; Max-Age=1209600; Path=/; Secure; HttpOnly; SameSite=Lax

    <p>Welcome</p>
    ```

    ## References
    - [CWE-613: Insufficient Session Expiration](https://cwe.mitre.org/data/definitions/613.html)
    - [Django: SESSION_COOKIE_DOMAIN, SESSION_COOKIE_AGE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-domain)
    - [Flask: PERMANENT_SESSION_LIFETIME](https://flask.palletsprojects.com/en/stable/config/#PERMANENT_SESSION_LIFETIME)
    """

    code = "WW863"
    name = "session-cookie-broad-scope"
    practice = Practice.SESSIONS
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 613
    message = "{what} `{cookie}` {problem}"
    fix = "leave `Domain` unset and keep sessions short (`SESSION_COOKIE_AGE`, `PERMANENT_SESSION_LIFETIME`)"
    confirms = {"session": ("WW804", "WW824"), "remember": ("WW824",)}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        now = datetime.now(UTC)
        for exchange, cookie in cookies_once(record):
            subject = cookie_subject(cookie)
            if subject not in MAX_DAYS:
                continue
            problems = []
            domain = cookie.attribute("domain")
            if domain:
                problems.append(f"is shared with subdomains (`Domain={domain}`)")
            lifetime = cookie.lifetime_seconds(now)
            if lifetime is not None and lifetime > MAX_DAYS[subject] * 86400:
                problems.append(f"lives {round(lifetime / 86400)} days")
            if problems:
                yield self.at_url(
                    exchange.url,
                    subject=subject,
                    key=cookie.name,
                    snippet=cookie.masked(),
                    what=SUBJECT_WORDS[subject],
                    cookie=cookie.name,
                    problem=" and ".join(problems),
                )
