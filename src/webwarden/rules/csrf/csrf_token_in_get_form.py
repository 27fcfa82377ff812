"""WW642: a CSRF token written inside a GET form (it ends up in the URL)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.template_facts import form_has_token, submits_by_get
from webwarden.parse.templates import ParsedTemplate
from webwarden.rules.base import TemplateRule

_TAG = "action-endpoint:"
"""Tag of a finding on a form without `method` whose action is `url_for` of a literal
endpoint: the endpoint, whose routes the project step reads."""
_URL_FOR_ACTION = re.compile(
    r"\saction\s*=\s*[\"']?\s*\{\{\s*url_for\(\s*(['\"])([A-Za-z_][\w.]*)\1\s*[,)]"
)


class CsrfTokenInGetForm(TemplateRule):
    """## What it does
    Finds forms that submit with GET (a `method="get"`, or no `method`, an `action`
    and a submit button) and write a CSRF token inside: `{% csrf_token %}`,
    `{{ form.hidden_tag() }}`, a `csrf_token` hidden input. A form without `method`
    and either without submit button or without `action` (or with a placeholder one
    naming no page, `action="#"`, `action="javascript:void(0)"`), or with every submit
    button handing its click to the page's script (`onclick="send(event, this)"`, or a
    handler ending in `return false`), is one that scripts read
    the token from or submit themselves (`<form class="comment-form" data-url="...">`),
    and is not reported; nor is a token written inside an HTML comment (`<!-- {%
    csrf_token %} -->`), which is no field of the form, nor one another arm of a
    conditional writes after opening a form of its own (`{% if q %}<form method="get">{%
    else %}<form method="post">{% csrf_token %}{% endif %}`: the POST form's token),
    nor a field named for a token whose value is a literal or a setting (`value="{{
    settings.LIST_TOKEN }}"`): the token another site gave the application, the same for
    every visitor. Nor is a form without `method` whose action is Flask's `url_for` of a
    named endpoint (`action="{{ url_for('messages.reply') }}"`) every route of which
    accepts POST and not GET: a GET there would be refused with 405, so the page's
    script posts it (an `ajaxform` class the site's script takes over).

    ## Why is this bad?
    A GET form puts its fields in the URL, so the token lands in the address bar, the
    browser history, server and proxy logs, and the `Referer` header sent to every
    site the next page links to. Django's documentation warns against exactly this. A
    form that changes something should use POST; a search form needs no token.

    ## Example
    ```html
    <form action="/search">
      {% csrf_token %}
      <input name="q"><button>Search</button>
    </form>
    ```

    ## Fix
    ```html
    <form action="/search">
      <input name="q">
    </form>
    ```

    ## References
    - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    - [Django: CSRF protection, how to use it](https://docs.djangoproject.com/en/stable/howto/csrf/)
    """

    code = "WW642"
    name = "csrf-token-in-get-form"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 598
    message = "GET form writes the CSRF token into the URL of its submission"
    fix = 'use `method="post"` if the form changes something, else remove the token'

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        for form in template.html.forms:
            if not submits_by_get(form) or not form_has_token(form, surely=True):
                continue
            snippet = (
                template.lines[form.tag.line - 1] if form.tag.line <= len(template.lines) else ""
            )
            finding = self.make_finding(
                Location(template.relpath, form.tag.line, form.tag.column), snippet=snippet
            )
            written = template.text[form.tag.start : form.tag.end]
            matched = _URL_FOR_ACTION.search(written) if form.tag.get("method") is None else None
            if matched is not None:
                finding = dataclasses.replace(finding, tags=(f"{_TAG}{matched.group(2)}",))
            yield finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A form without `method` posting to an endpoint every route of which takes POST
        and refuses GET: its script submits it (`_URL_FOR_ACTION`)."""
        endpoint = next((t.removeprefix(_TAG) for t in finding.tags if t.startswith(_TAG)), None)
        flask = project.flask
        if endpoint is None or flask is None:
            return False
        routes = [route for route in flask.routes if route.endpoint == endpoint]
        return bool(routes) and all(
            "POST" in route.methods and "GET" not in route.methods for route in routes
        )
