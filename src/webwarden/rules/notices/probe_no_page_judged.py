"""WW024: the probe found no page to judge (every answer an error or a login wall)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule


class ProbeNoPageJudged(ProbeRule):
    """## What it does
    Reports that `webwarden probe` got no HTML page to judge: the start URL answered
    with an error (401 behind HTTP authentication, 400 when `ALLOWED_HOSTS` does not
    name the host the probe used, 403, 500) and nothing it led to was a page, so the
    page headers, cookies and forms went unjudged.

    ## Why is this bad?
    A report with only a finding or two reads like a clean bill of health. Here it is
    not: the rules that judge pages never saw one. Probe a URL that answers with the
    app's pages (the right host name, credentials the probe can send, or a staging copy
    without the authentication wall).

    ## Example
    ```http
    GET https://staging.shop.example/

    HTTP/1.1 401 Unauthorized
    WWW-Authenticate: Basic realm="staging"
    Content-Type: text/html

    <h1>401 Unauthorized</h1>
    ```

    ## Fix
    ```http
    GET https://staging.shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Welcome</p>
    ```

    ## References
    - [webwarden probe options](https://github.com/webwarden/webwarden#live-probe)
    """

    code = "WW024"
    name = "probe-no-page-judged"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "no page was judged: the start URL answered {status}{reason}"
    fix = "probe a URL (host name, credentials) that answers with the app's pages"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        if any(exchange.is_page for exchange in record.exchanges):
            return
        start = next(
            (e for e in record.exchanges if e.method == "GET" and e.url == record.target), None
        )
        if start is None or 200 <= start.status < 400:
            return
        reason = f" {start.reason}" if start.reason else ""
        yield self.at_url(record.target, key="no-page", status=start.status, reason=reason)
