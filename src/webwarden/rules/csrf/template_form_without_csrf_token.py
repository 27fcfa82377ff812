"""WW640: a POST form in a template that writes no CSRF token, where the app checks them."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, FlowStep, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, TemplateProjectRule
from webwarden.rules.csrf._forms import (
    django_checks_tokens,
    exempt_target,
    flask_checks_tokens,
    flask_owners,
    flask_protects_every_view,
    other_origin,
    page_token,
    posts_to_page_without_post,
    runs_script,
    token_from_elsewhere,
)

_FORM_CHECKS_ONLY = (
    '`<form method="post">` has no CSRF token: a view validating it as a Flask-WTF form'
    " rejects it, and the app (no CSRFProtect) checks no other view's posts"
)
_EXEMPT = '`<form method="post">` has no CSRF token and posts to `{view}`, which is exempt from CSRF checks: any site can submit it'


class TemplateFormWithoutCsrfToken(TemplateProjectRule):
    """## What it does
    Finds `<form method="post">` in templates that write no CSRF token: no
    `{% csrf_token %}` in a Django template when `CsrfViewMiddleware` is on, no
    `{{ form.csrf_token }}`, `{{ form.hidden_tag() }}` or `csrf_token()` hidden input in
    a Jinja2 template of a Flask app that uses `CSRFProtect` (or Flask-WTF forms). A
    token written by an included template (templates named relative to the one naming
    them, `{% extends "../base_form.html" %}`, are read beside it, as Django does), by the template a project tag renders (an
    `inclusion_tag`'s, or one a simple tag loads: Mezzanine's `{% fields_for form %}`,
    judged by that template whatever the tag's name), or by a template those include or
    render with a project tag in turn (an included editor partial calling `{% render_form
    form %}`, whose template writes the token), by a Jinja macro the template
    imports or defines whose body writes one, whatever its name (a `page_footer("Confirm")`
    writing a `csrf_token()` hidden input beside its button), or by a form-rendering macro
    counts, and so does Mezzanine's own `{% fields_for form %}` where the project defines
    no such tag (its `includes/form_fields.html` writes the token, unless the project's
    copy of that template does not), and so do
    django-crispy-forms' `{% crispy form %}` (not its `|crispy` filter) and a Jinja
    macro's `{{ caller() }}`, whose `{% call %}` blocks give the form its fields; a
    token written inside an HTML comment (`<!-- {% csrf_token %} -->`) does not, the
    browser submitting no field of it, nor does one another arm of a conditional writes
    after opening a form of its own (`{% if pk %}<form method="post" action="...">{% else
    %}<form method="post">{% csrf_token %}{% endif %}`: the first form has none). django-allauth's
    `{% element form method="post" %}...{% endelement %}` is a form too. When the
    form posts (by its literal `action`, also one whose outputs write an id,
    `/orders/{{ order.id }}/refund/`, `{% url %}`, `url_for(...)`, or back to the view
    that renders it, also a Django view no URLconf names, routed by a registry of dotted
    names) to a view exempt from the check (`@csrf_exempt`, `@csrf.exempt`),
    the finding is high severity and says so; when that view reads no session or user
    (an unsubscribe link's signed token is all it trusts), or when it is
    python-social-auth's login start (`login/<backend>/`, redirecting the browser to the
    provider, where its own user logs in, as a link would), a forged post gains what any
    caller could, and the form is not reported; nor is it when every route to that view
    is added under `if settings.DEBUG:` (a development server's tool page, which no
    deployment serves). Forms posting to another site are WW641's,
    and projects without CSRF checking are reported by the framework rules instead.
    Nor is a form posting back to its own page when that page is only Django's
    `TemplateView.as_view(template_name=...)` in the URLconf (no view renders the
    template, no template includes it), or only class-based views of the project whose
    handlers are all known and take no POST (a `DetailView`, and no subclass adding
    `post`), or only function views, under Django's decorators alone, that read nothing
    submitted, test no method and hand the request to Django's renderers alone
    (`render(request, "calculator.html", {"form": CaloriesForm(instance=profile)})`, a
    form built to be shown, neither bound to the post nor validated): that view answers
    no POST, or answers it as a GET, so nothing is changed (a style guide showing a
    form, or a form whose data the page's script sends elsewhere); so is one in a partial
    that templates only include (none extends it, no view renders it alone), every
    template including it such a page (`{% include "home/_map.html" %}` in the page of a
    view with `http_method_names = ["get"]`), the page the form posts to. Nor is a form with no control to submit or fill (no
    `<input>`, `<button>`, `<select>` or `<textarea>`, no output, include, block or
    library tag that might write one, and no element in the template naming a form by
    its `form` attribute): a dialog's frame holding a message, which no one can submit (a
    script that does is not seen). Nor, when it posts to a view that checks the token,
    is a form the browser cannot submit itself, a script taking its buttons' clicks: no
    submit button, a `<button type="button">`, and no field Enter submits it from, or two
    text fields or more,
    which keep Enter from submitting a form without a submit button (HTML's implicit
    submission): a dialog whose fields the page's script reads and sends with its own
    request and token, which a bare submission by another script would fail. Nor is a form htmx sends (`hx-post`, `hx-put`,
    `hx-patch`, `hx-delete`, also beside `method="post"`): htmx makes the request, and
    the token goes where the page tells htmx to put it (`hx-headers` on the `<body>`),
    not in the form. Nor is a form a script framework keeps the browser from submitting:
    AngularJS's `ng-submit` on a form with no `action` (its `ngSubmit` then prevents the
    default submission), Vue's `@submit.prevent` (`v-on:submit.prevent`), an inline
    `onsubmit` handler whose last statement, outside every block, is `return false`
    (`onsubmit="if (valid()) {send()}; return false"`: returning false cancels the
    browser's own submission; not `return confirm(...)`); the handler's
    request, and its token, are not in the template. Nor is a form whose `action` is a
    `javascript:` URL
    (`action="javascript:upload()"`): submitting it runs the script instead of posting
    anywhere, and what the script sends, with its token (an `X-CSRFToken` header), is
    not in the template. Nor is a form that relays what its view built: its whole
    `action` one output (`action="{{ gateway.url }}"`) and its only controls hidden
    inputs named by outputs too (`{% for key, value in fields.items %}<input
    type="hidden" name="{{ key }}" value="{{ value }}">`) or carrying an output whole
    in a field a sign-on protocol names (`name="SAMLResponse" value="{{ response }}"`,
    `RelayState`, an LTI deep-linking response's `JWT`, OAuth's `form_post` `code` and
    `state`), nothing else inside that may
    write one; a payment gateway's signed request, a SAML or OAuth `form_post`
    response, which the view sends where it chose with the fields it chose (a token
    among them, were that its own site). Nor is a form, posting to a view that checks the token, on a
    page that writes the token outside its forms (`<div hidden>{% csrf_token %}</div>`,
    in the template or one it extends): Django's way of handing the token to a script
    that cannot read its cookie, which then sends the form itself with an `X-CSRFToken`
    header (a form submitted without the script fails the check, and is not open to
    forgery); nor is one on a page whose own script sends the token in a header it
    names (`headers: {"X-CSRF-Token": getCookie("csrftoken")}`,
    `xhr.setRequestHeader("X-CSRFToken", token)`): the script posts it; nor, when a
    script file of the project's own (not minified, not in a `vendor/` or `thirdparty/`
    folder) sets such a header for every request jQuery, axios or htmx sends (Django's
    recipe: `$.ajaxSetup({headers: {"X-CSRFToken": getCookie("csrftoken")}})`), is a form
    posting to a view that checks the token: the project's scripts post its forms, and
    one submitted without them fails the check. Nor, in a project whose Flask apps each
    have a folder of their own, is a Jinja-like template outside all of them that no view
    renders and no template extends or includes: a page another server renders (the
    challenge page a reverse proxy beside the app serves and checks itself). In a
    Flask app that validates Flask-WTF forms but installs no `CSRFProtect`, only the views
    validating a form check the token, and the message says so.

    ## Why is this bad?
    The protection rejects a POST without the token, so such a form either fails for
    every user or works only because its view was exempted from the check
    (`@csrf_exempt`, `@csrf.exempt`) — and then any other site can submit it with the
    user's cookies (cross-site request forgery).

    ## Known problems
    A token added by JavaScript (from the `csrftoken` cookie) is seen only when the
    page's own script names the header it sends it in, or when a script file of the
    project sets it up for every request a library sends, whichever pages load that
    file (a header set for one request in a script file is not seen). A crispy
    helper set to `disable_csrf = True` is not seen either: its `{% crispy %}` counts as
    a token.

    ## Example
    ```html
    <form method="post" action="/profile">
      <input name="email">
    </form>
    ```
    ```python
    # settings.py
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    ```

    ## Fix
    ```html
    <form method="post" action="/profile">
      {% csrf_token %}
      <input name="email">
    </form>
    ```
    ```python
    # settings.py
    MIDDLEWARE = ["django.middleware.csrf.CsrfViewMiddleware"]
    ```

    ## References
    - [CWE-352: Cross-Site Request Forgery (CSRF)](https://cwe.mitre.org/data/definitions/352.html)
    - [Django: how to use CSRF protection](https://docs.djangoproject.com/en/stable/howto/csrf/)
    - [Flask-WTF: CSRF protection](https://flask-wtf.readthedocs.io/en/stable/csrf/)
    """

    code = "WW640"
    name = "template-form-without-csrf-token"
    practice = Practice.CSRF
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 352
    message = (
        '`<form method="post">` has no CSRF token: {checker} rejects it unless its view is exempt'
    )
    fix = "{fix}"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        model = project.templates
        if model is None:
            return
        django = django_checks_tokens(project)
        for relpath, facts in sorted(model.files.items()):
            flask = (
                facts.dialect == "jinja"
                and flask_checks_tokens(project, relpath)
                and not _outside_flask(project, relpath)
            )
            if facts.dialect == "django" and django:
                checker, fix = "`CsrfViewMiddleware`", "add `{% csrf_token %}` inside the form"
            elif facts.dialect == "jinja" and flask:
                checker, fix = (
                    "Flask-WTF",
                    "add `{{ form.csrf_token }}` (or a `csrf_token()` hidden input) inside the form",
                )
            elif facts.dialect == "jinja" and django and not flask_owners(project, relpath):
                checker, fix = "`CsrfViewMiddleware`", "add `{{ csrf_input }}` inside the form"
            else:
                continue
            forms_only = flask and not flask_protects_every_view(project, relpath)
            for form in facts.forms:
                if form.method != "post" or form.token or other_origin(form.action):
                    continue
                if not form.controls:
                    continue  # NOTE: nothing to submit it with: a dialog's frame, not a form
                if runs_script(form.action):
                    continue  # NOTE: `action="javascript:send()"`: the script sends, if anything
                if form.relayed:
                    continue  # NOTE: the view chose where it posts and every field it sends
                if token_from_elsewhere(form, model, relpath):
                    continue
                location = Location(relpath, form.line, form.column)
                exempt = exempt_target(project, relpath, form.target)
                if exempt is not None and (
                    not exempt.uses_session or exempt.debug_only or exempt.harmless
                ):
                    continue
                if exempt is None and posts_to_page_without_post(project, relpath, form.target):
                    continue
                if exempt is None and form.unsubmittable:
                    continue  # NOTE: only a script sends it, with what it reads, and its token
                if exempt is None and page_token(relpath, model):
                    continue  # NOTE: the page's script posts the form with the page's token
                if exempt is None and not forms_only and project.csrf_header_script():
                    # NOTE: the project's scripts send the token with every post, in the
                    # header `CsrfViewMiddleware` and `CSRFProtect` read (a Flask-WTF
                    # form's own check reads only its field)
                    continue
                if exempt is not None:
                    view, defined = exempt.name, exempt.defined
                    flow = () if defined is None else (FlowStep(defined, f"`{view}` is exempt"),)
                    yield self.make_finding(
                        location,
                        severity=Severity.HIGH,
                        confidence=Confidence.HIGH,
                        message=_EXEMPT.format(view=view),
                        flow=flow,
                        checker=checker,
                        fix="remove the exemption from the view and add the token to the form",
                    )
                elif forms_only:
                    yield self.make_finding(
                        location, message=_FORM_CHECKS_ONLY, checker=checker, fix=fix
                    )
                else:
                    yield self.make_finding(location, checker=checker, fix=fix)


def _outside_flask(project: ProjectModel, relpath: str) -> bool:
    """Whether a template is none of the Flask apps': outside the folder of each (every
    app's is known), rendered by no view and extended or included by no template. A page
    another server renders (a proxy's error or challenge page beside the app's code)."""
    model = project.templates
    if project.flask is None or model is None or flask_owners(project, relpath):
        return False
    return (
        all(app.root_dir for app in project.flask.apps)
        and not model.rendered_by(relpath)
        and not model.referenced(relpath)
    )
