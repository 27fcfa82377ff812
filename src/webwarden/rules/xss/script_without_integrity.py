"""WW549: a template loads a library script from a public CDN without `integrity`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.parse.templates import ParsedTemplate
from webwarden.parse.templates.html import DYNAMIC
from webwarden.rules.base import TemplateRule
from webwarden.rules.xss._script_hosts import PACKAGE_CDNS, script_host, untrusted
from webwarden.rules.xss._template import mail_document


class ScriptWithoutIntegrity(TemplateRule):
    """## What it does
    Finds `<script src="...">` tags in templates that load a file from a public CDN of
    library files (cdnjs, jsDelivr, unpkg, code.jquery.com, Google's and Microsoft's
    Ajax CDNs, BootstrapCDN...) without an `integrity` attribute, and any script from a
    host no page should load from: `polyfill.io` and the CDNs of its owner, sold in 2024
    and made to serve malware, and RawGit, shut down in 2019 (reported with or without
    `integrity`, as high). A URL a template value builds (`{% static %}`, `{{ CDN_URL
    }}`) and scripts of services that change their script by design (analytics, tag
    managers, reCAPTCHA, Stripe.js), which cannot be pinned, are not reported.

    ## Why is this bad?
    The page runs whatever that host sends, with the rights of the page: reading what
    the user types, acting as them. A CDN taken over, a compromised account of a
    library's maintainer or a hijacked domain then reaches every site that loads from
    it, as polyfill.io did to over 100,000 sites. With `integrity`, the browser runs the
    file only if it is exactly the one the page names.

    ## Example
    ```html
    <script src="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"></script>
    ```

    ## Fix
    ```html
    <script src="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js"
            integrity="sha512-v2CJ7UaYy4JwqLDIrZUI/4hqeoQieOmAZNXBeQyjo21dadnwR+8ZaIJVT8EE2iyI61OV8e6M8PP2/4hpQINQ/g=="
            crossorigin="anonymous"></script>
    ```
    Or serve the file from the app's own static files.

    ## References
    - [CWE-353: Missing Support for Integrity Check](https://cwe.mitre.org/data/definitions/353.html)
    - [MDN: Subresource Integrity](https://developer.mozilla.org/en-US/docs/Web/Security/Subresource_Integrity)
    - [HTTP Observatory: subresource integrity](https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring)
    """

    code = "WW549"
    name = "script-without-integrity"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 353
    message = "`<script>` loads `{url}` {why}"
    fix = "add `integrity` (the hash the CDN shows) and `crossorigin`, or serve the file yourself"

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html or mail_document(template):
            return
        for tag in template.html.tags:
            if tag.name != "script":
                continue
            url = (tag.get("src") or "").strip()
            if not url or DYNAMIC in url:
                continue
            host = script_host(url)
            reason = untrusted(host) if host else ""
            if reason:
                why = f"from `{host}`, {reason}"
                yield self._at(template, tag.line, tag.column, url, why, Severity.HIGH)
            elif host in PACKAGE_CDNS and tag.get("integrity") is None:
                why = "from a public CDN without `integrity`: the CDN may serve any script"
                yield self._at(template, tag.line, tag.column, url, why, None)

    def _at(
        self,
        template: ParsedTemplate,
        line: int,
        column: int,
        url: str,
        why: str,
        severity: Severity | None,
    ) -> Finding:
        snippet = template.lines[line - 1] if line <= len(template.lines) else ""
        return self.make_finding(
            Location(template.relpath, line, column),
            snippet=snippet,
            severity=severity,
            key=url,
            url=url,
            why=why,
        )
