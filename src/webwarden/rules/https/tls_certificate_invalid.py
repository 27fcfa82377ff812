"""WW963: the TLS certificate does not verify."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule


class TlsCertificateInvalid(ProbeRule):
    """## What it does
    Reports an https origin whose certificate failed verification: expired, not yet
    valid, self-signed or from an untrusted CA, or issued for another host name. The
    probe then continues without verification to judge the rest, and says so here.

    ## Why is this bad?
    Browsers show a full-page warning; users who click through (or API clients told to
    skip verification) can no longer tell the site from an attacker in the middle.

    ## Example
    ```http
    GET https://shop.example/
    @tls-error: certificate has expired

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
    - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    - [Let's Encrypt: getting started](https://letsencrypt.org/getting-started/)
    """

    code = "WW963"
    name = "tls-certificate-invalid"
    practice = Practice.HTTPS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 295
    message = "TLS certificate does not verify: {error}"
    fix = "install a certificate from a trusted CA for this host name, and renew it automatically"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        seen: set[str] = set()
        for exchange in record.by_relevance():
            tls = exchange.tls
            netloc = urlsplit(exchange.url).netloc
            if tls is None or tls.verified or netloc in seen:
                continue
            seen.add(netloc)
            yield self.at_url(exchange.url, subject="certificate", error=tls.error)
