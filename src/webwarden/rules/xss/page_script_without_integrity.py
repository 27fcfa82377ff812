"""WW564: a page the probe fetched loads a library script from a public CDN unpinned."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.probe.exchange import ProbeRecord
from webwarden.probe.html import parse_page
from webwarden.rules.base import ProbeRule
from webwarden.rules.xss._script_hosts import PACKAGE_CDNS, script_host, untrusted


class PageScriptWithoutIntegrity(ProbeRule):
    """## What it does
    Parses each HTML page the probe fetched and reports the scripts it loads from a
    public CDN of library files (cdnjs, jsDelivr, unpkg, code.jquery.com, Google's and
    Microsoft's Ajax CDNs, BootstrapCDN...) without an `integrity` attribute, and any
    script from a host no page should load from (`polyfill.io` and the CDNs of its owner,
    RawGit), as the HTTP Observatory's subresource integrity test does. One finding per
    script, at the first page loading it, with how many more do; WW549 finds the same in
    the templates.

    ## Why is this bad?
    The page runs whatever that host sends, with the rights of the page. A CDN taken
    over or a hijacked domain then reaches every site that loads from it, as
    polyfill.io did to over 100,000 sites in 2024. With `integrity`, the browser runs
    the file only if it is exactly the one the page names.

    ## Example
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
    ```

    ## Fix
    ```http
    GET https://shop.example/

    HTTP/1.1 200 OK
    Content-Type: text/html

    <script src="https://code.jquery.com/jquery-3.7.1.min.js" integrity="sha256-/JqT3SQfawRcv/BIHPThkBvs0OEvtFFmqPF/lYI/Cxo=" crossorigin="anonymous"></script>
    ```

    ## References
    - [CWE-353: Missing Support for Integrity Check](https://cwe.mitre.org/data/definitions/353.html)
    - [MDN: Subresource Integrity](https://developer.mozilla.org/en-US/docs/Web/Security/Subresource_Integrity)
    - [HTTP Observatory: tests and scoring](https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)
    """

    code = "WW564"
    name = "page-script-without-integrity"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 353
    message = "`{url}` is loaded {why} ({pages})"
    fix = "add `integrity` (the hash the CDN shows) and `crossorigin`, or serve the file yourself"
    confirms = {"*": ("WW549",)}

    def check_probe(self, record: ProbeRecord) -> Iterator[Finding]:
        found: dict[str, _Script] = {}
        for page in record.pages:
            content = parse_page(page.body, page.url)
            unpinned = set(content.unpinned_scripts)
            for tag, url in content.resources:
                host = script_host(url) if tag == "script" else ""
                reason = untrusted(host) if host else ""
                if url in found:
                    if page.url not in found[url].pages:
                        found[url].pages.append(page.url)
                elif reason:
                    found[url] = _Script(f"from `{host}`, {reason}", Severity.HIGH, [page.url])
                elif host in PACKAGE_CDNS and url in unpinned:
                    found[url] = _Script("from a public CDN without `integrity`", None, [page.url])
        for url, script in found.items():
            more = len(script.pages) - 1
            yield self.at_url(
                script.pages[0],
                key=url,
                severity=script.severity,
                url=url,
                why=script.why,
                pages="this page" + (f" and {more} more" if more else ""),
            )


@dataclass(slots=True)
class _Script:
    """An unpinned or untrusted script and the pages that load it, the first first."""

    why: str
    severity: Severity | None
    pages: list[str]
