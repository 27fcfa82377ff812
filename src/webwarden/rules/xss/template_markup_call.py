"""WW553: `Markup(...)` of a variable inside a Jinja2 expression."""

from __future__ import annotations

import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.parse.templates import Dialect, NodeKind, ParsedTemplate
from webwarden.rules.base import Framework, TemplateRule

_LITERAL_CALL = re.compile(r"""\bMarkup\s*\(\s*(?:"[^"]*"|'[^']*')\s*\)""")
_MARKERS = frozenset({"Markup", "markupsafe.Markup", "jinja2.Markup", "flask.Markup"})


class TemplateMarkupCall(TemplateRule):
    """## What it does
    Finds `Markup(...)` called inside a Jinja2 expression on something other than a
    string literal: `{{ Markup(user.signature) }}`, `{% set intro = Markup(text) %}`.
    Jinja2 has no `Markup` by default; projects that expose it as a global let
    templates mark any value as safe HTML.

    ## Why is this bad?
    `Markup(value)` tells Jinja2 the value is already safe HTML, so autoescaping leaves
    it alone: the same hole as `|safe`, less visible. If the value holds user input, it
    runs as script in other users' browsers.

    ## Example
    ```html
    <div class="signature">{{ Markup(user.signature) }}</div>
    ```

    ## Fix
    ```html
    <div class="signature">{{ user.signature }}</div>
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [MarkupSafe: Markup](https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup)
    - [Jinja2: working with automatic escaping](https://jinja.palletsprojects.com/en/stable/templates/#working-with-automatic-escaping)
    """

    code = "WW553"
    name = "template-markup-call"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{call}` in a template marks a value as safe HTML, bypassing autoescaping"
    fix = "write the value with `{{{{ value }}}}` (escaped), or build trusted HTML in Python with `Markup(...).format()`"
    frameworks = frozenset({Framework.FLASK})
    escalates = True

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if template.dialect is not Dialect.JINJA or not template.is_html:
            return
        for node in template.nodes:
            if node.kind not in (NodeKind.VAR, NodeKind.TAG) or node.expression is None:
                continue
            calls = [c for c in node.expression.calls if c in _MARKERS]
            if not calls:
                continue
            arguments = _LITERAL_CALL.sub("", node.content)
            if "Markup" not in arguments:
                continue
            yield self.at(template, node, call=f"{calls[0]}(...)")
