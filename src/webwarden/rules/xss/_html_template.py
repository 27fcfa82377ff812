"""Whether a `jinja2.Template(source)` built in the code is an HTML page's template."""

from __future__ import annotations

import ast
import re

from webwarden.rules.context import FileContext
from webwarden.rules.xss._template_files import read_call, source_file

TEMPLATE_CLASSES = frozenset({"jinja2.Template", "jinja2.environment.Template"})
"""Jinja2's template class, which builds (or shares) an environment from the options it
is given: `autoescape` off unless one of them turns it on."""
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg")
TEMPLATE_SUFFIXES = (".jinja", ".jinja2", ".j2", ".tpl", ".tmpl", ".template", ".in")
_MARKUP = re.compile(r"<(?:[a-zA-Z][\w-]*[\s/>]|!--|!doctype)", re.IGNORECASE)
"""An HTML element, comment or doctype written in a template's source."""


def html_template(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the template is HTML: its source is a constant holding markup
    (`Template("<p>{{ name }}</p>")`), or a file's text read in a function (or module)
    that names a markup file, in its code or its parameters' defaults
    (`template="table.html"`, then `Template(open(os.path.join(FOLDER, template)).read())`).
    When the code names the file read itself (`open("emails/mod-updated")`,
    `open("pages/report.html.j2")`), its name alone decides: a markup file named beside it
    is another template (a mail's HTML part given to Flask's `render_template`). A
    constant source of other text (SQL, a mail's words), a source no markup file is
    named for, and one that is no file's text (a model field holding a link's pattern,
    `Template(service.support_url)`, in a view that renders its own page's `.html`
    besides) are not."""
    source = node.args[0] if node.args else ctx.keyword(node, "source")
    if source is None:
        return False
    value = ctx.evaluate(source)
    if isinstance(value, str):
        return _MARKUP.search(value) is not None
    if not _file_text(ctx, source):
        return False
    named = source_file(ctx, source)
    if named is not None and "*" not in named:
        return markup_name(named)
    scope = ctx.scopes.enclosing_function(node) or ctx.tree
    return any(
        isinstance(inner, ast.Constant)
        and isinstance(inner.value, str)
        and inner.value.lower().endswith(MARKUP_SUFFIXES)
        for inner in ast.walk(scope)
    )


_READS = frozenset({"read", "read_text", "read_bytes"})


def _file_text(ctx: FileContext, source: ast.expr) -> bool:
    """Whether `source` is a file's text: `.read()` or `.read_text()` (decoded or not),
    or a local holding it."""
    return read_call(ctx, source, _READS, decoded=True) is not None


def markup_name(name: str) -> bool:
    """Whether a file name is a markup file's, also under a template suffix
    (`report.html.j2`)."""
    stem = name.lower()
    while stem.endswith(TEMPLATE_SUFFIXES):
        stem = stem.rsplit(".", 1)[0]
    return stem.endswith(MARKUP_SUFFIXES)
