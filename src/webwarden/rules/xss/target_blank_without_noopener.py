"""WW557: a link that opens another site in a new tab without `rel="noopener"`."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.parse.templates import ParsedTemplate
from webwarden.parse.templates.html import DYNAMIC, StartTag
from webwarden.rules.base import TemplateRule
from webwarden.rules.xss._template import in_mail_folder

_ELEMENTS = frozenset({"a", "area", "form"})


def _external(tag: StartTag) -> bool:
    """The link may lead to another site: an absolute URL or one a template value starts."""
    url = tag.get("action" if tag.name == "form" else "href")
    if url is None:
        return False
    url = url.strip()
    return url.startswith(("http://", "https://", "//", DYNAMIC))


class TargetBlankWithoutNoopener(TemplateRule):
    """## What it does
    Finds links (`<a>`, `<area>`, `<form>`) with `target="_blank"` to another site (an
    absolute URL, or a URL a template value starts) whose `rel` has neither `noopener`
    nor `noreferrer`. Links within the site are not reported, nor are those of templates
    in an `email/` or `emails/` folder: a mail's body, whose links open from the
    reader's mail client, never from a tab of the site.

    ## Why is this bad?
    A page opened with `target="_blank"` gets `window.opener`, a handle on the tab that
    opened it, and can navigate that tab to a look-alike login page (reverse
    tabnabbing). Current browsers imply `noopener` for `target="_blank"`, so the risk is
    for older browsers and embedded web views; the severity is low.

    ## Example
    ```html
    <a href="{{ partner.url }}" target="_blank">Partner site</a>
    ```

    ## Fix
    ```html
    <a href="{{ partner.url }}" target="_blank" rel="noopener noreferrer">Partner site</a>
    ```

    ## References
    - [CWE-1022: Use of Web Link to Untrusted Target with window.opener Access](https://cwe.mitre.org/data/definitions/1022.html)
    - [MDN: rel=noopener](https://developer.mozilla.org/en-US/docs/Web/HTML/Attributes/rel/noopener)
    """

    code = "WW557"
    name = "target-blank-without-noopener"
    practice = Practice.XSS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 1022
    message = '`<{element} target="_blank">` to another site has no `rel="noopener"`'
    fix = 'add `rel="noopener noreferrer"` to the link'

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html or in_mail_folder(template.relpath):
            return
        for tag in template.html.tags:
            if tag.name not in _ELEMENTS:
                continue
            target = (tag.get("target") or "").strip().lower()
            rel = (tag.get("rel") or "").lower().split()
            if target != "_blank" or "noopener" in rel or "noreferrer" in rel:
                continue
            if DYNAMIC in (tag.get("rel") or "") or not _external(tag):
                continue
            snippet = template.lines[tag.line - 1] if tag.line <= len(template.lines) else ""
            yield self.make_finding(
                Location(template.relpath, tag.line, tag.column), snippet=snippet, element=tag.name
            )
