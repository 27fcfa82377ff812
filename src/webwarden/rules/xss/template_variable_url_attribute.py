"""WW556: a template value that decides a link's or a frame's whole URL (its scheme)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.parse.templates import Expression, ParsedTemplate
from webwarden.parse.templates.html import Where
from webwarden.rules.base import Framework, TemplateRule
from webwarden.rules.xss._template import NUMERIC, SAFE_MARKERS, outputs, shown

_RUNS_URL = {
    "href": frozenset({"a", "area", "base"}),
    "src": frozenset({"iframe", "frame", "embed", "script"}),
    "data": frozenset({"object"}),
    "action": frozenset({"form"}),
    "formaction": frozenset({"button", "input"}),
    "xlink:href": frozenset({"a"}),
}
"""Attributes whose URL the browser navigates to or loads as code (img src does not
run `javascript:`)."""
_BUILT_URLS = frozenset({"url_for", "static", "url", "reverse", "build_absolute_uri"})
_APP_URL_NAMES = frozenset(
    {"get_absolute_url", "STATIC_URL", "MEDIA_URL", "path", "get_full_path", "path_info"}
)


def _built_by_app(expression: Expression) -> bool:
    """`url_for(...)`, `object.get_absolute_url`, `request.path`: not a scheme an
    attacker chooses."""
    if any(call.rsplit(".", 1)[-1] in _BUILT_URLS for call in expression.calls):
        return True
    last = expression.path.rsplit(".", 1)[-1] if expression.path else ""
    return last in _APP_URL_NAMES


class TemplateVariableUrlAttribute(TemplateRule):
    """## What it does
    Finds request data that starts the URL of a link, a form action, a frame or a script:
    `<a href="{{ next }}">` where the view that renders the template passes
    `next=request.args.get("next")`, or `<a href="{{ request.GET.next }}">` in the
    template itself. The value then decides the scheme. URLs the application builds
    (`url_for(...)`, `{% url %}`, `get_absolute_url`, `request.path`) and values passed
    through `|urlencode` are not reported, and neither is a value webwarden cannot trace
    to the request.

    ## Why is this bad?
    Autoescaping keeps the value inside the attribute, but
    `javascript:alert(document.cookie)` needs no quotes: a link whose whole URL comes
    from the request runs the attacker's script when the victim clicks it, and a `next`
    or `return_to` parameter written into a link is also an open redirect.

    ## Known problems
    URLs stored by users (a profile's website) are not traced to a request and not
    reported; validate them to `http(s)` when they are saved.

    ## Example
    ```html
    <a href="{{ next }}">Back</a>
    ```
    ```python
    # app.py
    from flask import Flask, render_template, request

    app = Flask(__name__)

    @app.route("/done")
    def done():
        return render_template("page.html", next=request.args.get("next", "/"))
    ```

    ## Fix
    ```html
    <a href="{{ url_for('index') }}">Back</a>
    ```
    ```python
    # app.py
    from flask import Flask, render_template, request

    app = Flask(__name__)

    @app.route("/done")
    def done():
        return render_template("page.html", next=request.args.get("next", "/"))
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [OWASP: XSS prevention, URL contexts](https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html)
    - [Django: url_has_allowed_host_and_scheme](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.http.url_has_allowed_host_and_scheme)
    """

    code = "WW556"
    name = "template-variable-url-attribute"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{{{{ {value} }}}}` decides the whole `{attribute}` URL of `<{element}>`: a `javascript:` URL runs script"
    fix = "build the URL in the app (`url_for`, `{{% url %}}`), or check the value's scheme is http(s) before using it"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    escalates = True
    only_when_fed = True

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html:
            return
        for node, expression in outputs(template):
            placement = template.placement(node)
            if (
                placement.where not in (Where.ATTRIBUTE, Where.UNQUOTED)
                or not placement.value_start
            ):
                continue
            if placement.element not in _RUNS_URL.get(placement.attribute, ()):
                continue
            filters = set(expression.filters)
            if filters & ({"urlencode"} | SAFE_MARKERS) or (
                filters and expression.filters[-1] in NUMERIC
            ):
                continue
            if _built_by_app(expression) or node.start in template.escape_off:
                continue
            yield self.at(
                template,
                node,
                value=shown(expression),
                attribute=placement.attribute,
                element=placement.element,
            )
