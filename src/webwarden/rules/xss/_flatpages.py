"""The page text `django.contrib.flatpages` hands the templates it renders, or its
`get_flatpages` tag binds in a template."""

from __future__ import annotations

import re

from webwarden.model.project import ProjectModel
from webwarden.model.templates.build import TemplateModel
from webwarden.parse.templates import NodeKind, ParsedTemplate
from webwarden.rules.django_settings import mentions

FLATPAGES_APP = "django.contrib.flatpages"
_MARKED_SAFE = frozenset({"flatpage.content", "flatpage.title"})
"""What Django's `render_flatpage` marks safe before rendering (`mark_safe(f.content)`):
the page's HTML, which the site's staff write in the admin as HTML by design."""


def flatpage_markup(
    project: ProjectModel, model: TemplateModel, relpath: str, paths: list[str]
) -> bool:
    """Whether every marked value is the flatpage's content or title, the project
    installs the flatpages app, and no view of the project renders the template with a
    `flatpage` of its own: the flatpage view's page, which Django marks safe itself."""
    if not paths or not set(paths) <= _MARKED_SAFE or project.django is None:
        return False
    if not any(
        mentions(s, "INSTALLED_APPS", FLATPAGES_APP) for s in project.django.settings.values()
    ):
        return False
    return not any(
        link.render.opaque
        or any(c.name.partition(".")[0] == "flatpage" for c in link.render.context)
        for link in model.rendered_by(relpath)
    )


_PAGE_TEXT = re.compile(r"(?P<name>[A-Za-z_]\w*)(?P<item>\.\d+)?\.(?:content|title)")
"""A page's `content` or `title`, of a page or of an item of a list of them
(`pages.0.content`)."""


def listed_flatpages(template: ParsedTemplate) -> list[tuple[str, int, int]]:
    """(name, start, end) of each name a Django template binds to flatpages: the list
    `{% get_flatpages ... as pages %}` (from `{% load flatpages %}`) binds from the tag
    on, and the loop variable of a `{% for page in pages %}` over it, inside the loop."""
    loaded = any(
        n.kind is NodeKind.TAG and n.tag == "load" and "flatpages" in n.args for n in template.nodes
    )
    if not loaded:
        return []
    end = len(template.text)
    bound: list[tuple[str, int, int]] = []
    loops: list[tuple[str, int] | None] = []
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        args = node.args
        if node.tag == "get_flatpages" and len(args) >= 2 and args[-2] == "as":
            bound.append((args[-1], node.end, end))
        elif node.tag == "for":
            over = len(args) >= 3 and args[1] == "in" and _lists_at(bound, args[2], node.start)
            loops.append((args[0], node.end) if over else None)
        elif node.tag == "endfor" and loops:
            loop = loops.pop()
            if loop is not None:
                bound.append((loop[0], loop[1], node.start))
    return bound


def _lists_at(bound: list[tuple[str, int, int]], name: str, position: int) -> bool:
    return any(n == name and start <= position < stop for n, start, stop in bound)


def flatpage_text(operand: str, bound: list[tuple[str, int, int]], position: int) -> bool:
    """Whether `operand` is the `content` or `title` of a flatpage `get_flatpages`
    listed (`pages.0.content`, `page.content` in a loop over the list): HTML the site's
    staff write in the admin by design, which the flatpage view marks safe itself."""
    matched = _PAGE_TEXT.fullmatch(operand.strip())
    return matched is not None and _lists_at(bound, matched["name"], position)
