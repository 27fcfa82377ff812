"""WW020: a probe request got no usable HTTP response."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule


class ProbeRequestFailed(ProbeRule):
    """## What it does
    Reports each request of `webwarden probe` that got no usable answer: a read timeout,
    a connection reset, a response whose headers are not valid HTTP, a redirect loop.
    The probe goes on with its other requests; only this URL was not judged.

    ## Why is this bad?
    A page that hangs or answers with broken HTTP is a reliability problem of its own,
    and nothing the probe checks (headers, cookies, debug pages) was checked there.

    ## Example
    ```http
    GET https://shop.example/
    @failed: no answer within 10 s (read timeout)
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Welcome</p>
    ```

    ## References
    - [CWE-400: Uncontrolled Resource Consumption](https://cwe.mitre.org/data/definitions/400.html)
    """

    code = "WW020"
    name = "probe-request-failed"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "`{method}` request got no usable response: {reason}"
    fix = "make the URL answer valid HTTP quickly, or raise `--timeout` if it is just slow"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for failure in record.failures:
            yield self.at_url(
                failure.url, key=failure.reason, method=failure.method, reason=failure.reason
            )
