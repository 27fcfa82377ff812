"""Whether a `jinja2.Template(source)` built in the code is an HTML page's template."""

from __future__ import annotations

import ast
import re

from webwarden.rules.context import FileContext
from webwarden.rules.xss._template_files import read_call

TEMPLATE_CLASSES = frozenset({"jinja2.Template", "jinja2.environment.Template"})
"""Jinja2's template class, which builds (or shares) an environment from the options it
is given: `autoescape` off unless one of them turns it on."""
MARKUP_SUFFIXES = (".html", ".htm", ".xhtml", ".xml", ".svg")
_MARKUP = re.compile(r"<(?:[a-zA-Z][\w-]*[\s/>]|!--|!doctype)", re.IGNORECASE)
"""An HTML element, comment or doctype written in a template's source."""


def html_template(node: ast.Call, ctx: FileContext) -> bool:
    """Whether the template is HTML: its source is a constant holding markup
    (`Template("<p>{{ name }}</p>")`), or a file's text read in a function (or module)
    that names a markup file, in its code or its parameters' defaults
    (`template="table.html"`, then `Template(open(os.path.join(FOLDER, template)).read())`).
    A constant source of other text (SQL, a mail's words), a source no markup file is
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
