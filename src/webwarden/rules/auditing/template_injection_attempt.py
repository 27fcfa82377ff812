"""WW1192: server-side template injection payloads in requests."""

from __future__ import annotations

import re

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import PayloadRule

_ARITHMETIC = r"\s{0,5}\d{1,6}\s{0,5}[*+/-]\s{0,5}\d{1,6}\s{0,5}"
# NOTE: lower-case, bounded repetition only; `[^{}]{0,100}?` stops at the next brace, so a
# line of braces costs linear time.
_TEMPLATE = re.compile(
    rf"\{{\{{{_ARITHMETIC}\}}\}}|\$\{{{_ARITHMETIC}\}}|#\{{{_ARITHMETIC}\}}|<%={_ARITHMETIC}%>"
    r"|\{\{\s{0,5}\d{1,6}\s{0,5}\*\s{0,5}['\"]\d{1,6}['\"]\s{0,5}\}\}"  # Jinja's 7*'7'
    r"|\{\{[^{}]{0,100}?(?:__class__|__globals__|__builtins__|__subclasses__|__mro__|__init__"
    r"|__import__|\bconfig\b|\bself\b|request\.application|\blipsum\b|\bcycler\b|\bjoiner\b"
    r"|\bnamespace\b|get_flashed_messages|url_for|\bsettings\.)"
    r"|\{%\s{0,5}(?:debug|load|import|include|extends)\b"
    r"|\b__(?:class|globals|builtins|subclasses|mro|import)__\b"
)


class TemplateInjectionAttempt(PayloadRule):
    """## What it does
    Finds requests that probe for server-side template injection: arithmetic in
    template syntax (`{{7*7}}`, `${7*7}`, `#{7*7}`, `<%= 7*7 %>`, Jinja2's `{{7*'7'}}`),
    Jinja2 object-graph walks (`{{config}}`, `{{''.__class__.__mro__}}`,
    `{{lipsum.__globals__}}`, `{{request.application}}`), Django's settings
    (`{{settings.SECRET_KEY}}`) and tags (`{% debug %}`), as sent or URL-encoded
    once or twice. Requests from one client are reported together.

    ## Why is this bad?
    Someone is looking for a view that renders a template built from the request:
    `render_template_string(f"Hello {name}")`, `Template(request.GET["t"])`. In Jinja2
    a hit reaches `os.popen` through the object graph and runs commands; in Django it
    leaks settings. Templates must come from files, with user input passed as context.

    ## Example
    ```log
    203.0.113.99 - - [01/May/2024:14:00:00 +0000] "GET /hello?name=%7B%7B7*7%7D%7D HTTP/1.1" 200 18 "-" "Mozilla/5.0"
    ```

    ## Fix
    Braces in ordinary values are not reported:
    ```log
    203.0.113.99 - - [01/May/2024:14:00:00 +0000] "GET /hello?name=%7Bteam%7D+7*7 HTTP/1.1" 200 18 "-" "Mozilla/5.0"
    ```
    Render templates from files and pass the input as a variable:
    ```python
    return render_template("hello.html", name=name)
    ```

    ## Options
    `[tool.webwarden.logs.template-injection-attempt]`: `threshold` (default 1) and
    `window` (default `"1h"`).

    ## References
    - [CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine](https://cwe.mitre.org/data/definitions/1336.html)
    - [Flask: render_template_string](https://flask.palletsprojects.com/en/stable/api/#flask.render_template_string)
    - [PortSwigger: server-side template injection](https://portswigger.net/web-security/server-side-template-injection)
    """

    code = "WW1192"
    name = "template-injection-attempt"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 1336
    message = "{client} sent {count} template injection probe{s} to {route} {window}: {detail}"
    fix = "check that the targeted routes never build templates from request data; block the client"
    pattern = _TEMPLATE
    trigger = re.compile(r"[{]|<%|__")
