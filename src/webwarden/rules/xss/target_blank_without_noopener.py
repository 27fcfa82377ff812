"""WW557: a link that opens another site in a new tab without `rel="noopener"`."""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.parse.templates import Expression, Node, NodeKind, ParsedTemplate
from webwarden.parse.templates.django import parse_variable
from webwarden.parse.templates.html import DYNAMIC, StartTag
from webwarden.rules.base import TemplateRule
from webwarden.rules.xss._template import built_by_app, call_end, mail_document
from webwarden.rules.xss._with_literals import bound_values

_ELEMENTS = frozenset({"a", "area", "form"})
_READS = "url-read:"
"""Tag of a finding whose link is an attribute the template reads (`{{ value.file_url }}`)."""
_FILTERED = "url-filter:"
"""Tag of a finding whose link is what a filter gives last (`{{ obj|admin_change_url }}`)."""


_APP_SCHEMES = ("mailto:", "tel:", "sms:", "callto:")
"""Schemes the browser hands to another application, opening no page."""


def _url_attribute(tag: StartTag) -> str:
    return "action" if tag.name == "form" else "href"


def _external(tag: StartTag) -> bool:
    """The link may lead to another site: an absolute URL or one a template value starts."""
    url = tag.get(_url_attribute(tag))
    if url is None:
        return False
    url = url.strip()
    return url.startswith(("http://", "https://", "//", DYNAMIC))


def _toward(tag: StartTag) -> str:
    """Where the link leads, as far as the template says: a site written in it, or a URL a
    value fills in, which may be another site's."""
    url = (tag.get(_url_attribute(tag)) or "").strip()
    return "to a URL a template value gives" if url.startswith(DYNAMIC) else "to another site"


class _AppUrls:
    """Which template values starting a link are URLs the app builds for itself."""

    def __init__(self, template: ParsedTemplate) -> None:
        self.template = template
        self.bound = bound_values(template)
        """Names `{% with %}` and `{% blocktranslate with %}` bind around each output."""
        self.outputs = [n for n in template.nodes if n.kind is NodeKind.VAR]
        self.starts = [n.start for n in self.outputs]
        self.reversed_names = {
            node.args[-1]
            for node in template.tags("url")
            if len(node.args) >= 3 and node.args[-2] == "as"
        }
        """Names `{% url "route" as name %}` sets: the route's path on this site."""

    def start(self, tag: StartTag) -> Node | None:
        """The output that starts `tag`'s URL, if one does."""
        attribute = _url_attribute(tag)
        index = bisect_left(self.starts, tag.start)
        while index < len(self.outputs) and self.starts[index] < tag.end:
            node = self.outputs[index]
            placement = self.template.placement(node)
            if placement.attribute == attribute and placement.value_start:
                return node
            index += 1
        return None

    def starts_link(self, tag: StartTag) -> bool:
        """Whether the value that starts `tag`'s URL is one: `{{ item.get_absolute_url }}`,
        `{{ url_for(...) }}`, or a name `{% url ... as name %}` set, or one a `{% with
        %}` or `{% blocktranslate with %}` around it binds to such a value (`{%
        blocktrans with site_url=obj.get_absolute_url %}`)."""
        node = self.start(tag)
        if node is None:
            return False
        expression = self._value(node)
        return expression is not None and self._built(expression, node.expression)

    def starts_other_scheme(self, tag: StartTag) -> bool:
        """Whether the value that starts `tag`'s URL begins with a quoted scheme that opens
        no page (`{{ "mailto:" + contact.email }}`, `'tel:' ~ phone`): the browser hands
        the link to the mail or phone app, no tab gets `window.opener`."""
        node = self.start(tag)
        expression = node.expression if node is not None else None
        if expression is None:
            return False
        text = expression.text.strip()
        return text[:1] in ("'", '"') and text[1:].lower().startswith(_APP_SCHEMES)

    def read(self, tag: StartTag) -> str:
        """The variable or attribute path that starts `tag`'s URL, as written alone
        (`value.file_url`, `licenses_url`), or ""; through a `with` binding, the path
        it is bound to."""
        node = self.start(tag)
        expression = self._value(node) if node is not None else None
        if expression is None or expression.filters or expression.calls:
            return ""
        path = expression.path
        return path if expression.text.strip() == path else ""

    def filtered(self, tag: StartTag) -> str:
        """The filter applied last to the value that starts `tag`'s URL (`{{
        obj|admin_change_url }}`, also through a `with` binding), or ""."""
        node = self.start(tag)
        expression = self._value(node) if node is not None else None
        return expression.filters[-1] if expression is not None and expression.filters else ""

    def _value(self, node: Node) -> Expression | None:
        """The expression `node` writes: a name written alone that a `{% with %}` around
        it binds stands for the expression bound (`None` when a loop rebinds it)."""
        expression = node.expression
        if expression is None or expression.text.strip() != expression.path:
            return expression
        bound = self.bound.get(node.start, {})
        if expression.path not in bound:
            return expression
        value = bound[expression.path]
        return None if value is None else parse_variable(value)

    def _built(self, expression: Expression, written: Expression | None) -> bool:
        """The whole value is one such URL: not `{{ settings.HELP_SITE or url('help') }}`,
        whose first choice may be another site, nor one with a `default` filter. A name
        `{% url ... as name %}` set counts as written, not through a `with` binding."""
        if expression.filters:
            return False
        if expression.path.rsplit(".", 1)[-1] == "MEDIA_URL":
            return False  # NOTE: uploaded files, often served from another host
        text = expression.text.strip()
        whole = text == expression.path or any(_is_call_of(text, c) for c in expression.calls)
        reversed_name = expression is written and expression.path in self.reversed_names
        return whole and (built_by_app(expression) or reversed_name)


