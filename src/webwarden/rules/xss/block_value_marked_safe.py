"""WW548: a Wagtail block marks the value an editor stored safe without escaping it."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.templates.number_fields import WAGTAIL_BLOCKS
from webwarden.model.templates.safe_marking import marks_input_safe, module_escapers
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_RAW_BLOCKS = frozenset({"RawHTMLBlock"})
"""Wagtail's documented raw-HTML block: choosing it is choosing to trust the editors
with markup, which its documentation says; what a subclass adds is the same."""
_VALUE = "value"
"""Wagtail hands each block method the block's stored value under this name
(`render_basic(self, value, context=None)`, `get_context(self, value, ...)`)."""


class BlockValueMarkedSafe(PythonRule):
    """## What it does
    Finds methods of Wagtail StreamField blocks (classes deriving from a block of
    `wagtail.blocks`: `TextBlock`, `CharBlock`, `StructBlock`...) that mark the block's
    `value` safe without escaping or cleaning it: `mark_safe(value)`,
    `mark_safe(markdown(value))`, `format_html` with the value as its template, also
    through helpers of the module. The escapes and sanitisers WW552 accepts for
    template filters are accepted here too (`bleach.clean`, `nh3.clean`, `escape`,
    `format_html`, Wagtail's rich text renderers, a Markdown parser with raw HTML off).
    Wagtail's `RawHTMLBlock` and its subclasses, raw HTML by documented choice, are not
    reported.

    ## Why is this bad?
    A block's value is what a page editor typed into the admin. Marked safe, any
    `<script>` or `onerror=` in it runs in the browser of every visitor of the page,
    and of every administrator previewing it, who holds more rights than the editor.
    Python-Markdown keeps raw HTML in its input, so `markdown(value)` does not help.
    This is stored cross-site scripting from anyone with editing rights.

    ## Example
    ```python
    from django.utils.safestring import mark_safe
    from markdown import markdown
    from wagtail import blocks

    class MarkdownBlock(blocks.TextBlock):
        def render_basic(self, value, context=None):
            return mark_safe(markdown(value))
    ```

    ## Fix
    ```python
    import nh3
    from django.utils.safestring import mark_safe
    from markdown import markdown
    from wagtail import blocks

    class MarkdownBlock(blocks.TextBlock):
        def render_basic(self, value, context=None):
            return mark_safe(nh3.clean(markdown(value)))
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Wagtail: StreamField block reference, RawHTMLBlock](https://docs.wagtail.org/en/stable/reference/streamfield/blocks.html)
    - [Python-Markdown: raw HTML is passed through](https://python-markdown.github.io/#differences)
    """

    code = "WW548"
    name = "block-value-marked-safe"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    frameworks = frozenset({Framework.DJANGO})
    message = "`{block}.{method}` marks the block's value safe with `{marker}`: an editor's HTML runs in the page"
    fix = "clean the HTML (`nh3.clean(...)`) or escape the value before marking it safe"
    mentions = ("wagtail",)

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        if not _wagtail_block(ctx, node):
            return
        methods = [s for s in node.body if isinstance(s, _Function)]
        if not any(_takes_value(m) for m in methods):
            return
        functions = {
            **{s.name: s for s in ctx.tree.body if isinstance(s, _Function)},
            **{m.name: m for m in methods},
        }
        tables = module_escapers(ctx.tree, ctx.evaluate, ctx.nodes(ast.ImportFrom))
        for method in methods:
            if not _takes_value(method):
                continue
            marker, raw = marks_input_safe(method, functions, tables, skip=1, qualify=ctx.qualified)
            if marker and _VALUE in raw:
                yield self.finding(ctx, method, block=node.name, method=method.name, marker=marker)


def _wagtail_block(ctx: FileContext, node: ast.ClassDef) -> bool:
    """A class deriving from one of Wagtail's blocks, but not from `RawHTMLBlock`."""
    if node.name in _RAW_BLOCKS:
        return False
    found = False
    for base in node.bases:
        qualified = ctx.qualified(base) or ""
        if qualified.rsplit(".", 1)[-1] in _RAW_BLOCKS:
            return False
        found = found or qualified.startswith(WAGTAIL_BLOCKS)
    return found


def _takes_value(method: _Function) -> bool:
    return any(a.arg == _VALUE for a in method.args.args[1:])
