"""WW861: a session or login cookie readable by JavaScript (no `HttpOnly`)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import cookie_subject, cookies_once
from webwarden.rules.base import ProbeRule
from webwarden.rules.sessions._common import SUBJECT_WORDS


class SessionCookieWithoutHttponly(ProbeRule):
    """## What it does
    Reports session and remember-me cookies (`sessionid`, `session`, `remember_token`,
    names with `sess`, `auth`, `token`...) set without `HttpOnly`. CSRF cookies are left
    alone: Django's documentation explains that hiding them gains nothing.

    ## Why is this bad?
    Any script on the page can read a cookie without `HttpOnly` through
    `document.cookie`, so one XSS hole hands the session to the attacker, who can use it
    from anywhere until it expires.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: session=eyJ1aWQiOjF9; Secure; Path=/; SameSite=Lax

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Set-Cookie: session=eyJ1aWQiOjF9; Secure; HttpOnly; Path=/; SameSite=Lax

    <p>Welcome</p>
    ```

    ## References
    - [CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag](https://cwe.mitre.org/data/definitions/1004.html)
    - [Django: SESSION_COOKIE_HTTPONLY](https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly)
    - [Flask: SESSION_COOKIE_HTTPONLY](https://flask.palletsprojects.com/en/stable/config/#SESSION_COOKIE_HTTPONLY)
    """

    code = "WW861"
    name = "session-cookie-without-httponly"
    practice = Practice.SESSIONS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1004
    message = "{what} `{cookie}` is set without `HttpOnly`"
    fix = "set HttpOnly (`SESSION_COOKIE_HTTPONLY = True`, Flask-Login `REMEMBER_COOKIE_HTTPONLY`)"
    confirms = {"session": ("WW802", "WW821"), "remember": ("WW823",)}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for exchange, cookie in cookies_once(record):
            subject = cookie_subject(cookie)
            if subject in {"session", "remember"} and not cookie.httponly:
                yield self.at_url(
                    exchange.url,
                    subject=subject,
                    key=cookie.name,
                    snippet=cookie.masked(),
                    what=SUBJECT_WORDS[subject],
                    cookie=cookie.name,
                )