def _is_call_of(text: str, name: str) -> bool:
    """Whether `text` is one call of `name`: `url_for('a', b=c(d))`, not `url_for('a') + x`."""
    return text.startswith(name + "(") and call_end(text, len(name)) == len(text) - 1


class TargetBlankWithoutNoopener(TemplateRule):
    """## What it does
    Finds links (`<a>`, `<area>`, `<form>`) with `target="_blank"` to another site (an
    absolute URL, or a URL a template value starts) whose `rel` has neither `noopener`
    nor `noreferrer`. Links within the site are not reported (a relative URL, or one the
    app builds: `{{ item.get_absolute_url }}`, `{{ url_for(...) }}`, `{% url "route" %}`
    quoted or not, the page's own URL, `{{ request.build_absolute_uri }}` (a Django
    template calls it with no location) or Flask's `{{ request.url }}`, a name that
    `{% url "route" as name %}` sets, a method every class
    of the project defining it makes return `reverse(...)` or nothing, also through a
    local bound only to it (`url = reverse(...)`, then `return url`): `{{ value.file_url
    }}`, or a variable every view rendering the template sets to `reverse(...)`:
    `{{ licenses_url }}?q=...` after `context["licenses_url"] = reverse(...)`, or a
    filter of the project every definition of which returns `reverse(...)` or text
    beginning with a path of this site written in the code (`"/search/?q=" +
    quote(term)`, `f"/items/{item.pk}/"`; not `"/" + name`, which a name starting with
    `/` turns into another host): `{{ obj|admin_change_url }}`; also a name a `{% with %}` or `{% blocktranslate with %}`
    around the link binds to one of these: `{% blocktrans with
    site_url=obj.get_absolute_url %}`), nor are those of templates
    in an `email/` or `emails/` folder, or one whose name ends in the word (a mail
    plugin's `notify_email/`, `email_templates/`), nor of an HTML mail kept elsewhere,
    told by its markup for Outlook (a conditional comment naming `mso`, `<!--[if mso |
    IE]>`, or the Office namespace `urn:schemas-microsoft-com:office:office`, as MJML
    writes them; not `<!--[if lt IE 9]>`): a mail's body, whose links open from the
    reader's mail client, never from a tab of the site. Nor is a link a template value
    starts with a quoted scheme that opens no page (`{{ "mailto:" + contact.email }}`,
    `tel:`, `sms:`): the browser hands it to the mail or phone app.

    ## Why is this bad?
    A page opened with `target="_blank"` gets `window.opener`, a handle on the tab that
    opened it, and can navigate that tab to a look-alike login page (reverse
    tabnabbing). Current browsers imply `noopener` for `target="_blank"`, so the risk is
    for older browsers and embedded web views; the severity is low.

    ## Example
    ```html
    <a href="{{ partner.url }}" target="_blank">Partner site</a>
    ```

    ## Fix
    ```html
    <a href="{{ partner.url }}" target="_blank" rel="noopener noreferrer">Partner site</a>
    ```

    ## References
    - [CWE-1022: Use of Web Link to Untrusted Target with window.opener Access](https://cwe.mitre.org/data/definitions/1022.html)
    - [MDN: rel=noopener](https://developer.mozilla.org/en-US/docs/Web/HTML/Attributes/rel/noopener)
    """

    code = "WW557"
    name = "target-blank-without-noopener"
    practice = Practice.XSS
    severity = Severity.LOW
    confidence = Confidence.MEDIUM
    cwe = 1022
    message = '`<{element} target="_blank">` {toward} has no `rel="noopener"`'
    fix = 'add `rel="noopener noreferrer"` to the link'

    def check_template(self, template: ParsedTemplate) -> Iterator[Finding]:
        if not template.is_html or mail_document(template):
            return
        app_urls: _AppUrls | None = None
        for tag in template.html.tags:
            if tag.name not in _ELEMENTS:
                continue
            target = (tag.get("target") or "").strip().lower()
            rel = (tag.get("rel") or "").lower().split()
            if target != "_blank" or "noopener" in rel or "noreferrer" in rel:
                continue
            if DYNAMIC in (tag.get("rel") or "") or not _external(tag):
                continue
            app_urls = app_urls or _AppUrls(template)
            if app_urls.starts_link(tag) or app_urls.starts_other_scheme(tag):
                continue
            snippet = template.lines[tag.line - 1] if tag.line <= len(template.lines) else ""
            finding = self.make_finding(
                Location(template.relpath, tag.line, tag.column),
                snippet=snippet,
                element=tag.name,
                toward=_toward(tag),
            )
            read, filtered = app_urls.read(tag), app_urls.filtered(tag)
            tags = (_READS + read,) if read else (_FILTERED + filtered,) if filtered else ()
            yield dataclasses.replace(finding, tags=(*finding.tags, *tags)) if tags else finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A link whose URL starts with a method every class of the project defining it
        makes return a URL the framework built (`def file_url(self): return
        reverse(...)`), or with a variable every view rendering the template sets to one
        (`context["licenses_url"] = reverse(...)`): a path of this site."""
        model = project.templates
        if model is None:
            return False
        reads = [t.removeprefix(_READS) for t in finding.tags if t.startswith(_READS)]
        filters = [t.removeprefix(_FILTERED) for t in finding.tags if t.startswith(_FILTERED)]
        where = finding.location.path
        return any(
            model.url_attribute(where, read) if "." in read else model.built_url(where, read)
            for read in reads
        ) or any(model.url_filter(name) for name in filters)
