"""WW559: Flask renders an HTML template whose file name Flask does not autoescape."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, FlowStep, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates import TemplateModel
from webwarden.model.templates.build import within
from webwarden.model.templates.facts import CUSTOM_AUTOESCAPE, OutputFact
from webwarden.rules.base import Framework, TemplateProjectRule
from webwarden.rules.xss._template import HTML_ESCAPERS, NUMERIC

AUTOESCAPED = (".html", ".htm", ".xml", ".xhtml", ".svg")
"""`flask.Flask.select_jinja_autoescape`: the only names Flask autoescapes."""


class FlaskTemplateNotAutoescaped(TemplateProjectRule):
    """## What it does
    Finds Flask views that render an HTML template whose name does not end in `.html`,
    `.htm`, `.xml`, `.xhtml` or `.svg` (`render_template("page.jinja")`,
    `"email.j2"`): Flask turns autoescaping on by file name, so these templates write
    every value as raw HTML. Reported at the render call when the template holds HTML
    and writes values without an escaping filter, or when the view sends a template of
    plain text as its page (`return render_template("report.txt")`, or the text written
    into a string it returns, `"<pre>%s</pre>" % render_template(...)`: Flask sends a
    returned string as `text/html`); raised when the view passes request data. An app
    that sets its own `autoescape` (`app.jinja_env.autoescape = select_autoescape([...])`,
    `app.jinja_options`) is judged by the endings it chose, and so is one set up by an
    extension known to choose them (hasgeek's baseframe `init_app` escapes `.html.jinja2`
    and `.xml.jinja2`); so is an app made from a subclass of Flask (`class
    WalletFlask(Flask)` in the module that makes the app, or a class named for Flask given
    `__name__`). Translations of the project's text (`{{ _("Status") }}`) and
    URLs built from constants (`{{ url_for("index") }}`) are not counted as values, nor
    is a URL `url_for` builds from any values written as the page's text, in a
    double-quoted attribute or in a JavaScript string in double quotes (`<loc>{{
    url_for("item", item_id=item.id, _external=True) }}</loc>`): Werkzeug
    percent-encodes `<`, `>` and `"` in what it builds; it leaves `'`, so a single-quoted
    attribute still counts, as does a URL joined with other text.

    ## Why is this bad?
    The template looks like any other, but `{{ name }}` is no longer escaped: a user's
    name, comment or query parameter becomes markup and script in the page. Pattern
    tools that only read the template cannot see this; it depends on the name the view
    renders it by.

    ## Known problems
    A plain-text template is judged served as a page only when the route returns the
    rendered text itself, or a string holding it, directly or through one local; a
    response made by `make_response` and retyped later is not followed.
    An `autoescape` function of the app's own, or one set from a variable, is not read:
    the rule stays silent for that app. Other extensions that change the app's
    autoescape in library code are unknown to it. The `autoescape` set in a module is
    taken for every Flask app made in that module. A subclass of Flask defined in another
    module and not named for Flask is not known as an app class here.

    ## Example
    ```html
    <p>Hello {{ name }}</p>
    ```
    ```python
    # app.py
    from flask import Flask, render_template, request

    app = Flask(__name__)

    @app.route("/hello")
    def hello():
        return render_template("page.jinja", name=request.args["name"])
    ```

    ## Fix
    ```html
    {# templates/page.html #}
    <p>Hello {{ name }}</p>
    ```
    ```python
    # app.py
    from flask import Flask, render_template, request

    app = Flask(__name__)

    @app.route("/hello")
    def hello():
        return render_template("page.html", name=request.args["name"])
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Flask: controlling autoescaping](https://flask.palletsprojects.com/en/stable/templating/#controlling-autoescaping)
    - [Flask: Flask.select_jinja_autoescape](https://flask.palletsprojects.com/en/stable/api/#flask.Flask.select_jinja_autoescape)
    """

    code = "WW559"
    name = "flask-template-not-autoescaped"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 79
    message = "`{template}` is not autoescaped ({escaper} escapes only {endings}): {count} value(s) written as raw HTML"
    fix = (
        "rename the template to `.html` (or set `app.jinja_env.autoescape ="
        " select_autoescape(...)` with its extension); a JSON template: write each value"
        " with `|tojson` and answer with `application/json`"
    )
    frameworks = frozenset({Framework.FLASK})
    example_filename = "templates/page.jinja"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        model = project.templates
        if model is None:
            return
        escaped = _escaped_endings(model)
        if escaped is None:
            return
        escaper = "Flask" if escaped == AUTOESCAPED else "the app"
        for render in model.renders:
            if render.framework != "flask":
                continue
            for name in render.templates:
                relpath = model.resolve(name, render.location.path)
                facts = model.files.get(relpath) if relpath else None
                if relpath is None or facts is None or name.lower().endswith(escaped):
                    continue
                # NOTE: a template of plain text is HTML too when the view sends its text
                # as the page (`return "<pre>%s</pre>" % render_template("report.txt")`).
                page = facts.is_html or render.served
                raw = [
                    o
                    for o in facts.outputs
                    if page
                    and not (o.filters and o.filters[-1] in HTML_ESCAPERS | NUMERIC | {"tojson"})
                    and not _own_text(o)
                    and not o.built_url
                ]
                if not raw:
                    continue
                served = "" if facts.is_html else "plain text the view sends as its HTML page"
                finding = self.make_finding(
                    render.location,
                    template=name,
                    count=len(raw),
                    escaper=escaper,
                    endings=", ".join(escaped),
                    context=served,
                )
                fed = [
                    (c, o) for c in render.context if c.source for o in raw if _writes(o, c.name)
                ]
                # NOTE: data known step by step first: what only passed through a call
                # webwarden does not model (rows a client fetched) may not be the request's.
                fed.sort(key=lambda pair: pair[0].approx)
                if fed:
                    first, output = fed[0]
                    steps = (
                        FlowStep(
                            first.source_location or render.location, f"reads `{first.source}`"
                        ),
                        FlowStep(
                            Location(relpath, output.line, output.column), "written unescaped here"
                        ),
                    )
                    finding = dataclasses.replace(
                        finding,
                        severity=Severity.HIGH,
                        context="; ".join(
                            filter(None, (f"`{first.name}` comes from `{first.source}`", served))
                        ),
                        flow=steps,
                    )
                yield finding


