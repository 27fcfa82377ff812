"""Whether a Flask `render_template` call may render an HTML page.

Flask renders any template as text: a mail's body (`mail/recovery.txt`), an export
(`feeds.opml.xml`, `report.csv`). Only a page a browser shows as HTML can hold the
buttons and forms clickjacking and a CSP are about; a call naming its templates by
constant names, each with an extension that is no page's, renders none.
"""

from __future__ import annotations

import ast
import posixpath

from webwarden.model.module import FileContext

RENDERERS = frozenset({"flask.render_template", "flask.render_template_string"})
_NOT_PAGES = frozenset(
    {".txt", ".text", ".xml", ".json", ".csv", ".tsv", ".md", ".ics", ".vcf", ".eml"}
    | {".opml", ".rss", ".atom", ".yaml", ".yml", ".ini", ".conf", ".cfg", ".sql", ".sh"}
    | {".js", ".css", ".tex", ".rst"}
)
"""Template extensions of text that is no HTML page (`.xml` feeds and exports too: an
XHTML page is written `.xhtml` or `.html`)."""


def renders_page(ctx: FileContext, call: ast.Call) -> bool:
    """Whether a call of `render_template` (or `render_template_string`) may render an
    HTML page: not one naming its templates by constants (a name, or a list of names
    Flask tries in turn), each ending in an extension of text that is no page."""
    if ctx.call_name(call) != "flask.render_template":
        return True
    names = ctx.evaluate(ctx.argument(call, 0, "template_name_or_list"))
    listed = names if isinstance(names, list | tuple) else [names]
    return not listed or not all(
        isinstance(name, str) and posixpath.splitext(name)[1].lower() in _NOT_PAGES
        for name in listed
    )


def module_renders_pages(ctx: FileContext) -> bool:
    """Whether some call of the module may render an HTML page (`renders_page`); only a
    module importing Flask's renderers is read."""
    if not any(q in RENDERERS for q in ctx.names.aliases.values()):
        return False
    return any(
        ctx.call_name(node) in RENDERERS and renders_page(ctx, node)
        for node in ctx.nodes(ast.Call)
        if isinstance(node, ast.Call)
    )
