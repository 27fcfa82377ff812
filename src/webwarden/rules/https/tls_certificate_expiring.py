"""WW964: the TLS certificate expires within 30 days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import urlsplit

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule

WARN_DAYS = 30


class TlsCertificateExpiring(ProbeRule):
    """## What it does
    Reports an https origin whose (valid) certificate expires within 30 days.

    ## Why is this bad?
    When it expires every visitor gets a certificate error and API clients stop
    working. Thirty days is the window in which automated renewal (Let's Encrypt renews
    at 30 days left) should already have happened; if it has not, renewal is broken.

    ## Example
    ```http
    GET https://shop.example/
    @tls-expires: 2020-01-01

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/
    @tls-expires: 2099-01-01

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Welcome</p>
    ```

    ## References
    - [CWE-298: Improper Validation of Certificate Expiration](https://cwe.mitre.org/data/definitions/298.html)
    - [Let's Encrypt: why 90-day certificates](https://letsencrypt.org/2015/11/09/why-90-days/)
    """

    code = "WW964"
    name = "tls-certificate-expiring"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 298
    message = "TLS certificate {when} {date}"
    fix = "renew the certificate now and check that automatic renewal runs"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        now = datetime.now(UTC)
        seen: set[str] = set()
        for exchange in record.by_relevance():
            tls = exchange.tls
            netloc = urlsplit(exchange.url).netloc
            if tls is None or tls.not_after is None or netloc in seen:
                continue
            seen.add(netloc)
            days = (tls.not_after - now).days
            if days < WARN_DAYS:
                yield self.at_url(
                    exchange.url,
                    subject="certificate",
                    key="expiry",
                    date=tls.not_after.date().isoformat(),
                    when="expired on" if days < 0 else f"expires within {WARN_DAYS} days, on",
                )
