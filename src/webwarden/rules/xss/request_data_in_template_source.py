"""WW541: request data compiled as a template (server-side template injection)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from webwarden.analysis.taint.django_templates import DJANGO_TEMPLATE_ACTION, alias_of_note
from webwarden.analysis.taint.engine import Flow
from webwarden.analysis.taint.sandboxed_templates import (
    SANDBOX_TEMPLATE_ACTION,
    SANDBOXED_ENVIRONMENTS,
)
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, TaintRule


class RequestDataInTemplateSource(TaintRule):
    """## What it does
    Follows request data into the *source* of a template: Flask's
    `render_template_string`, `jinja2.Template`, `Environment.from_string`, Django's
    `Template(...)` and `engines[...].from_string`, Mako's `Template`. Passing request data
    as a template *variable* (`render_template_string(page, name=name)`) is safe, and so
    is another class's `from_string` (`PhoneNumber.from_string(number)` builds an object);
    a class of the project derived from Jinja2's or Django's environment, whatever its
    name (`class ReportEnvironment(SandboxedEnvironment)`), compiles a template.
    A template compiled in Jinja2's sandbox (`jinja2.sandbox.SandboxedEnvironment`, its
    `ImmutableSandboxedEnvironment`, or a class of the project derived from either, also
    Django's `engines["jinja"]` when the `TEMPLATES` entry of that alias sets
    `"environment": "jinja2.sandbox.SandboxedEnvironment"` in its `OPTIONS`) is
    reported at high, not critical: its templates still run, read what the context
    exposes and can spend the server's CPU, and bugs have let them out of the sandbox
    before, but the sandbox refuses the underscored attributes and unsafe calls the known
    escapes to Python go through. A jsonschema validation error of
    request data (`validator.iter_errors(request.json)`) carries that data in its
    `instance` and `message`, not in its `schema`, `validator` or `validator_value`, which
    are the application's schema: a custom message template read from the schema
    (`error.schema.get("error")`) is the application's. Nor is a Django template compiled
    only to check its syntax, as a form or serializer refuses text the engine cannot parse:
    `Template(text)` as a statement, or `Template(text).render(Context({}))` whose output
    is dropped. Django's template language reads only its context and calls nothing with
    arguments, so an empty context shows nothing; a Jinja2 template is still reported.
    Source compiled by Django's template language otherwise (`Template(text)`,
    `engines["django"].from_string(text)`, `Engine.get_default().from_string(text)`, an
    engine kept at module level or of a project class derived from `Engine`) is
    reported at high, not critical: it reads whatever the context holds (every attribute
    of its objects, their methods without arguments) and the installed tag libraries, but
    runs no Python of its own; another alias of `engines` may be Jinja2's, and stays
    critical.
    A template stored in the database and looked up by a key the request sends
    (`MailTemplate.objects.filter(id=pk).first().body`, also through a project manager
    whose `filter` hands the lookup on to Django's with `super().filter(**kwargs)`) is
    the database's text, not the request's.

    ## Why is this bad?
    A template language is a programming language. Whoever writes the template source can
    run code on the server: in Jinja2, `{{ cycler.__init__.__globals__.os.popen('id').read() }}`
    executes a shell command (server-side template injection). Escaping does not help:
    it does not remove `{{`.

    ## Example
    ```python
    from flask import Flask, render_template_string, request

    app = Flask(__name__)

    @app.route("/hello")
    def hello():
        name = request.args.get("name", "world")
        return render_template_string(f"<h1>Hello {name}!</h1>")
    ```

    ## Fix
    ```python
    from flask import Flask, render_template_string, request

    app = Flask(__name__)

    @app.route("/hello")
    def hello():
        name = request.args.get("name", "world")
        return render_template_string("<h1>Hello {{ name }}!</h1>", name=name)
    ```
    Keep templates constant (better: in files) and pass request data as variables.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-1336: Template Engine Injection](https://cwe.mitre.org/data/definitions/1336.html)
    - [Flask docs: render_template_string](https://flask.palletsprojects.com/en/stable/api/#flask.render_template_string)
    - [PortSwigger: server-side template injection](https://portswigger.net/web-security/server-side-template-injection)
    """

    code = "WW541"
    name = "request-data-in-template-source"
    practice = Practice.XSS
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 1336
    message = "{source} becomes template source compiled by `{sink}`"
    fix = "keep the template constant and pass request data as template variables"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        """The flows' findings; a template compiled by an engine of `TEMPLATES` whose
        `OPTIONS` give it Jinja2's sandbox is reported as one compiled in the sandbox."""
        sandboxed = _sandboxed_aliases(project)
        for finding in super().check(project):
            alias = alias_of_note(finding.flow[-1].note) if finding.flow else None
            if alias is not None and alias in sandboxed:
                reason = dict(_BOUNDED)[SANDBOX_TEMPLATE_ACTION]
                finding = dataclasses.replace(
                    finding, severity=Severity.HIGH, message=f"{finding.message} ({reason})"
                )
            yield finding

    @classmethod
    def flow_finding(cls, flow: Flow) -> Finding:
        """A template of Django's template language, or one compiled in Jinja2's sandbox,
        is reported at high, with the reason."""
        finding = super().flow_finding(flow)
        note = flow.steps[-1].note
        reason = next((r for action, r in _BOUNDED if note.startswith(action)), None)
        if reason is None:
            return finding
        return dataclasses.replace(
            finding, severity=Severity.HIGH, message=f"{finding.message} ({reason})"
        )


_BOUNDED = (
    (
        DJANGO_TEMPLATE_ACTION,
        "Django's template language: it reads what the context holds, and runs no Python "
        "of its own",
    ),
    (
        SANDBOX_TEMPLATE_ACTION,
        "Jinja2's sandbox: it reads what the context holds, and refuses the underscored "
        "attributes and unsafe calls an escape to Python goes through",
    ),
)
"""Template languages whose source runs no Python of the template's choosing, with the
reason the message gives."""


def _sandboxed_aliases(project: ProjectModel) -> frozenset[str]:
    """The aliases of the `TEMPLATES` entries whose `OPTIONS["environment"]` is one of
    Jinja2's sandboxed environments (`"jinja2.sandbox.SandboxedEnvironment"`), when no
    other entry of the project gives the alias a different one."""
    model = project.templates
    if model is None:
        return frozenset()
    found: dict[str, bool] = {}
    for setting in model.settings:
        alias = setting.alias
        safe = setting.environment in SANDBOXED_ENVIRONMENTS
        found[alias] = found.get(alias, True) and safe
    return frozenset(alias for alias, safe in found.items() if safe and alias)
