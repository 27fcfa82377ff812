"""The template a Wagtail page renders: its `template`, or Wagtail's default,
`<app_label>/<class_name_in_snake_case>.html`, with the context its `get_context` adds."""

from __future__ import annotations

import ast
import re
from pathlib import PurePosixPath

from webwarden.model.module import FileContext

_PAGES = frozenset(
    {"wagtail.models.Page", "wagtail.core.models.Page", "wagtail.wagtailcore.models.Page"}
)
"""Wagtail's `Page`, as versions 3+, 2 and 1 name it."""
_MAX_ANCESTORS = 6
_CAMEL = re.compile(r"(((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$)))")
"""Wagtail's `camelcase_to_underscore`: `BenefitsPage` -> `benefits_page`."""


def wagtail_page(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether the class derives from Wagtail's `Page`, itself or through classes of its
    module (`class FaqsPage(ProgramChildPage)`, `class ProgramChildPage(Page)`)."""
    classes = {c.name: c for c in ctx.tree.body if isinstance(c, ast.ClassDef)}
    queue = [node]
    seen: set[str] = set()
    while queue and len(seen) < _MAX_ANCESTORS:
        current = queue.pop(0)
        if current.name in seen:
            continue
        seen.add(current.name)
        for base in current.bases:
            if (ctx.qualified(base) or "") in _PAGES:
                return True
            if isinstance(base, ast.Name) and base.id in classes:
                queue.append(classes[base.id])
    return False


def page_templates(ctx: FileContext, node: ast.ClassDef) -> tuple[str, ...]:
    """The template a Wagtail page's `serve` renders with `get_context`: the class's own
    `template = "..."`, or the name Wagtail's `PageBase` gives every class that sets
    none (not inherited: `cms/faqs_page.html` for `FaqsPage` in `cms/models.py`). () when
    the class chooses it itself (`get_template`), names it otherwise, or its app label
    cannot be told."""
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef) and statement.name == "get_template":
            return ()
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "template" for t in statement.targets
        ):
            named = ctx.evaluate(statement.value)
            return (named,) if isinstance(named, str) and named else ()
    label = _app_label(ctx)
    if not label:
        return ()
    snake = _CAMEL.sub(r"_\1", node.name).lower().strip("_")
    return (f"{label}/{snake}.html",)


def _app_label(ctx: FileContext) -> str:
    """The package holding the models module the page is defined in (`cms` of
    `cms/models.py` or `cms/models/pages.py`)."""
    path = PurePosixPath(ctx.relpath)
    if path.name == "models.py":
        return path.parent.name
    if path.parent.name == "models":
        return path.parent.parent.name
    return ""
