"""WW551: template values written inside `{% autoescape off %}` / `{% autoescape false %}`."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.escalation import (
    app_text_only,
    cleaned_by_filter,
    inert_only,
    rendered_html_only,
)
from webwarden.parse.templates import Dialect, ParsedTemplate
from webwarden.rules.base import ONLY_WHEN_FED, Framework, TemplateRule
from webwarden.rules.xss._inert_names import Spans, inert_at, inert_bindings
from webwarden.rules.xss._script import is_key
from webwarden.rules.xss._template import SAFE_MARKERS, calls_macro, neutral, outputs, shown


class TemplateAutoescapeOff(TemplateRule):
    """## What it does
    Finds template values written inside a block that turns autoescaping off:
    Django's `{% autoescape off %}` and Jinja2's `{% autoescape false %}`. Each value
    written there without an escaping or numeric filter is reported at the value, with
    the line of the block (Django's `add` is numeric only when no string literal is
    joined: `"By "|add:name` writes the name), nor a name a `{% with %}` or a translation
    block around it binds to such a value (`{% blocktranslate with date=expires|date:"DATE_FORMAT"
    %}...{{ date }}`, `count n=items|length`). A block that writes no values is harmless and not reported.
    Values marked `|safe` inside the block are reported by WW550 instead, and an output
    made only of the app's own text is not reported: translations of the author's
    literals, URLs `url_for` built, Jinja globals and Django context processors' names
    the project sets to configuration (`{"CMS_HOST": settings.CMS_HOST}`, or an
    upper-case name taken from the settings module, `from myproject.settings import *`), and
    what every render of the template passes as configuration (`{"settings": settings}`,
    then `{{ settings.SITE_DOMAIN }}`) (`{{ _("Go to %(page)s.", page='<a href="{}">{}</a>'.format(url_for("index"),
    _("home"))) }}`). Nor is the block of the template extended (`{{ block.super }}`,
    Jinja's `{{ super() }}`): the parent template's own markup, judged where it is
    written. Nor is a key the database makes (`{{ group.id }}`, `{{ perm.pk }}`, `{{
    owner_id }}`: a number or a UUID), unless a view passes request data under that
    name (`render_template("pick.html", group_id=request.args["group"])`). Nor is a call of a Jinja macro the template defines or imports
    (`{{ account_link(entry.account) }}`): the macro escapes the values it writes where
    it is defined, and a value it writes unescaped is reported there. Nor is HTML a
    filter of the project cleaned last (`{{ meeting.notes|markdown }}`, the `markdown`
    filter returning `bleach.clean(...)`, itself or through a function of the project,
    also one giving `None` for no input; also a filter registered on an app a function
    of the project is handed, `def init_filters(app):` with `@app.template_filter(...)`),
    followed by no filter but a `default` and beside nothing but the app's own text
    (`{{ notes|markdown or _("No description") }}`). Nor is HTML every render passes
    that the view escaped, cleaned or rendered from a template with autoescaping
    (`contents=render_to_string("part.html", ctx)`, also through a helper of its module
    rendering the template its caller names: `render_flavor(flavor, "setup.html", data)`
    returning Flask's `render_template(os.path.join(flavor, template), **data)`), as
    WW550 judges such a value marked `|safe`. Nor is a value every render passes as
    text that holds no markup: a number, a plain word, or what Django's password reset
    view gives the e-mails it sends (`{{ protocol }}://{{ domain }}`, `uid`, `token`;
    `{{ user.first_name }}` is still reported), or what django-allauth gives the e-mail
    asking to confirm an address (`account/email/email_confirmation_message.html`:
    `activate_url`, `key`, `code`, and the `current_site` its operator set up, whose
    `domain` and `name` are configuration) when the project's subclasses of its
    `DefaultAccountAdapter` neither build the link themselves
    (`get_email_confirmation_url`, `send_confirmation_mail`) nor set those names where
    they are handed the context (`context["code"] = ...` in `send_mail`).

    ## Why is this bad?
    Inside the block every `{{ value }}` is written as raw HTML, as if each carried
    `|safe`. A value that holds user input (`{{ request.GET.q }}`, a comment, a name)
    then runs as script in the browser of whoever views the page.

    ## Known problems
    Templates without any HTML markup (a plain-text e-mail body named `.html`) are not
    judged; a link written the plain-text way, `<https://example.com/help>`,
    `<{{ reset_url }}>` or `<help@example.com>`, is no markup. A text block inside an HTML template is reported; move it to a `.txt`
    template.

    ## Example
    ```html
    {% autoescape off %}
    <p>{{ comment.body }}</p>
    {% endautoescape %}
    ```

    ## Fix
    ```html
    <p>{{ comment.body }}</p>
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django: the autoescape tag](https://docs.djangoproject.com/en/stable/ref/templates/builtins/#autoescape)
    - [Jinja2: autoescape overrides](https://jinja.palletsprojects.com/en/stable/templates/#autoescape-overrides)
    """

    code = "WW551"
    name = "template-autoescape-off"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = (
        "`{{{{ {value} }}}}` is written without escaping inside `{{% {block} %}}` (line {line})"
    )
    fix = "remove the autoescape block, or escape the value (`|escape`) and mark only trusted HTML safe"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    escalates = True

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.html.has_markup:
            return  # NOTE: a plain-text template (an e-mail body) has nothing to escape for
        bound: Spans | None = None
        for node, expression in outputs(template):
            block = template.escape_off.get(node.start)
            if block is None or neutral(expression) or set(expression.filters) & SAFE_MARKERS:
                continue
            if template.dialect is Dialect.DJANGO and not expression.filters:
                bound = inert_bindings(template) if bound is None else bound
                if expression.names == (expression.path,) and expression.path in inert_at(
                    bound, node.start
                ):
                    continue  # NOTE: a name a `with` or translation block binds to a date, a number
            if calls_macro(template, expression):
                continue  # NOTE: autoescaping is set where a macro is defined, not called
            finding = self.at(
                template, node, value=shown(expression), block=block.content, line=block.line
            )
            # NOTE: a key the database made (`group.id`, `owner_id`) is a number or a UUID:
            # reported only when a view feeds it request data.
            keyed = not expression.filters and is_key(expression)
            yield dataclasses.replace(finding, tags=(ONLY_WHEN_FED,)) if keyed else finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """The output reads only the app's own text (translations, `url_for`, globals set
        to configuration) or values every render passes as text without markup or as HTML
        the view escaped, cleaned or rendered, or writes HTML a filter of the project
        cleaned."""
        model, where = project.templates, finding.location
        return model is not None and (
            app_text_only(model, where)
            or inert_only(model, where)
            or cleaned_by_filter(model, where)
            or rendered_html_only(model, where)
        )
