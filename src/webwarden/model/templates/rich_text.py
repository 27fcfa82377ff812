"""Wagtail's rich text renderers a module imports: what they return is the HTML Wagtail
itself writes into pages marked safe."""

from __future__ import annotations

import ast
from collections.abc import Iterable

_RICH_TEXT_MODULES = frozenset(
    {
        "wagtail.rich_text", "wagtail.core.rich_text", "wagtail.wagtailcore.rich_text",
        "wagtail.templatetags.wagtailcore_tags", "wagtail.core.templatetags.wagtailcore_tags",
        "wagtail.wagtailcore.templatetags.wagtailcore_tags",
    }
)  # fmt: skip
"""Where Wagtail has kept its rich text rendering (5.x, 2.x-4.x, 1.x)."""
_RENDERERS = frozenset({"richtext", "expand_db_html", "RichText"})
"""The `richtext` template filter, the `expand_db_html` it calls and the `RichText` value
whose `__html__()` and `str()` are that filter's output."""


def rich_text_renderers(imports: Iterable[ast.AST]) -> frozenset[str]:
    """The names the module binds, by import, to Wagtail's rich text renderers
    (`from wagtail.templatetags.wagtailcore_tags import richtext`). They turn a rich text
    field's stored HTML into the page's: the editor stored only the elements and
    attributes its features allow (Draftail's converter, the older whitelister), and
    Wagtail marks the result safe itself, so marking it safe again, or a copy of it
    re-parsed and re-serialised (BeautifulSoup adding a `<span>`), lets nothing new
    through. `imports`: the module's `from ... import` statements (from its node index)."""
    found: set[str] = set()
    for node in imports:
        if isinstance(node, ast.ImportFrom) and node.module in _RICH_TEXT_MODULES:
            found.update(
                alias.asname or alias.name for alias in node.names if alias.name in _RENDERERS
            )
    return frozenset(found)
