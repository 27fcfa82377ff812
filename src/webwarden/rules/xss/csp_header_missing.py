"""WW560: pages sent without a `Content-Security-Policy`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import first_and_count
from webwarden.rules.base import ProbeRule


class CspHeaderMissing(ProbeRule):
    """## What it does
    Reports HTML pages sent without a `Content-Security-Policy` header (once, at the
    first such page, with how many more there are). A `...-Report-Only` policy does not
    count: it enforces nothing.

    ## Why is this bad?
    Autoescaping stops most XSS, but one `|safe` or `mark_safe` on user input is enough.
    A policy such as `default-src 'self'` keeps the injected script from running and
    from sending data elsewhere: the second wall that turns an XSS bug into a non-event.

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
    Content-Security-Policy: default-src 'self'; frame-ancestors 'none'; object-src 'none'

    <p>Welcome</p>
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [Django: Content Security Policy](https://docs.djangoproject.com/en/stable/ref/csp/)
    - [Flask-Talisman: content_security_policy](https://github.com/wntrblm/flask-talisman#content-security-policy)
    """

    code = "WW560"
    name = "csp-header-missing"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    message = "no `Content-Security-Policy` header on {pages}"
    fix = "send a Content-Security-Policy such as `default-src 'self'` (Django CSP settings, Talisman)"
    confirms = {"csp": ("WW502", "WW1021")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found = first_and_count(record, lambda page: page.header("content-security-policy") is None)
        if found is not None:
            page, pages = found
            yield self.at_url(page.url, subject="csp", key="Content-Security-Policy", pages=pages)
