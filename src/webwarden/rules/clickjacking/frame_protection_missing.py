"""WW1060: pages that other sites may put in a frame."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import Exchange, ProbeRecord
from webwarden.probe.judging import first_and_count, policies
from webwarden.rules.base import ProbeRule


def frameable(page: Exchange) -> bool:
    """Whether neither a valid X-Frame-Options nor CSP `frame-ancestors` protects `page`."""
    if any("frame-ancestors" in policy for policy in policies(page)):
        return False
    option = (page.header("x-frame-options") or "").strip().lower()
    return option not in {"deny", "sameorigin"}


class FrameProtectionMissing(ProbeRule):
    """## What it does
    Reports HTML pages with neither `X-Frame-Options: DENY`/`SAMEORIGIN` nor a CSP
    `frame-ancestors` directive (once, at the first such page). An `ALLOW-FROM` or
    misspelled `X-Frame-Options` counts as missing: browsers ignore it.

    ## Why is this bad?
    Any site can load the page in an invisible frame and trick the user into clicking
    its buttons (clickjacking): "Delete account", "Transfer", "Allow", with the user's
    own session.

    ## Example
    ```http
    GET https://shop.example/account/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <button form="close">Close my account</button>
    ```

    ## Fix
    ```http
    GET https://shop.example/account/

    HTTP/1.1 200 OK
    Content-Type: text/html
    X-Frame-Options: DENY
    Content-Security-Policy: frame-ancestors 'none'

    <button form="close">Close my account</button>
    ```

    ## References
    - [CWE-1021: Improper Restriction of Rendered UI Layers or Frames](https://cwe.mitre.org/data/definitions/1021.html)
    - [Django: clickjacking protection](https://docs.djangoproject.com/en/stable/ref/clickjacking/)
    - [Flask-Talisman: frame_options](https://github.com/wntrblm/flask-talisman#options)
    """

    code = "WW1060"
    name = "frame-protection-missing"
    practice = Practice.CLICKJACKING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1021
    message = "no `X-Frame-Options` or CSP `frame-ancestors` on {pages}"
    fix = "send `X-Frame-Options: DENY` (Django XFrameOptionsMiddleware, Talisman) or CSP `frame-ancestors 'none'`"
    confirms = {"framing": ("WW1001", "WW1002", "WW1020")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found = first_and_count(record, frameable)
        if found is not None:
            page, pages = found
            yield self.at_url(page.url, subject="framing", key="X-Frame-Options", pages=pages)
