"""WW860: a cookie set without the `Secure` flag."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import cookie_subject, cookies_once
from webwarden.rules.base import ProbeRule
from webwarden.rules.sessions._common import SEVERITY_BY_SUBJECT, SUBJECT_WORDS


class CookieWithoutSecure(ProbeRule):
    """## What it does
    Reports each cookie the app sets without `Secure`: every cookie set by an https
    page, and session, login and CSRF cookies wherever they are set. Session and
    remember-me cookies (`sessionid`, `session`, `remember_token`...) rank highest.

    ## Why is this bad?
    A cookie without `Secure` is also sent over plain `http://`: one request to any
    http URL of the site (a link in an email, an attacker's injected image) puts the
    session in clear text on the network, which is session hijacking.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: sessionid=8f2c1e; HttpOnly; Path=/; SameSite=Lax

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
    - [CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute](https://cwe.mitre.org/data/definitions/614.html)
    - [Django: SESSION_COOKIE_SECURE](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure)
    - [Flask: SESSION_COOKIE_SECURE](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_SECURE)
    """

    code = "WW860"
    name = "cookie-without-secure"
    practice = Practice.SESSIONS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 614
    message = "{what} `{cookie}` is set without `Secure`"
    fix = "set the Secure flag (Django/Flask `SESSION_COOKIE_SECURE = True`, `CSRF_COOKIE_SECURE`, `REMEMBER_COOKIE_SECURE`)"
    confirms = {
        "session": ("WW801", "WW820"),
        "remember": ("WW823",),
        "csrf": ("WW602",),
    }

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for exchange, cookie in cookies_once(record):
            subject = cookie_subject(cookie)
            if cookie.secure or (exchange.scheme == "http" and subject == "other"):
                continue
            yield self.at_url(
                exchange.url,
                subject=subject,
                key=cookie.name,
                snippet=cookie.masked(),
                severity=SEVERITY_BY_SUBJECT[subject],
                what=SUBJECT_WORDS[subject],
                cookie=cookie.name,
            )
