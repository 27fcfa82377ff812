"""WW556: a template value that decides a link's or a frame's whole URL (its scheme)."""

from __future__ import annotations

from collections.abc import Iterator

from webwarden.analysis.taint.values import WEB_SCHEME
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.escalation import built_urls_only
from webwarden.parse.templates import Expression, Node, NodeKind, ParsedTemplate
from webwarden.parse.templates.html import Where
from webwarden.parse.templates.jinja import expression_tokens
from webwarden.parse.templates.jinja_expr import analyse
from webwarden.rules.base import Framework, TemplateRule
from webwarden.rules.xss._scheme_checks import scheme_checked
from webwarden.rules.xss._template import (
    NUMERIC,
    RUNS_URL,
    SAFE_MARKERS,
    built_by_app,
    outputs,
    shown,
)


class TemplateVariableUrlAttribute(TemplateRule):
    """## What it does
    Finds request data that starts the URL of a link, a form action, a frame or a script:
    `<a href="{{ next }}">` where the view that renders the template passes
    `next=request.args.get("next")`, or `<a href="{{ request.GET.next }}">` in the
    template itself, or a URL parameter a Django `TemplateView` puts in its context
    (`path("go/<next>/", TemplateView.as_view(template_name="go.html"))`, or a subclass
    whose `get_context_data` hands its `**kwargs` on; any class-based view's as
    `view.kwargs.next`; `<int:...>`, `<slug:...>`, `<uuid:...>` and narrow groups carry
    no scheme). The value then decides the scheme. URLs the application builds
    (`url_for(...)` and the app's own `url_for_login(...)`, `{% url %}`,
    `get_absolute_url` and any method named for a URL that every class of the project
    defining it makes return `reverse(...)` (or what another such method of its class
    returns: `return self.get_url("change")`; or text beginning with the developer's that
    fixes the scheme, a relative or local path or a fixed host: `return "+table/" +
    self.slug + "?tag=" + self.tag`), `request.path`, `request.get_full_path`, the `Referer` a browser
    sent (the page the user came from) or htmx's `HX-Current-URL` (the page it is on),
    also read in the view (`urlparse(request.headers["HX-Current-URL"])` rebuilt with a
    query of its own), and any value a redirect to it would not let the request choose
    where the browser goes (the request's own URL), a view's `reverse(...)`, a file storage's
    `.url(name)` or a string with a fixed host, Django's `request.build_absolute_uri()`
    of no location or of one not from the request, before which it puts the request's
    own scheme and host, also `{{ request.build_absolute_uri }}` in a Django template,
    called with none; also with characters that are no letters stripped from its ends,
    `request.host_url.strip("/")`, which keeps its scheme: not the path's leading `/`
    stripped, `request.path.lstrip("/")`, which lets `/javascript:...` begin the URL),
    alone or beginning a concatenation
    (`request.base_url ~ '?raw=1'`, or filling the placeholder a Jinja format string
    begins with: `'%s/edit' % (request.base_url, c.id)`, `'{}/edit'.format(request.url)`;
    also a name every `{% set %}` of the template binds to such a URL and no other tag
    binds, `{% set next_page = request.url|with_page(2) %}`; in a view, `reverse(...) + "?items=" + chosen`, also
    through a local and in a class view's `get_context_data`, or constant text opening
    a local path or the query, `f"/notes/{topic}/"`, `"?page=" + page`: what follows
    cannot choose the scheme), and values passed through `|urlencode` (or a
    view's `request.GET.urlencode()`, with no `safe=` characters kept: percent-encoded,
    it names no scheme) are not reported, nor is a Django `forms.URLField`'s cleaned
    value (`{{ form.cleaned_data.website }}` of a bound form the view passes): its
    `URLValidator` admits only `http`, `https`, `ftp` and `ftps` URLs (another field of
    the form, or its raw `form.data`, still counts), and neither is a value
    webwarden cannot trace to the request. What a call returns decides the URL, not what
    it is given (`{{ profile_url(author) }}`, whose `author` the request names), unless a
    `default` filter may put request data in its place; nor do a filter's keyword names
    (`urlparams(product=p)`), nor what a filter is given, but for the built-ins that may
    begin their result with it (`default`, `format`, `replace`, `join`, Django's `add`,
    `yesno`...): `{{ '#'|urlparams(page=2, q=query) }}` begins with its `#`. A list of dicts the code builds with its own keys
    (`crumbs.append({"url": reverse("project", args=[name]), "title": name})`, in the
    view or a helper it calls, or a list comprehension of such dicts: `[{"url":
    without(request, value), "label": value} for value in chosen]`), or a dict whose
    values are such dicts stored under keys the code makes (`plots[f"{host}_{ctx}"] =
    {"url": url_for("result", id=newest.id), "case": case}`, read in a loop over its
    `.items()` or `.values()`), is read key by key: request data in a crumb's `title`
    does not decide its `url`. So is an object of a project class that defines no
    method or property but `__init__` (and static methods), alone or in a list the code
    makes of them (`[LinkItem(context, link) for link in page]`, whose `__init__` sets
    `self.url = link.url` beside `self.back = context.back_url`): request data in one
    attribute does not decide another; a method (`__str__` too) or a property may read
    one under another name, so an object of a class with one counts whole. Nor is a
    value written only inside an `{% if %}` (or
    `{% elif %}`) branch whose test requires it to start with `http://` or `https://`
    (`{% if url and url.startswith(("http://", "https://")) %}`, a Jinja test): its
    scheme is checked. Nor is a URL parameter a view passes only in the body of an `if`
    whose test requires it to equal a value the request did not choose (`if
    page["slug"] == target:` for a page of the app's configuration, `target == "/docs"`,
    `target in SECTIONS`): it then holds that value; nor one a view passes only in the
    body of an `if` whose test requires Django's `url_has_allowed_host_and_scheme` (or
    `is_safe_url`) to pass it (`if came_from and url_has_allowed_host_and_scheme(
    came_from, allowed_hosts=...)`, also through a local the test reads, `is_safe =
    url_has_allowed_host_and_scheme(url=came_from, ...)`): it is then a path of the site
    or an allowed host's `http(s)` URL. A function taking `request` first that no route
    serves but the project calls, also through a local the caller binds to it and wraps
    (`controller = handler or page_controller`, `controller =
    login_required()(controller)`, then `controller(request, scripts=scripts)`), is a
    helper: its parameters are what the call hands it, not URL parameters. Nor is the
    posted body of a view that refuses a POST without the CSRF token before it runs
    (a Flask view that Flask-WTF's `CSRFProtect` or a `before_request` hook checks, a
    Django view that `CsrfViewMiddleware` checks and that is not `@csrf_exempt`): another
    site cannot post it, so only its author is shown the link (see WW550).

    ## Why is this bad?
    Autoescaping keeps the value inside the attribute, but
    `javascript:alert(document.cookie)` needs no quotes: a link whose whole URL comes
    from the request runs the attacker's script when the victim clicks it, and a `next`
    or `return_to` parameter written into a link is also an open redirect.

    ## Known problems
    URLs stored by users (a profile's website) are not traced to a request and not
    reported; validate them to `http(s)` when they are saved. A dict of such dicts read
    by a key the template computes (`plots[key].url`) is not traced either.

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
    safe_kinds = frozenset({"url", "redirect", WEB_SCHEME})
    """What makes a value safe here: a checked URL, or one a redirect could send the
    browser to without the request choosing where (both navigate the victim's browser),
    or one whose scheme was checked to be the web's (a Django `URLField`'s)."""
    fed_at_start = True

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
            if placement.element not in RUNS_URL.get(placement.attribute, ()):
                continue
            filters = set(expression.filters)
            if filters & ({"urlencode"} | SAFE_MARKERS) or (
                filters and expression.filters[-1] in NUMERIC
            ):
                continue
            if built_by_app(expression) or node.start in template.escape_off:
                continue
            if _set_to_app_url(template, node, expression):
                continue  # NOTE: `{% set next = request.url|with_page(2) %}`, then `{{ next }}`
            if scheme_checked(template, node, expression.path):
                continue  # NOTE: `{% if url.startswith("https://") %}`: no `javascript:`
            yield self.at(
                template,
                node,
                value=shown(expression),
                attribute=placement.attribute,
                element=placement.element,
            )

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """The output reads only methods every class of the project defining them returns
        a URL from that the framework built (`return reverse(...)`, also through another
        such method of the class: `return self.get_url("change")`), or text beginning with
        the developer's that fixes the scheme (`return "+table/" + self.slug`): a path,
        or a URL of a scheme the code chose, never `javascript:`."""
        model, where = project.templates, finding.location
        return model is not None and built_urls_only(
            model, where.path, where.line, where.column, scheme_only=True
        )


_BINDING_TAGS = frozenset({"set", "for", "with", "macro", "call", "import", "from"})


def _set_to_app_url(template: ParsedTemplate, node: Node, expression: Expression) -> bool:
    """`{{ next_page }}`, a name written alone, where every `{% set %}` of the template
    binding it sets it to a URL the app builds (`built_by_app`: `{% set next_page =
    request.url|with_page(page + 1) %}`, `url_for(...)`), one of them before the output,
    and no other tag binds it (a loop, a macro's parameter, a block `set`)."""
    name = expression.path
    if expression.filters or not name.isidentifier() or expression.names != (name,):
        return False
    bound_before = False
    for tag in template.nodes:
        if tag.kind is not NodeKind.TAG:
            continue
        if tag.tag == "set" and tag.args[:2] == (name, "=") and tag.expression is not None:
            value = tag.expression.text.partition("=")[2]
            tokens = expression_tokens(value)
            if tokens is None or not built_by_app(analyse(tokens, value)):
                return False
            bound_before = bound_before or tag.start < node.start
        elif tag.tag in _BINDING_TAGS and any(arg.strip(",") == name for arg in tag.args):
            return False
    return bound_before
