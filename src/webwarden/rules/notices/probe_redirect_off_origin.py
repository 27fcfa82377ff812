"""WW023: a redirect leaves the probed origin and was not followed."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.rules.base import ProbeRule


class ProbeRedirectOffOrigin(ProbeRule):
    """## What it does
    Reports each redirect that points outside the probed origin (another host, port or
    scheme). `webwarden probe` records it and never follows it: it only ever sends
    requests to the target it was given.

    ## Why is this bad?
    Whatever is behind the redirect was not judged. If the redirect is to the https site
    on another port, probe that URL instead.

    ## Example
    ```http
    @off-origin: http://shop.example/ -> https://login.example/
    GET http://shop.example/

    HTTP/1.1 302 Found
    Location: https://login.example/
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <p>Welcome</p>
    ```

    ## References
    - [webwarden probe scope](https://github.com/webwarden/webwarden#live-probe)
    """

    code = "WW023"
    name = "probe-redirect-off-origin"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "redirects to `{destination}`, outside the probed origin; not followed"
    fix = "probe the destination URL itself if it belongs to the same application"

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for source, destination in record.off_origin:
            yield self.at_url(source, key=destination, destination=destination)
