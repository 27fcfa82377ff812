"""WW1156: pages without nosniff, Referrer-Policy, Permissions-Policy or COOP."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import Exchange, ProbeRecord
from webwarden.probe.judging import first_and_count
from webwarden.rules.base import ProbeRule


def _nosniff(page: Exchange) -> bool:
    return (page.header("x-content-type-options") or "").strip().lower() != "nosniff"


def _absent(name: str) -> Callable[[Exchange], bool]:
    return lambda page: page.header(name) is None


CHECKS: tuple[tuple[str, Callable[[Exchange], bool], str], ...] = (
    ("X-Content-Type-Options", _nosniff, "`X-Content-Type-Options: nosniff`"),
    ("Referrer-Policy", _absent("referrer-policy"), "`Referrer-Policy`"),
    ("Permissions-Policy", _absent("permissions-policy"), "`Permissions-Policy`"),
    (
        "Cross-Origin-Opener-Policy",
        _absent("cross-origin-opener-policy"),
        "`Cross-Origin-Opener-Policy`",
    ),
)


class SecurityHeadersMissing(ProbeRule):
    """## What it does
    Reports, once per header, pages sent without `X-Content-Type-Options: nosniff`,
    `Referrer-Policy`, `Permissions-Policy` or `Cross-Origin-Opener-Policy` (the
    hardening headers Django's SecurityMiddleware and Flask-Talisman send), at the
    first page that lacks it, with how many more do.

    ## Why is this bad?
    Without `nosniff` a browser may run an uploaded file as a script; without a
    referrer policy full URLs (tokens in query strings) leak to other sites; without a
    permissions policy any injected frame may ask for the camera or location; without
    COOP a page you open can keep a handle on your window (cross-window attacks).

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    X-Content-Type-Options: nosniff
    Referrer-Policy: same-origin
    Permissions-Policy: camera=(), microphone=(), geolocation=()
    Cross-Origin-Opener-Policy: same-origin

    <p>Welcome</p>
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [Django: SecurityMiddleware](https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security)
    - [OWASP Secure Headers Project](https://owasp.org/www-project-secure-headers/)
    """

    code = "WW1156"
    name = "security-headers-missing"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 693
    message = "no {header} on {pages}"
    fix = "send the hardening headers (Django SecurityMiddleware settings, Flask-Talisman)"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for name, lacking, shown in CHECKS:
            found = first_and_count(record, lacking)
            if found is not None:
                page, pages = found
                yield self.at_url(page.url, subject="headers", key=name, header=shown, pages=pages)
