"""WW555: a template value written as an unquoted HTML attribute value."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator

from webwarden.analysis.taint.values import PERCENT_ENCODED
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.escalation import built_urls_only, output_at
from webwarden.model.templates.facts import OutputFact
from webwarden.parse.templates import Expression, NodeKind, ParsedTemplate
from webwarden.parse.templates.html import Where
from webwarden.rules.base import ONLY_WHEN_FED, Framework, TemplateRule
from webwarden.rules.xss._script import field_identifier, is_key, loop_number
from webwarden.rules.xss._template import (
    SAFE_MARKERS,
    loads_filter,
    numeric_output,
    outputs,
    shown,
    slug_output,
    translated,
)
from webwarden.rules.xss._url_sets import URL_HELPERS, UrlSets
from webwarden.rules.xss._with_literals import spaceless_literals

_QUOTING = frozenset({"urlencode", "tojson", "xmlattr"})
_URL_TAGS = frozenset({"url", "static"})
_LANGUAGE_CODES = frozenset({"LANGUAGE_CODE"})
"""What Django's `i18n` context processor names the active language's code."""


class TemplateUnquotedAttribute(TemplateRule):
    """## What it does
    Finds template values written as an attribute value without quotes around it:
    `<a href={{ url }}>`, `<input value={{ name }}>`. Values with a numeric filter
    (`|int`), `|urlencode`, Django's `|slugify` (letters, digits, `-` and `_`), and
    `url_for(...)` / `static(...)` results are not reported, nor keys the database
    makes (`{{ forum.id }}`, `{{ obj.pk }}`, `{{ topic_id }}`: a number or a UUID,
    with no space), unless a view passes request data for the key
    (`forum_id=request.args["forum"]`; not the key of an object a call webwarden does
    not model returns from request data, `{{ label.id }}` of `labels =
    store.labels_for(digest)`: the object's own). Nor are the loop's own counters and
    flags, alone or joined to literals with no space (`{{ forloop.counter }}`, `{{
    "row-" ~ loop.index }}`: a number, `True` or `False`). Nor is a form field's
    generated id or name, written with no filter (`for={{ form.email.id_for_label }}`,
    `{{ field.html_name }}`, `auto_id`, or `{{ form.email.name }}` read from a name
    ending in `form`): the form's prefix and the field's name as its class declares it,
    whatever data the form was bound to (not `form.instance.name`, a row's text, nor
    `form.email.value`). Nor are the language code of Django's `i18n`
    context processor or `{% get_current_language as LANGUAGE_CODE %}` (`<html
    lang={{ LANGUAGE_CODE }}>`: one of the codes `LANGUAGES` lists, which the locale
    middleware picks among, unless a view passes request data for it), nor, written
    with no filter, the deployment's configuration: what a context processor of the
    project gives every template from the settings (`value={{ language }}` in a loop
    over `{"languages": [code for code, _ in settings.LANGUAGES]}`), or what every view
    rendering the template passes so (`settings.SITE_SLUG`), which no request chooses,
    nor a name the
    template binds to a translated literal (`{% translate "Remove coupon" as label %}`):
    text the developer and the translators wrote, nor a name the template binds to a
    URL Django builds (`{% url "password_reset" as reset_url %}`, `{% static "logo.png"
    as logo %}`), or that every Jinja `{% set %}` of the name that may reach the output
    (not one in a `for` loop the output is outside of: Jinja keeps it to the loop) binds
    to one call of `url_for(...)` or to a literal with no space (`{% set url =
    url_for("index", page=page) %}`): `reverse()`, `url_for()` and the static files
    storage percent-encode what they put in the URL, so it holds no space to end the
    value. Nor is a name, written with no filter, that Django's `{% with %}` or `{%
    blocktranslate with %}` around it binds to a string literal with no space (`{%
    blocktrans with url="https://example.org/voter" %}`), or to such literals, the
    loop's counter and names bound so outside, joined by `add` or written by a bare
    `stringformat` (`{% with target="#row"|add:forloop.counter %}`); not inside a `{%
    for %}` that rebinds the name. So is a method named like a URL
    that every class of the project defining it makes return such a URL
    (`<a href={{ project.get_absolute_url }}>`, each `get_absolute_url` returning
    `reverse(...)` or `url_for(...)`, or what another method so named of its class
    returns: `return self.get_url("change")`, or of an object a relation of its own
    leads to: `return self.board.get_absolute_url()`, a group's URL that of the board it
    is; or such a URL, also through a local bound only to such URLs, and then text with
    no space and the object's keys: `"{}?pk={}".format(reverse("list"), self.pk)`,
    `f"{url}#vacancy-{self.pk}"`); one building its URL by hand vetoes the
    name, and the names handing its result on. Nor is an attribute, written with no
    filter, that every class of the project defining it declares as a number model field
    (`<div data-year={{ sponsorship.year }}>`, `year = models.PositiveIntegerField()`,
    or a field class of the project deriving from one that converts no value;
    or a Wagtail number block, `width = blocks.IntegerBlock()` in a `StructBlock`; a
    factory_boy factory's `width = factory.Faker("pyint")` declares nothing a template
    reads), or as a slug or UUID field (`slug = models.SlugField()`, or the
    `AutoSlugField` of django-extensions or django-autoslug, which fills itself with
    `slugify()` unless given a function of its own), and the `x`, `y`
    or `z` of a GeoDjango `PointField` so declared (`data-lat={{ office.location.y }}`):
    a number, a word, or `None`, has no space. Nor is a name, written with no filter, that every
    view rendering the template passes as a URL the framework built (`<div
    data-api-url={{ api_url }}>`, `context["api_url"] = reverse("comments", kwargs=...)`,
    or a local set to `None` before a branch builds it: `url = None`, then `if shown: url
    = url_for(...)`). Nor are the `width`, `height` and `url` of a rendition Wagtail's `{%
    image page.photo width-400 as photo %}` binds (`<img width={{ photo.width }}>`): two
    integer fields and a percent-encoded storage URL (its `alt`, the image's title, is
    reported). Nor is a parameter, written with no filter, of a Jinja macro that every
    call of it in the project gives as `url_for(...)` (or leaves out, its default a
    literal): `<form method="post" action={{ url }}>` in `{% macro submit_form(url) %}`,
    called as `submit_form(url_for("apply.submit"))`, or as a name every `{% set %}` of
    the calling template binds to such a call before it (`{% set upload_url =
    url_for(".upload", folder=folder) %}`, then `upload_box(upload_url)`; not one set
    inside a `for` loop, which Jinja keeps to the loop). Nor is the output, with no filter,
    of exactly one call of a function of the project that every view rendering the
    template passes uncalled (`ctx["modify_query"] = modify_query`, written as `href={{
    ctx.modify_query(".search", page=2) }}`), every `return` of which gives `url_for(...)`
    or `reverse(...)`: whatever it is given, the URL is percent-encoded (not `{{
    ctx.modify_query(2) ~ label }}`, nor a method of its result); nor a name every `{% set
    %}` reaching the output binds to exactly one call of such a function (`{% set link =
    ctx.modify_query(".search", author=name) %}`), unless the template binds the
    function's name itself (a macro's parameter).
    A value a view passes from the request raises the finding to high, but not one taken
    from Django's `request.get_full_path()` or `build_absolute_uri()` (`f"{settings.DOCS_URL}{
    request.get_full_path().split('/')[3]}"`), which percent-encode spaces, quotes and
    angle brackets, so a piece of them cannot end the value (it is still reported, as
    the attribute is still unquoted); `request.path` is decoded, and raises it.

    ## Why is this bad?
    Autoescaping escapes `<`, `>`, `&` and quotes, but not spaces or `=`. In an
    unquoted attribute a space ends the value, so `x onmouseover=alert(document.cookie)`
    adds an event handler to the element: cross-site scripting with autoescaping on.

    ## Known problems
    URL methods are judged by name across the project's own classes: a method handing
    on that of a relation (`self.page.get_absolute_url()`) whose class is a library's
    (one building its URL by hand) is taken to return what the project's definitions of
    the name return.

    ## Example
    ```html
    <input name="q" value={{ query }}>
    ```

    ## Fix
    ```html
    <input name="q" value="{{ query }}">
    ```

    ## References
    - [CWE-83: Improper Neutralization of Script in Attributes in a Web Page](https://cwe.mitre.org/data/definitions/83.html)
    - [OWASP: XSS prevention, attribute contexts](https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html)
    - [Django: automatic HTML escaping](https://docs.djangoproject.com/en/stable/ref/templates/language/#automatic-html-escaping)
    """

    code = "WW555"
    name = "template-unquoted-attribute"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 83
    message = "`{{{{ {value} }}}}` is an unquoted `{attribute}` value: a space in it starts a new attribute"
    fix = 'quote the attribute: `{attribute}="{{{{ {value} }}}}"`'
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    escalates = True
    safe_kinds = frozenset({PERCENT_ENCODED})
    """Request data percent-encoded holds no space or quote to end the value with."""

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html:
            return
        bound = translated(template) | _built_urls(template)
        url_sets = UrlSets(template)
        literals = spaceless_literals(template)
        languages = _LANGUAGE_CODES | _current_language(template)
        renditions = _rendition_fields(template)
        for node, expression in outputs(template):
            placement = template.placement(node)
            if placement.where is not Where.UNQUOTED or node.start in template.escape_off:
                continue
            filters = set(expression.filters)
            if filters & (_QUOTING | SAFE_MARKERS):
                continue
            if numeric_output(expression) or slug_output(template, expression):
                continue
            if _counted(template, expression):
                continue
            if not filters and field_identifier(expression.text.strip()):
                continue  # NOTE: a form field's name or id: the form's class gives it
            if (
                not filters
                and not expression.calls
                and node.start >= renditions.get(expression.path, len(template.text))
            ):
                continue
            if any(c.rsplit(".", 1)[-1] in URL_HELPERS for c in expression.calls):
                continue
            if not expression.calls and (
                expression.path in bound
                or url_sets.bound(node, expression.path)
                or (not filters and expression.path in literals.get(node.start, ()))
            ):
                continue
            finding = self.at(
                template, node, value=shown(expression), attribute=placement.attribute
            )
            # NOTE: a database key (`forum.id`) is a number or a UUID, with no space to
            # end the value, unless a view feeds it request data: reported only then.
            keyed = not expression.filters and is_key(expression)
            keyed = keyed or (expression.path in languages and not expression.calls)
            tags = (ONLY_WHEN_FED,) if keyed else ()
            if not filters and _called_whole(expression):
                tags = (*tags, _CALLED)
            elif not filters and not expression.calls:
                callee = url_sets.called(node, expression.path)
                tags = (*tags, f"{_SET_TO_CALL}{callee}") if callee else tags
            yield dataclasses.replace(finding, tags=tags) if tags else finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """The output reads only methods every class of the project defining them returns
        a URL from that the framework built (`def get_absolute_url(self): return
        reverse(...)`): percent-encoded, it holds no space to end the value. Or it reads,
        with no filter, an attribute every class of the project defining it declares as a
        number model field, or a value every view rendering the template passes as a URL
        the framework built, or a parameter of a Jinja macro every call gives as
        `url_for(...)` (or a name its template sets only to one), or the deployment's configuration (a context processor's
        `[code for code, _ in settings.LANGUAGES]`, or what every render passes so)."""
        model, where = project.templates, finding.location
        if model is None:
            return False
        return (
            built_urls_only(model, where.path, where.line, where.column)
            or _number_field_only(model, where)
            or _built_url_passed(model, where)
            or _built_url_argument(model, where)
            or _configuration_only(model, where)
            or _url_builder_called(finding, model, where)
        )


_CALLED = "called-whole"
"""Tags a finding whose output is exactly one call of a variable, with no filter."""


def _called_whole(expression: Expression) -> bool:
    """`{{ ctx.modify_query('.search', page=2) }}`: the output is one call of the variable
    it starts with and nothing else (no method of its result, no `~`, no `or`)."""
    try:
        tree = ast.parse(f"({expression.text.strip()})", mode="eval")
    except SyntaxError:
        return False
    call = tree.body
    return isinstance(call, ast.Call) and _dotted(call.func) == expression.path


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        owner = _dotted(node.value)
        return f"{owner}.{node.attr}" if owner else ""
    return ""


_SET_TO_CALL = "set-to-call:"
"""Tags a finding on a name every `{% set %}` reaching it binds to one call of the same
variable, with that variable's path."""


def _url_builder_called(finding: Finding, model: TemplateModel, where: Location) -> bool:
    """`{{ ctx.modify_query(page=2) }}`, the output exactly that call (or a name every
    `{% set %}` reaching it binds to one, `{% set link = ctx.modify_query(page=2) %}`),
    where every view rendering the template passes `ctx.modify_query` as a function of
    the project whose every `return` gives `url_for(...)`: whatever the call is given,
    the URL is percent-encoded. Not a function whose root name the template binds
    itself (a macro's parameter, a loop's variable)."""
    callee = next(
        (t.removeprefix(_SET_TO_CALL) for t in finding.tags if t.startswith(_SET_TO_CALL)), ""
    )
    if callee:
        facts = model.files.get(where.path)
        bound = facts.bound if facts is not None else ()
        return callee.split(".", 1)[0] not in bound and model.url_builder(where.path, callee)
    if _CALLED not in finding.tags:
        return False
    output = output_at(model, where)
    return output is not None and model.url_builder(where.path, output.path)


def _counted(template: ParsedTemplate, expression: Expression) -> bool:
    """`{{ forloop.counter }}`, `{{ "row-" ~ loop.index }}`: the loop's own counters or
    flags (a number, `True` or `False`), alone or joined to string literals and numbers
    with no space, with no filter."""
    if expression.filters or set(expression.calls):
        return False
    parts = _JOINS.split(expression.text.strip())
    return any(loop_number(template.dialect, p) for p in parts) and all(
        loop_number(template.dialect, p) or _SPACELESS_CONSTANT.fullmatch(p) for p in parts
    )


_JOINS = re.compile(r"\s*[~+]\s*")
_SPACELESS_CONSTANT = re.compile(r"""'[^'\s\\]*'|"[^"\s\\]*"|\d+""")
"""A string literal with no space or backslash in it, or a whole number."""


def _built_url_passed(model: TemplateModel, where: Location) -> bool:
    """`{{ api_url }}` with no filter, where every view rendering the template passes
    `api_url` as a URL the framework built (`reverse("comments", kwargs={"pk": pk})`):
    `reverse()` percent-encodes what it fills in, so no space ends the value."""
    output = _bare_output(model, where)
    return output is not None and model.built_url(where.path, output.path)


def _built_url_argument(model: TemplateModel, where: Location) -> bool:
    """`{{ url }}` with no filter in a Jinja macro whose every call in the project gives
    `url` as `url_for(...)` (`{{ submit_button(url_for("apply.submit")) }}`)."""
    output = _bare_output(model, where)
    return output is not None and model.url_argument(where.path, where.line, output.path)


def _number_field_only(model: TemplateModel, where: Location) -> bool:
    """`{{ sponsorship.year }}` with no filter (a `default` could put text in its place),
    where every class of the project defining `year` declares it a number model field."""
    output = _bare_output(model, where)
    return output is not None and model.number_attribute(where.path, output.path)


def _configuration_only(model: TemplateModel, where: Location) -> bool:
    """`value={{ language }}` with no filter in a loop over what a context processor (or
    a Jinja global) gives every template from the settings, or every render passes so:
    the operator's values, which no request chooses."""
    output = _bare_output(model, where)
    return output is not None and (
        model.configuration_global(where.path, output.path)
        or model.configured(where.path, output.path)
    )


def _bare_output(model: TemplateModel, where: Location) -> OutputFact | None:
    """The output at `where` when it writes one variable as it is: no filter (a `default`
    could put text in its place), no call's result."""
    output = output_at(model, where)
    if output is None or output.filters or output.returned:
        return None
    return output if all(name == output.path for name in output.names) else None


def _built_urls(template: ParsedTemplate) -> frozenset[str]:
    """Names `{% url "name" arg as name %}` and `{% static "path" as name %}` bind to the
    URL they build, whose arguments Django percent-encodes (spaces included). A Wagtail
    rendition's `url` is `_rendition_fields`'."""
    return frozenset(
        node.args[-1]
        for node in template.nodes
        if node.kind is NodeKind.TAG
        and node.tag in _URL_TAGS
        and len(node.args) >= 3
        and node.args[-2] == "as"
    )


_WAGTAIL_IMAGES = "wagtailimages_tags"
_IMAGE_TAG = "image"
_RENDITION_FIELDS = ("width", "height", "url")
"""What a Wagtail rendition holds with no space: `width` and `height` are its
`IntegerField`s, `url` its file's storage URL (`filepath_to_uri` percent-encodes spaces).
Not `alt` (the image's title) nor `attrs` (markup)."""


def _rendition_fields(template: ParsedTemplate) -> dict[str, int]:
    """`image.width`, `image.height` and `image.url` of a name Wagtail's `{% image
    page.photo width-400 as image %}` binds to the rendition it makes (with `{% load
    wagtailimages_tags %}`), mapped to where the tag ends: they hold from there on. A name
    another tag binds too (`{% with %}`, `{% for %}`, another `as`) is left out."""
    if not loads_filter(template, _WAGTAIL_IMAGES, _IMAGE_TAG):
        return {}
    ends: dict[str, int] = {}
    others: set[str] = set()
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        args = node.args
        if node.tag == _IMAGE_TAG and len(args) >= 4 and args[-2] == "as":
            ends.setdefault(args[-1], node.end)
        else:
            others.update(_bound_names(node.tag, args))
    return {
        f"{name}.{field}": end
        for name, end in ends.items()
        if name not in others
        for field in _RENDITION_FIELDS
    }


def _bound_names(tag: str, args: tuple[str, ...]) -> set[str]:
    """Names a tag may bind: after `as`, before `=` (`{% with %}`), a `for` loop's."""
    names = {args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "as"}
    names.update(arg.split("=", 1)[0] for arg in args if "=" in arg)
    if tag == "for" and "in" in args:
        targets = " ".join(args[: args.index("in")]).replace(",", " ")
        names.update(targets.split())
    return names


def _current_language(template: ParsedTemplate) -> frozenset[str]:
    """Names `{% get_current_language as name %}` binds to the active language's code."""
    return frozenset(
        node.args[-1]
        for node in template.nodes
        if node.kind is NodeKind.TAG
        and node.tag == "get_current_language"
        and len(node.args) == 2
        and node.args[0] == "as"
    )
