"""WW542: request data marked as safe HTML (`Markup`, `mark_safe`, `SafeString`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule
from webwarden.rules.xss._script_templates import json_into_script_template

if TYPE_CHECKING:
    from webwarden.analysis.taint.engine import Flow
    from webwarden.model.project import ProjectModel


class RequestDataMarkedSafe(TaintRule):
    """## What it does
    Follows request data into `markupsafe.Markup(...)` (also `flask.Markup`, and a
    project's subclass of `Markup` keeping its `__html__`, as CKAN's `literal`), Django's
    `mark_safe(...)` and `SafeString(...)`: the calls that tell the template engine a
    string is already HTML and must not be escaped. Data escaped first (`escape()`,
    `conditional_escape()`, `bleach.clean()`) is not reported, nor Markdown rendered by
    Mistune with its escaping on (`mistune.markdown(text)`, a renderer made by
    `mistune.create_markdown()`, called where it is made or in a function nested
    there): it escapes the HTML written in the text; `mistune.html` and `escape=False`
    keep it, and stay reported. Nor is a table or page `difflib.HtmlDiff` makes of the
    lines it compares (`make_table(old, new)`, `make_file`): it escapes each line into a
    cell; the descriptions it writes in the header as given (`fromdesc`, `todesc`) are
    reported. Given an object of a
    project class with an `__html__` method, `Markup(obj)` and `mark_safe(obj)` take
    what that method returns (markupsafe calls it; `mark_safe` returns the object as
    it is), and so is it judged: a method that escapes what the object holds
    (`Markup("<b>{}</b>").format(self.text)`) is not reported, one that marks it safe
    as it is is, there and at the call. The rows of a library's object iterated over (a
    Django paginator's page) are not what the code set on it (`page.params =
    dict(request.GET.items())`); an object of the project's may iterate over its own
    attributes, and is judged with them. A Django form rendering itself
    (`field.as_widget()`, `field.label_tag()`, `form.as_p()`, `errors.as_ul()`, its
    errors written into a string: `f"Error:{form.errors}"`, `form.non_field_errors()`)
    escapes the data it was bound to and is not reported; its `field.value()`,
    `form.data` and an error message read out (`form.errors["title"][0]`) are. This rule supersedes
    WW546 (`interpolated-html-marked-safe`), WW547 (`unescaped-html-marked-safe`),
    WW567 (`line-breaks-marked-safe`) and WW571 (`json-in-html-marked-safe`) on the same
    call. Flask's JSON body (`request.json`, `request.get_json()`) is not
    reported: only an `application/json` request carries it, which another site's page
    cannot send without a CORS preflight (`get_json(force=True)` is); nor is the body
    (`request.POST`, `request.body`, `request.FILES`, the form a form view's
    `form_valid(form)` is handed, bound to them by Django's `FormMixin`) of a Django view that
    `CsrfViewMiddleware` checks in every settings module (none of the project's modules
    turning it off with `request._dont_enforce_csrf_checks = True`; not `csrf_exempt`,
    not REST framework's): another site's form cannot send the visitor's token; nor the body
    (`request.data` too) of a REST framework view whose every authentication class is the
    project's and refuses a request without a header credential. A method called
    with request data on an object whose class is lost (an item of a list that hooks
    register: `item.render_html(request, query)`) gives what any project method of
    that name the call fits returns: each rendering a template (autoescaped) or
    building its markup with `format_html()` escapes the data, one concatenating it into
    its markup does not, and is reported. Nor is request data encoded by `json.dumps()`
    (with literal text around it holding no `<`) and marked safe as a value of a dict
    given, itself or through the one local bound to it, only as the context of templates
    named as JavaScript files (`render_to_string("widget.js", context)`): no HTML parser
    reads the script such a view answers with, and the encoder escapes whatever could end
    the literal; the same JSON rendered into an HTML template is reported.

    ## Why is this bad?
    Jinja2 and Django templates escape every variable, which is what stops cross-site
    scripting. Marking request data safe switches that off for it: a `<script>` in the
    query string runs in the victim's browser with their session.

    ## Example
    ```python
    from django.shortcuts import render
    from django.utils.safestring import mark_safe

    def profile(request):
        bio = request.POST.get("bio", "")
        return render(request, "profile.html", {"bio": mark_safe(bio)})
    ```

    ## Fix
    ```python
    from django.shortcuts import render

    def profile(request):
        bio = request.POST.get("bio", "")
        return render(request, "profile.html", {"bio": bio})
    ```
    Let the template escape the value. To allow some formatting, sanitise with an HTML
    sanitiser (`bleach.clean`, `nh3.clean`) before marking the result safe.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: mark_safe](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe)
    - [MarkupSafe docs: Markup](https://markupsafe.palletsprojects.com/en/stable/escaping/#markupsafe.Markup)
    """

    code = "WW542"
    name = "request-data-marked-safe"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 79
    message = "{source} is marked as safe HTML by `{sink}`"
    fix = "let the template escape request data; sanitise with bleach/nh3 if HTML is needed"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B308", "B703", "B704")
    ruff = ("S308", "S704")
    supersedes = ("WW546", "WW547", "WW567", "WW571")

    def keeps(self, project: ProjectModel, flow: Flow) -> bool:
        """Not JSON marked safe to be written into a JavaScript template
        (`_script_templates`): no HTML parser reads it there."""
        return super().keeps(project, flow) and not json_into_script_template(
            project.root, flow.relpath, flow.line, flow.column
        )
