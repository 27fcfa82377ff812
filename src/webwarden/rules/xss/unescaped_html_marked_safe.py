"""WW547: text decoded from HTML, then marked safe (`mark_safe(html.unescape(text))`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._interpolation import MARKERS

_UNESCAPERS = frozenset(
    {
        "html.unescape",
        "django.utils.text.unescape_entities",
        "xml.sax.saxutils.unescape",
    }
)
"""Functions that turn character references back into the characters (`&lt;` -> `<`)."""
_UNESCAPING_METHODS = frozenset({"unescape", "striptags"})
"""MarkupSafe's `Markup.unescape()` and `Markup.striptags()`, which return plain text
with the references decoded."""
_TEXT_METHODS = frozenset(
    {"join", "format", "strip", "lstrip", "rstrip", "replace", "lower", "upper", "title"}
)
"""`str` methods whose result holds what they are given (their receiver, their
arguments): looked through for an unescape inside them."""


class UnescapedHtmlMarkedSafe(PythonRule):
    """## What it does
    Finds Django's `mark_safe()`, `SafeString()` and Jinja's `Markup()` applied to text
    that `html.unescape()` (or Django's `unescape_entities()`, `xml.sax.saxutils.
    unescape()`, MarkupSafe's `Markup.unescape()` or `.striptags()`) just decoded:
    `mark_safe(html.unescape(" ... ".join(fragments)))`, also through a variable of the
    same function given only that value, or joined, formatted, stripped or concatenated
    with other text. A constant decoded is not reported.

    ## Why is this bad?
    Decoding character references undoes escaping: the `&lt;script&gt;` a search
    engine's highlighter (Elasticsearch's `encoder="html"`), a sanitiser (`bleach.clean`)
    or a feed wrote for a `<script>` is a `<script>` again, and marking the result safe
    writes it into the page as markup. The escaped text is usually someone else's
    (a document, a comment, a feed entry), so this is stored cross-site scripting.

    ## Example
    ```python
    import html

    from django.utils.safestring import mark_safe

    def highlight(hit):
        return mark_safe(html.unescape(" ... ".join(hit.meta.highlight.content)))
    ```

    ## Fix
    ```python
    from django.utils.safestring import mark_safe

    def highlight(hit):
        # The highlighter escaped the text and added only its own `<em>` tags.
        return mark_safe(" ... ".join(hit.meta.highlight.content))
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Python docs: html.unescape](https://docs.python.org/3/library/html.html#html.unescape)
    - [Django docs: mark_safe](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe)
    """

    code = "WW547"
    name = "unescaped-html-marked-safe"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 79
    message = (
        "`{call}()` marks text that `{decoder}()` decoded from HTML as safe: `&lt;` is `<` again"
    )
    fix = "mark safe the escaped text as it was, or escape it again (`escape()`, `bleach.clean()`)"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = MARKERS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in MARKERS or not node.args:
            return
        marked = node.args[0]
        if isinstance(marked, ast.Name):
            assigned = ctx.lookup(marked)
            same = assigned is not None and (
                ctx.scopes.enclosing_scope(assigned) is ctx.scopes.enclosing_scope(node)
            )
            marked = assigned if same and assigned is not None else marked
        decoder = _decoded(ctx, marked)
        if decoder is not None:
            yield self.finding(ctx, node, call=name.rpartition(".")[2], decoder=decoder)


def _decoded(ctx: FileContext, node: ast.expr) -> str | None:
    """The decoder whose result of a non-constant `node` holds (looking through text
    joined, formatted or stripped); None when it holds none."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _decoded(ctx, node.left) or _decoded(ctx, node.right)
    if isinstance(node, ast.JoinedStr):
        return next(filter(None, (_decoded(ctx, v) for v in node.values)), None)
    if isinstance(node, ast.FormattedValue):
        return _decoded(ctx, node.value)
    if not isinstance(node, ast.Call):
        return None
    name = ctx.call_name(node) or ""
    given = [*node.args, *(k.value for k in node.keywords)]
    if name in _UNESCAPERS:
        constant = given and all(isinstance(a, ast.Constant) for a in given)
        return None if constant else name
    method = node.func.attr if isinstance(node.func, ast.Attribute) else ""
    if method in _UNESCAPING_METHODS and not given:
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        return None if isinstance(receiver, ast.Constant) else f".{method}"
    if method in _TEXT_METHODS and isinstance(node.func, ast.Attribute):
        parts = [node.func.value, *given]
        return next(filter(None, (_decoded(ctx, p) for p in parts)), None)
    return None
