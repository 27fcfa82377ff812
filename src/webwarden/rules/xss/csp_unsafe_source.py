"""WW561: a Content-Security-Policy that still lets injected scripts run."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.judging import header_line, parse_directives
from webwarden.rules.base import ProbeRule
from webwarden.rules.xss._csp_policy import SCHEMES, WILDCARDS


def weaknesses(policy: str) -> list[str]:
    """What in one policy lets an injected script run."""
    directives = parse_directives(policy)
    sources = directives.get("script-src", directives.get("default-src"))
    if sources is None:
        return ["no `script-src` or `default-src`"]
    lowered = [source.lower() for source in sources]
    # NOTE: with a nonce, a hash or 'strict-dynamic', CSP2+ browsers ignore 'unsafe-inline'.
    pinned = any(s.startswith(("'nonce-", "'sha")) or s == "'strict-dynamic'" for s in lowered)
    found = []
    if "'unsafe-inline'" in lowered and not pinned:
        found.append("`'unsafe-inline'`")
    if "'unsafe-eval'" in lowered:
        found.append("`'unsafe-eval'`")
    # NOTE: with 'strict-dynamic' and a nonce or hash, CSP3 browsers also ignore host and
    # scheme sources (`https:`): the fallbacks of Google's strict CSP for old browsers.
    strict = "'strict-dynamic'" in lowered and any(
        s.startswith(("'nonce-", "'sha")) for s in lowered
    )
    found += [
        f"`{source}`"
        for source in sources
        if source.lower() in WILDCARDS and not (strict and source.lower() in SCHEMES)
    ]
    return found


class CspUnsafeSource(ProbeRule):
    """## What it does
    Reads each distinct `Content-Security-Policy` the pages send and reports those whose
    script sources (`script-src`, or `default-src` when there is none) allow
    `'unsafe-inline'` (without a nonce or hash), `'unsafe-eval'`, or a wildcard such as
    `*`, `https:` or `data:`, and policies that restrict no scripts at all.

    ## Why is this bad?
    Such a policy looks like protection but lets the XSS payload run: inline
    `<script>` and `onerror=` handlers under `'unsafe-inline'`, string evaluation under
    `'unsafe-eval'`, a script from any host (the attacker's) under a wildcard.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Content-Security-Policy: default-src 'self' 'unsafe-inline' 'unsafe-eval'

    <p>Welcome</p>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html
    Content-Security-Policy: default-src 'self'; script-src 'self' 'nonce-r4nd0m'

    <p>Welcome</p>
    ```

    ## References
    - [CWE-693: Protection Mechanism Failure](https://cwe.mitre.org/data/definitions/693.html)
    - [MDN: script-src](https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Content-Security-Policy/script-src)
    - [Google: strict CSP](https://web.dev/articles/strict-csp)
    """

    code = "WW561"
    name = "csp-unsafe-source"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 693
    message = "`Content-Security-Policy` lets injected scripts run: {weaknesses}"
    fix = "allow scripts by nonce or hash, never `'unsafe-inline'`, `'unsafe-eval'` or wildcards"
    confirms = {"csp": ("WW502", "WW1021")}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        seen: set[str] = set()
        for page in record.pages:
            for policy in page.header_values("content-security-policy"):
                if policy in seen:
                    continue
                seen.add(policy)
                found = weaknesses(policy)
                if found:
                    yield self.at_url(
                        page.url,
                        subject="csp",
                        key=policy,
                        snippet=header_line(page, "content-security-policy"),
                        weaknesses=", ".join(found),
                    )
