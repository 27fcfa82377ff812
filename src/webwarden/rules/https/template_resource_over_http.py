"""WW917: a template loads a script, stylesheet or frame over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.parse.templates import ParsedTemplate
from webwarden.parse.templates.html import DYNAMIC
from webwarden.rules.base import TemplateRule
from webwarden.rules.xss._template import mail_document

_SOURCES = {"script": "src", "iframe": "src", "frame": "src", "embed": "src", "object": "data"}
"""Elements whose resource runs in, or as part of, the page, by the attribute naming it."""
_LINKED = frozenset({"stylesheet", "preload", "modulepreload"})
"""`<link rel>` kinds that load a resource the page uses."""
_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class TemplateResourceOverHttp(TemplateRule):
    """## What it does
    Finds templates that load a script, a stylesheet (`<link rel="stylesheet">`, also
    `preload` and `modulepreload`), a frame, an `<embed>` or an `<object>` from a fixed
    `http://` URL. A URL a template value builds (`{{ CDN_URL }}/app.js`), one of the
    machine itself (`localhost`, `127.0.0.1`), tags inside HTML comments and e-mail
    templates are not reported; images and media are not either (browsers upgrade or
    only warn about them).

    ## Why is this bad?
    Whatever crosses the network in clear text can be read and replaced on the way: a
    script or stylesheet swapped by someone on the same Wi-Fi or an ISP rewrites the page,
    reads what the user types and sends it elsewhere, even when the page itself came over
    HTTPS. Browsers block such active mixed content on HTTPS pages, so the page breaks
    there instead.

    ## Example
    ```html
    <link rel="stylesheet" href="http://fonts.example.com/css?family=Sans">
    ```

    ## Fix
    ```html
    <link rel="stylesheet" href="https://fonts.example.com/css?family=Sans">
    ```

    ## References
    - [CWE-319: Cleartext Transmission of Sensitive Information](https://cwe.mitre.org/data/definitions/319.html)
    - [MDN: Mixed content](https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content)
    """

    code = "WW917"
    name = "template-resource-over-http"
    practice = Practice.HTTPS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 319
    message = "`<{element}>` loads `{url}` over plain HTTP: anyone on the network can replace it"
    fix = "load it over `https://` (or serve the file from the app's own static files)"

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html or mail_document(template):
            return
        for tag in template.html.tags:
            attribute = _SOURCES.get(tag.name)
            if tag.name == "link":
                kinds = set((tag.get("rel") or "").lower().split())
                attribute = "href" if kinds & _LINKED else None
            if attribute is None:
                continue
            url = (tag.get(attribute) or "").strip()
            if not url.lower().startswith("http://") or DYNAMIC in url:
                continue
            if (urlsplit(url).hostname or "") in _LOOPBACK:
                continue
            line = tag.line
            snippet = template.lines[line - 1] if line <= len(template.lines) else ""
            yield self.make_finding(
                Location(template.relpath, line, tag.column),
                snippet=snippet,
                key=url,
                element=tag.name,
                url=url,
            )
