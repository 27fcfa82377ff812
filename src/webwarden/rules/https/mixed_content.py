"""WW965: an https page loads scripts, styles, frames or images over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.html import parse_page
from webwarden.rules.base import ProbeRule

# NOTE: browsers block "active" mixed content (it can rewrite the page) and only warn on
# passive content (images, media), so the two get different severities.
_PASSIVE = {"img", "audio", "video", "source", "track", "input"}


class MixedContent(ProbeRule):
    """## What it does
    Parses each https page and reports the `http://` URLs it loads by itself (scripts,
    stylesheets, frames, objects, images, media) and forms that submit to `http://`.
    One finding per page, naming the first such URL and how many more there are.

    ## Why is this bad?
    Anything fetched over plain HTTP can be read and replaced on the network. A script
    or stylesheet replaced by an attacker controls the whole https page; a form posting
    to `http://` sends its fields (passwords) in clear. Browsers block active mixed
    content, which breaks the page, and mark the rest as not secure.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <script src="http://cdn.example/app.js"></script>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <script src="https://cdn.example/app.js"></script>
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [MDN: Mixed content](https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content)
    """

    code = "WW965"
    name = "mixed-content"
    practice = Practice.HTTPS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 319
    message = "https page loads `{url}` ({what}) over plain HTTP{more}"
    fix = (
        "load every resource over https:// (or a relative URL); set CSP `upgrade-insecure-requests`"
    )

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        for page in record.pages:
            if page.scheme != "https":
                continue
            content = parse_page(page.body, page.url)
            insecure = [(tag, url) for tag, url in content.resources if url.startswith("http://")]
            insecure += [
                ("form action", form.action)
                for form in content.forms
                if form.action.startswith("http://")
            ]
            if not insecure:
                continue
            tag, url = insecure[0]
            passive = all(t in _PASSIVE for t, _ in insecure)
            more = len(insecure) - 1
            yield self.at_url(
                page.url,
                key=url,
                severity=Severity.LOW if passive else None,
                url=url,
                what=tag,
                more=f" and {more} more" if more else "",
            )