def _writes(output: OutputFact, name: str) -> bool:
    """Whether `output` writes what the context name holds: the name itself, a part of it
    (`{{ data.next }}` of `data`), or all of what holds it (`{{ data }}` of `data.next`,
    a key of a dict the view passed); not another key beside it (`{{ data.mode }}`)."""
    return within(output.path, name) or within(name, output.path)


_OWN_TEXT = frozenset({"_", "gettext", "ngettext", "pgettext", "npgettext", "url_for", "static"})


def _own_text(output: OutputFact) -> bool:
    """`{{ _("Status") }}`, `{{ url_for("sitemap", _external=True) }}`: the translation of
    the project's own text, or a URL the app builds from constants; no value."""
    return output.returned and bool(output.names) and set(output.names) <= _OWN_TEXT


def _escaped_endings(model: TemplateModel) -> tuple[str, ...] | None:
    """The template name endings the Flask app autoescapes: Flask's own, or those of the
    `autoescape` the app (or an extension such as baseframe) sets on its environment; None
    when every template is escaped or a function webwarden cannot read decides.

    NOTE: the choice is not tied to one app's renders: a project with two Flask apps is
    taken to escape what either escapes.
    """
    choices = [
        value
        for folder in model.folders
        if folder.kind.startswith("flask")
        for key, value in folder.jinja_options
        if key == "autoescape"
    ]
    if True in choices or CUSTOM_AUTOESCAPE in choices:
        return None
    selected = [c for c in choices if isinstance(c, tuple)]
    if not selected:
        return AUTOESCAPED
    return tuple(dict.fromkeys(e for endings in selected for e in endings))
