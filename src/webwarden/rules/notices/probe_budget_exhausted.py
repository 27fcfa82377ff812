"""WW021: the probe's request budget ran out before the crawl was done."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule


class ProbeBudgetExhausted(ProbeRule):
    """## What it does
    Reports that `webwarden probe` stopped because it had sent as many requests as its
    budget (`--budget`, 100 by default) allows, and says how many URLs and forms it found
    but did not visit.

    ## Why is this bad?
    The pages left out were not judged: a missing header or a debug page there would go
    unreported. The budget keeps the probe gentle on production; raise it when the site
    can take more.

    ## Example
    ```http
    @unvisited: 12
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <a href="/catalogue/">Catalogue</a>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <a href="/catalogue/">Catalogue</a>
    ```

    ## References
    - [webwarden probe options](https://github.com/webwarden/webwarden#live-probe)
    """

    code = "WW021"
    name = "probe-budget-exhausted"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "request budget exhausted: {count} URL(s) or form(s) found but not visited"
    fix = "raise `--budget` (and `--max-pages`) if the site can take more requests"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        if record.unvisited:
            yield self.at_url(record.target, key="budget", count=record.unvisited)
