"""WW761: a form with a password field that a browser sends with GET, in the URL."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.templates.template_facts import submits_by_get
from webwarden.parse.templates import ParsedTemplate
from webwarden.parse.templates.html import DYNAMIC, FormSpan, StartTag
from webwarden.rules.base import TemplateRule


class PasswordFieldInGetForm(TemplateRule):
    """## What it does
    Finds forms holding a password field (`<input type="password" name="...">`) that a
    browser submits with GET: `method="get"`, or no `method` with an `action` and a
    submit button. A form with neither `method` nor `action`, or with a placeholder
    action naming no page (`action="#"`, `action="javascript:void(0)"`: a modal's form a
    script posts), is one that scripts submit themselves, and is not reported (an empty
    action or one naming the page with a query, `action="?step=2"`, is a real GET); nor is a password input without a `name` (a browser
    sends no value for it), nor a form htmx sends (`hx-post`).

    ## Why is this bad?
    A GET form puts its fields in the URL, the password with them. The web server, the
    proxies in front of it and the browser's history keep URLs, and the next page sends
    them on in the `Referer` header, so the password is written in clear in places no
    one guards as a credential store. HTTPS does not help: it hides the URL on the wire
    only. A browser's "save password" prompt and the back button also replay it.

    ## Example
    ```html
    <form action="/login">
      <input name="username">
      <input type="password" name="password">
      <button>Log in</button>
    </form>
    ```

    ## Fix
    ```html
    <form method="post" action="/login">
      {% csrf_token %}
      <input name="username">
      <input type="password" name="password">
      <button>Log in</button>
    </form>
    ```
    Send the form with POST (with its CSRF token), and have the view read the password
    from the body.

    ## References
    - [CWE-598: Use of GET Request Method With Sensitive Query Strings](https://cwe.mitre.org/data/definitions/598.html)
    - [MDN: Sending form data, the GET method](https://developer.mozilla.org/en-US/docs/Learn_web_development/Extensions/Forms/Sending_and_retrieving_form_data#the_get_method)
    - [OWASP: Information exposure through query strings in URL](https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url)
    """

    code = "WW761"
    name = "password-field-in-get-form"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 598
    message = (
        "form sends its password field {field} with GET: the password lands in the URL, "
        "which access logs, browser history and `Referer` headers keep"
    )
    fix = 'use `method="post"` and read the password from the request body'

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        for form in template.html.forms:
            field = _password_field(form)
            if field is None or not submits_by_get(form):
                continue
            line = form.tag.line
            snippet = template.lines[line - 1] if line <= len(template.lines) else ""
            yield self.make_finding(
                Location(template.relpath, line, form.tag.column),
                snippet=snippet,
                field=_named(field.get("name") or ""),
            )


def _password_field(form: FormSpan) -> StartTag | None:
    """The form's first named `<input type="password">`."""
    for tag in form.input_tags:
        kind = (tag.get("type") or "").strip().lower()
        if tag.name == "input" and kind == "password" and tag.get("name"):
            return tag
    return None


def _named(name: str) -> str:
    return "(named by the template)" if DYNAMIC in name else f"`{name}`"
