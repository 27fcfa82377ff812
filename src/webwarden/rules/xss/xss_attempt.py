"""WW590: cross-site scripting payloads in requests (access logs)."""

from __future__ import annotations

import re

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import PayloadRule

# NOTE: lower-case, bounded repetition only; `[^<>]{0,200}?` stops at the next tag, so a
# line of tags costs linear time. A tag alone is not enough for most elements: it
# needs an event handler, a script URL or a call to count.
_XSS = re.compile(
    r"<\s{0,3}/?\s{0,3}script\b"
    r"|<\s{0,3}(?:iframe|frame|object|embed|applet|svg|math|isindex|base)\b"
    r"|<\s{0,3}[a-z][a-z0-9]{0,15}\b[^<>]{0,200}?[\s/\"']on[a-z]{3,24}\s{0,3}="
    r"|[\s/\"']on(?:error|load|mouseover|focus|blur|click|toggle|begin|animationstart"
    r"|pointerover|mouseenter|pageshow)\s{0,3}=\s{0,3}['\"]?\s{0,3}[a-z(]"
    r"|\b(?:java|vb)script\s{0,5}:"
    r"|\bdata\s{0,3}:\s{0,3}text/html"
    r"|\b(?:alert|prompt|confirm)\s{0,3}(?:\(|`)"
    r"|\bdocument\s{0,3}\.\s{0,3}(?:cookie|domain)\b"
    r"|\bstring\.fromcharcode\s{0,3}\("
    r"|[\"']\s{0,3}/?>\s{0,3}<\s{0,3}[a-z]"
)


class XssAttempt(PayloadRule):
    """## What it does
    Finds requests whose path or query carries cross-site scripting payloads: `<script>`
    tags, elements with event handlers (`<img src=x onerror=...>`, `<svg onload=...>`),
    `javascript:` URLs, `alert(...)`/`document.cookie`, and attribute break-outs
    (`"><img`), as sent or URL-encoded once or twice. Requests from one client are
    reported together, one finding per burst.

    ## Why is this bad?
    Someone is looking for a parameter that the app echoes into a page unescaped: a
    template rendered with `|safe`, `mark_safe()`, `Markup()`, `{% autoescape off %}`,
    or HTML built with f-strings. A hit lets them run script in your users' browsers
    and act with their sessions. Django and Jinja2 escape by default; check the
    targeted routes for the exceptions.

    ## Example
    ```log
    198.51.100.23 - - [01/May/2024:11:20:00 +0000] "GET /search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E HTTP/1.1" 200 3120 "-" "Mozilla/5.0"
    ```

    ## Fix
    Ordinary queries with angle brackets or the word "script" are not reported:
    ```log
    198.51.100.23 - - [01/May/2024:11:20:00 +0000] "GET /search?q=a+%3C+b+script+writing HTTP/1.1" 200 3120 "-" "Mozilla/5.0"
    ```
    Keep output escaped (no `|safe` or `mark_safe()` on user input) and set a Content
    Security Policy, so that a reflected payload does not run:
    ```python
    return render(request, "search.html", {"q": q})  # escaped by the template engine
    ```

    ## Options
    `[tool.webwarden.logs.xss-attempt]`: `threshold` (default 1) and `window` (default
    `"1h"`).

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django: cross site scripting protection](https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection)
    - [Flask: security considerations, XSS](https://flask.palletsprojects.com/en/stable/web-security/#cross-site-scripting-xss)
    """

    code = "WW590"
    name = "xss-attempt"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 79
    message = "{client} sent {count} cross-site scripting probe{s} to {route} {window}: {detail}"
    fix = "check that the targeted routes escape what they echo (no `|safe`/`mark_safe`); block the client"
    pattern = _XSS
    trigger = re.compile(
        r"[<>\"'(`:]|document|on(?:error|load|mouseover|focus|blur|click|toggle|begin"
        r"|animationstart|pointerover|mouseenter|pageshow)"
    )
