"""WW961: an https page without `Strict-Transport-Security`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import first_and_count
from webwarden.rules.base import ProbeRule


class HstsHeaderMissing(ProbeRule):
    """## What it does
    Reports https pages sent without a `Strict-Transport-Security` header (once, at the
    first such page, with how many more there are).

    ## Why is this bad?
    Without HSTS the browser will still try `http://` first next time (a typed address,
    an old bookmark), and an attacker on the network can keep the victim on plain HTTP
    (SSL stripping). HSTS makes the browser go straight to HTTPS for `max-age` seconds.

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
    Strict-Transport-Security: max-age=31536000; includeSubDomains; preload

    <p>Welcome</p>
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SECURE_HSTS_SECONDS](https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security)
    - [MDN: Strict-Transport-Security](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security)
    """

    code = "WW961"
    name = "hsts-header-missing"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 319
    message = "no `Strict-Transport-Security` header on {pages}"
    fix = "send `Strict-Transport-Security: max-age=31536000; includeSubDomains` (Django `SECURE_HSTS_SECONDS`, Talisman)"
    confirms = {"hsts": ("WW902", "WW920", "WW921")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found = first_and_count(
            record, lambda page: page.header("strict-transport-security") is None, https_only=True
        )
        if found is not None:
            page, pages = found
            yield self.at_url(
                page.url, subject="hsts", key="Strict-Transport-Security", pages=pages
            )
