"""WW022: a response body was longer than the probe reads."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule


class ProbeResponseTruncated(ProbeRule):
    """## What it does
    Reports each response whose body was longer than `webwarden probe` reads
    (`--max-body`, 1 MiB by default) or took longer than three timeouts to arrive. The
    probe stopped reading there and judged the part it had.

    ## Why is this bad?
    Links, forms and mixed-content references after the cut were not seen. A page of
    many megabytes is also slow for every visitor.

    ## Example
    ```http
    GET https://shop.example/export
    @truncated: yes

    HTTP/1.1 200 OK
    Content-Type: text/html

    <table>...
    ```

    ## Fix
    ```http
    GET https://shop.example/export

    HTTP/1.1 200 OK
    Content-Type: text/html

    <table>...</table>
    ```

    ## References
    - [CWE-400: Uncontrolled Resource Consumption](https://cwe.mitre.org/data/definitions/400.html)
    """

    code = "WW022"
    name = "probe-response-truncated"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "response body cut at the probe's limit (`--max-body`, read time); judged in part"
    fix = "paginate or stream large pages; raise `--max-body` to judge them whole"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        urls = dict.fromkeys(e.url for e in record.exchanges if e.truncated)
        for url in urls:
            yield self.at_url(url, key="truncated")
