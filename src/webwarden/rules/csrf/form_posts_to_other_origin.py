"""WW641: a template form that submits to another site."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.templates.template_facts import form_action, form_has_token, form_method
from webwarden.parse.templates import ParsedTemplate
from webwarden.parse.templates.html import DYNAMIC, FormSpan
from webwarden.rules.base import TemplateRule
from webwarden.rules.csrf._forms import other_origin


class FormPostsToOtherOrigin(TemplateRule):
    """## What it does
    Finds template forms whose `action` is an absolute URL on another site
    (`https://payments.example/checkout`), POST forms and forms that carry a CSRF token.
    A form that also writes the application's CSRF token is reported at medium
    severity; other such forms at low severity, for review. A field named for a token
    whose value is fixed for every visitor (a literal, or the deployment's
    configuration: `<input name="authenticity_token" value="{{ settings.LIST_TOKEN
    }}">` in a mailing-list service's own sign-up form) holds the token that site gave
    the application, not its users' CSRF token. A form without the token whose action is
    `https` and whose fields are all fixed in the page (hidden inputs with literal
    values, submit buttons: a payment provider's donation button) is not reported: it
    sends nothing a visitor typed or owns.

    ## Why is this bad?
    Django's documentation is explicit: never put `{% csrf_token %}` in a form that
    posts to an external URL, it hands your users' token to that site. Forms to other
    sites also send whatever the user typed there; they deserve a look to confirm the
    destination is intended and uses HTTPS.

    ## Example
    ```html
    <form method="post" action="https://crm.example.net/subscribe">
      {% csrf_token %}
      <input name="email">
    </form>
    ```

    ## Fix
    ```html
    <form method="post" action="/subscribe">
      {% csrf_token %}
      <input name="email">
    </form>
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: CSRF token in forms to external URLs](https://docs.djangoproject.com/en/stable/ref/csrf/#how-to-use-it)
    """

    code = "WW641"
    name = "form-posts-to-other-origin"
    practice = Practice.CSRF
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 352
    message = "form submits to another site (`{host}`){detail}"
    fix = "{fix}"

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        for form in template.html.forms:
            host = other_origin(form_action(form.tag))
            token = form_has_token(form, surely=True)
            if not host or (form_method(form.tag) != "post" and not token):
                continue
            if not token and _sends_only_fixed_fields(form, template):
                continue
            snippet = (
                template.lines[form.tag.line - 1] if form.tag.line <= len(template.lines) else ""
            )
            location = Location(template.relpath, form.tag.line, form.tag.column)
            if token:
                yield self.make_finding(
                    location,
                    snippet=snippet,
                    severity=Severity.MEDIUM,
                    confidence=Confidence.HIGH,
                    host=host,
                    detail=" with the CSRF token: the token leaks to that site",
                    fix="remove the CSRF token from forms that post to other sites",
                )
            else:
                yield self.make_finding(
                    location,
                    snippet=snippet,
                    host=host,
                    detail="",
                    fix="confirm the destination is intended and uses https",
                )


_FIXED_INPUTS = frozenset({"hidden", "submit", "image", "reset", "button"})
"""Input types whose value the page sets, not the visitor."""


def _sends_only_fixed_fields(form: FormSpan, template: ParsedTemplate) -> bool:
    """An `https` form with no template code inside it whose fields are hidden inputs
    with literal values and buttons: it sends only what the page fixed. A control
    elsewhere naming the form by `form="..."` could add fields, so none may exist."""
    action = (form.tag.get("action") or "").strip()
    if not action.lower().startswith("https://") or form.inside or template.html.form_attribute:
        return False
    for tag in form.input_tags:
        if tag.name == "button":
            continue
        kind = (tag.get("type") or "text").lower()
        if tag.name != "input" or kind not in _FIXED_INPUTS or DYNAMIC in (tag.get("value") or ""):
            return False
    return True
