"""WW566: a Jinja translation, installed newstyle, of a message that is not a literal."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from functools import partial

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.translated_messages import (
    MESSAGES_AT,
    authored_bindings,
    translated_messages,
)
from webwarden.parse.templates import Dialect, NodeKind, ParsedTemplate
from webwarden.rules.base import IN_MAIL, READS_TAG, Framework, TemplateRule
from webwarden.rules.xss._form_fields import rendered_field
from webwarden.rules.xss._template import mail_document, plain_text_mail

_TESTING_TAGS = frozenset({"if", "elif"})
"""Tags whose expression is only tested: what it holds is never written into the page."""
CALLED_TAG = "gettext:"
"""Tags a finding with the i18n function it calls: refuted unless installed newstyle."""
_GETTEXT = frozenset(MESSAGES_AT)
_APP_TEXT = _GETTEXT | {"url_for"}


class TranslatedVariableMessage(TemplateRule):
    """## What it does
    Finds a Jinja template's i18n function (`_`, `gettext`, `ngettext`, `pgettext`,
    `npgettext`) given a message that is not a string literal, where the project
    installs those functions "newstyle" (Flask-Babel's and Flask-BabelEx's `init_app`,
    django-jinja's backend, `env.install_gettext_callables(..., newstyle=True)`):
    `{{ _(item.title) }}`, `{{ gettext(request.args.get("msg")) }}`, also when the
    result is joined (`_(x) ~ "!"`), passed through a filter that keeps `Markup`
    (`escape`, `upper`, `truncate`, `default` ...: `{{ _(x)|e }}` is reported), handed
    to a macro or a helper (`navlink(view, _(text))`) or set to a name (`{% set title
    = _(page.title) %}`). Not reported: a literal message, or one the template binds
    only to literals (`{% set kind = "dataset" %}`, a loop over a list of literals, `{%
    for view, text in [("a", "A")] %}`), a translation of a literal, a value escaped
    first (`_(key|e)`), the deployment's configuration, or values every view passes as
    numbers or plain words; nor a call whose result a filter turns into plain text
    (`striptags`, `title`, `wordwrap`), escapes (`forceescape`, `urlencode`,
    `tojson`) or counts (`length`), nor one a `"%s"|format(...)`, a URL `url_for`
    builds, a WTForms field's attributes (`form.title(placeholder=_(x))`: `"`
    replaced) or an `{% if %}` only reads; nor where the project installs gettext plainly (Jinja's default: a
    plain `str`, which autoescape escapes) or gives `_` a Jinja global of its own.
    Django templates' `{% translate var %}` escapes the variable unless it is marked
    safe already: not concerned. The finding is low: the message is most often text
    the application sets itself (a menu's labels, a registered type's name), which
    webwarden cannot tell from stored data; when the view that renders the template
    passes request data as the message, or the template reads it from the request, it
    is raised to high severity.

    ## Why is this bad?
    Newstyle gettext returns `Markup(translation) % values` under autoescape: the
    values put in by keyword are escaped, the message is not. When the catalogue
    holds no translation of the message, which is the case for any text the
    translators never saw, gettext returns the message itself, and `Markup` writes it
    into the page as HTML: `{{ _(comment.title) }}` is `{{ comment.title|safe }}`. A
    user who writes the title runs script in other users' browsers. `|e` after it
    changes nothing: escaping a `Markup` leaves it as it is.

    ## Known problems
    A label the code registers (`item.label` of a menu the app builds, a plugin's
    column type) is reported at low like stored data: translating it is still the
    misuse, and the text reaches the page as HTML, but only a developer writes it.

    ## Example
    ```python
    # app.py
    from flask import Flask, render_template, request
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app)


    @app.route("/notice")
    def notice():
        return render_template("page.html", msg=request.args.get("msg", ""))
    ```

    ```html
    <p class="notice">{{ _(msg) }}</p>
    ```

    ## Fix
    ```python
    # app.py
    from flask import Flask, render_template, request
    from flask_babel import Babel

    app = Flask(__name__)
    Babel(app)


    @app.route("/notice")
    def notice():
        return render_template("page.html", msg=request.args.get("msg", ""))
    ```

    ```html
    <p class="notice">{{ _("Notice: %(msg)s", msg=msg) }}</p>
    ```

    Translate literal messages only, and pass the data as keyword arguments, which
    newstyle gettext escapes: `_("Hello %(name)s", name=user.name)`.

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Jinja2: i18n extension, newstyle gettext](https://jinja.palletsprojects.com/en/stable/extensions/#newstyle-gettext)
    - [Flask-Babel: usage](https://python-babel.github.io/flask-babel/)
    """

    code = "WW566"
    name = "translated-variable-message"
    practice = Practice.XSS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{call}` writes its message `{text}` into the page unescaped: newstyle gettext returns it as `Markup`"
    fix = 'translate a literal message and pass the data as a keyword argument: `_("... %(name)s", name={text})`'
    frameworks = frozenset({Framework.FLASK, Framework.DJANGO})
    escalates = True
    fed_severity = Severity.HIGH
    example_filename = "templates/page.html"

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if template.dialect is not Dialect.JINJA or not template.is_html:
            return
        if plain_text_mail(template):
            return
        authored: dict[str, int] | None = None  # NOTE: worked out only when a call needs it
        imported: frozenset[str] | None = None  # NOTE: likewise
        mail = mail_document(template)
        for node in template.nodes:
            expression = node.expression
            if node.kind not in (NodeKind.VAR, NodeKind.TAG) or expression is None:
                continue
            if node.kind is NodeKind.TAG and node.tag in _TESTING_TAGS:
                continue
            if not _GETTEXT.intersection(expression.calls) or node.start in template.escape_off:
                continue
            if authored is None:
                authored = authored_bindings(template)
            known = frozenset(name for name, at in authored.items() if at < node.start)
            if imported is None:
                imported = _imported(template)
            quoting = partial(_field_call, template, node.start, imported)
            for found in translated_messages(expression.text, known, quoting):
                finding = self.at(template, node, call=f"{found.function}(...)", text=found.message)
                reads = {template.source_path(path, node.start) for path in found.reads}
                tags = (CALLED_TAG + found.function, *(READS_TAG + p for p in sorted(reads)))
                if mail:
                    tags = (*tags, IN_MAIL)
                yield dataclasses.replace(finding, tags=tags)

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """The project does not install the i18n function newstyle (nor is it known to),
        or the message reads only the app's own text: configuration, values every view
        passes as numbers or plain words or as text they wrote or escaped (`title=_("Series")`),
        a macro parameter every call gives a literal."""
        model, where = project.templates, finding.location
        called = [t.removeprefix(CALLED_TAG) for t in finding.tags if t.startswith(CALLED_TAG)]
        if model is None or not model.newstyle_gettext(where.path, called):
            return True
        reads = [t.removeprefix(READS_TAG) for t in finding.tags if t.startswith(READS_TAG)]
        return bool(reads) and all(_app_text(model, finding, path) for path in reads)


def _field_call(template: ParsedTemplate, at: int, imported: frozenset[str], callee: str) -> bool:
    """`form.title(...)`: a WTForms field rendered, which writes what it is given as
    attribute values with `"` replaced (`html_params`), even `Markup`; not a macro of
    templates the template imports (`{% import "macros/form.html" as form %}`)."""
    if callee.split(".", 1)[0] in imported:
        return False
    return rendered_field(template, f"{callee}()", at)


def _imported(template: ParsedTemplate) -> frozenset[str]:
    """The names `{% import ... as name %}` and `{% from ... import a, b as c %}` bind."""
    names: set[str] = set()
    for node in template.tags("import", "from"):
        args = [arg.strip(",") for arg in node.args]
        if node.tag == "import" and "as" in args:
            names.update(args[args.index("as") + 1 :][:1])
        elif node.tag == "from" and "import" in args:
            names.update(a for a in args[args.index("import") + 1 :] if a.isidentifier())
    return frozenset(names)


def _app_text(model: TemplateModel, finding: Finding, path: str) -> bool:
    where = finding.location
    return (
        path in _APP_TEXT
        or model.configuration_global(where.path, path)
        or model.configured(where.path, path)
        or model.configuration_tag_output(where.path, where.line, where.column, path)
        or model.inert(where.path, path)
        or model.cleaned(where.path, path)
        or model.literal_argument(where.path, where.line, path)
    )
