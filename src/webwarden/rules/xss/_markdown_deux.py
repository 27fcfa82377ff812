"""django-markdown-deux's `markdown` filter: Markdown rendered with raw HTML escaped (WW550).

`{% load markdown_deux_tags %}` registers a `markdown` filter (and a `{% markdown %}`
block tag) that renders its value with python-markdown2 under a style of the
`MARKDOWN_DEUX_STYLES` setting (the filter's argument, else `"default"`; a style not
listed falls back to `"default"`). When the setting is not set, the library's own
default style applies, `{"extras": {"code-friendly": None}, "safe_mode": "escape"}`:
markdown2 then escapes the raw HTML of the text (`<script>` becomes `&lt;script&gt;`) and,
since version 2.3.2, writes a link whose scheme is not http(s) or ftp (`javascript:`) as
`href="#"` (versions before 2.3.9 had a safe-mode bypass, CVE-2020-11888, which the
dependency rules report). The filter
marks its result safe itself, so a `|safe` after it changes nothing. A style of the
project's own without `safe_mode` keeps raw HTML, and so does the project's own filter
of the same name. Like any sanitiser's output, the text keeps `"` as written, so only
output landing in the page's text is clean (not an attribute value, not a script).
"""

from __future__ import annotations

from collections.abc import Iterable

from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.facts import OutputFact
from webwarden.parse.templates import ParsedTemplate
from webwarden.rules.xss._template import loads_filter

TAG = "markdown-deux"
FILTER = "markdown"
_LIBRARY = "markdown_deux_tags"
_SETTING = "MARKDOWN_DEUX_STYLES"
_ESCAPING_MODES = ("escape", "replace", True)
"""markdown2's `safe_mode` values that keep no raw HTML (`True` is `"replace"`)."""


def loads_markdown_deux(template: ParsedTemplate) -> bool:
    """Whether the template's `{% load %}` tags register markdown-deux's `markdown`
    filter: `{% load markdown_deux_tags %}` or `{% load markdown from markdown_deux_tags %}`."""
    return loads_filter(template, _LIBRARY, FILTER)


def styles_escape(project: ProjectModel) -> bool:
    """Whether every style a `markdown` filter may use escapes raw HTML: no settings
    module sets `MARKDOWN_DEUX_STYLES` (the library's default style), or each one sets it
    to a dict of styles that each give an escaping `safe_mode`."""
    django = project.django
    if django is None:
        return True
    for settings in django.settings.values():
        if not settings.is_set(_SETTING):
            continue
        for possibility in settings.get(_SETTING):
            if not _escaping_styles(possibility.value):
                return False
    return True


def _escaping_styles(value: object) -> bool:
    if not isinstance(value, dict) or not value:
        return False
    return all(
        isinstance(style, dict) and style.get("safe_mode", None) in _ESCAPING_MODES
        for style in value.values()
    )


def lands_in_text(model: TemplateModel, relpath: str, output: OutputFact) -> bool:
    """Whether the output lands in the page's text: written as text here, and, inside a
    `{% block %}` of a template that extends others, no base of the chain places a block
    of that name elsewhere (`<meta content="{% block description %}{% endblock %}">`). A
    base webwarden cannot find is taken to place it where this template does."""
    if output.where != "text":
        return False
    if not output.block:
        return True
    seen = {relpath}
    pending = [relpath]
    while pending:
        current = pending.pop()
        facts = model.files.get(current)
        if facts is None:
            continue
        for base in _bases(model, current, facts.extends):
            if base in seen:
                continue
            seen.add(base)
            placed = model.files.get(base)
            if placed is None:
                continue
            if any(name == output.block and where != "text" for name, where in placed.blocks):
                return False
            pending.append(base)
    return True


def _bases(model: TemplateModel, relpath: str, names: Iterable[str]) -> list[str]:
    return [found for name in names if (found := model.resolve(name, relpath)) is not None]
