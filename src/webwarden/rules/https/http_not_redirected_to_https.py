"""WW960: the plain-HTTP site does not redirect permanently to HTTPS."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import Exchange, ProbeRecord
from webwarden.rules.base import ProbeRule


class HttpNotRedirectedToHttps(ProbeRule):
    """## What it does
    Looks at the first page the probe fetched over plain `http://` (the target itself,
    or the http twin of an https target: port 80, or `--http-port`) and reports when it
    is served instead of redirected to `https://` on the same host, when it redirects
    elsewhere, or when the redirect is temporary (302, 303, 307) rather than 301 or 308.

    ## Why is this bad?
    Whoever types the address or follows an old link starts on plain HTTP, where anyone
    on the network can read and change the page, steal cookies without `Secure` and
    strip the move to HTTPS. A permanent redirect (plus HSTS) ends that after one visit.

    ## Example
    ```http
    GET http://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <form method="post" action="/login">...</form>
    ```

    ## Fix
    ```http
    GET http://shop.example/

    HTTP/1.1 301 Moved Permanently
    Location: https://shop.example/
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [Django: SECURE_SSL_REDIRECT](https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect)
    - [Flask-Talisman: force_https](https://github.com/wntrblm/flask-talisman#options)
    """

    code = "WW960"
    name = "http-not-redirected-to-https"
    practice = Practice.HTTPS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 319
    message = "plain HTTP {problem}"
    fix = "redirect every http:// request to https:// with 301 (Django `SECURE_SSL_REDIRECT`, Talisman)"
    confirms = {"redirect": ("WW906", "WW920")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        exchange = next(
            (
                e
                for e in record.exchanges
                if e.scheme == "http" and e.method == "GET" and e.path != "/robots.txt"
            ),
            None,
        )
        if exchange is None:
            return
        exchange = _through_local_redirects(exchange, record)
        verdict = _verdict(exchange)
        if verdict is not None:
            severity, problem = verdict
            snippet = f"HTTP/1.1 {exchange.status} {exchange.reason}".rstrip()
            if exchange.location:
                snippet += f"\nLocation: {exchange.location}"
            yield self.at_url(
                exchange.url,
                subject="redirect",
                snippet=snippet,
                severity=severity,
                problem=problem,
            )


def _through_local_redirects(exchange: Exchange, record: ProbeRecord) -> Exchange:
    """Follow recorded plain-HTTP redirects inside the same site (e.g. to a login page)."""
    answers = {e.url: e for e in record.exchanges if e.method == "GET" and not e.request_headers}
    seen = {exchange.url}
    while (destination := exchange.location) is not None and destination in answers:
        if urlsplit(destination).netloc != urlsplit(exchange.url).netloc or destination in seen:
            break
        seen.add(destination)
        exchange = answers[destination]
    return exchange


def _verdict(exchange: Exchange) -> tuple[Severity, str] | None:
    destination = exchange.location
    if destination is None:
        return (
            Severity.HIGH,
            f"is answered with {exchange.status} instead of a redirect to https://",
        )
    target = urlsplit(destination)
    if target.scheme != "https":
        return Severity.HIGH, f"redirects to `{destination}`, not to https://"
    if target.hostname != urlsplit(exchange.url).hostname:
        return Severity.MEDIUM, f"redirects to another host (`{destination}`)"
    if exchange.status not in {301, 308}:
        return (
            Severity.LOW,
            f"redirects to https:// with a temporary {exchange.status}, not 301/308",
        )
    return None
