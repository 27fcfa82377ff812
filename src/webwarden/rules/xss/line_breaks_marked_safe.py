"""WW567: plain text whose line breaks became `<br>`, marked safe unescaped."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._interpolation import MARKERS, known_safe

_SPLITTERS = frozenset({"split", "splitlines"})
_THROUGH = frozenset({"replace", "strip", "lstrip", "rstrip", "format", "join"})
"""`str` methods whose result holds their receiver's text: looked through for the
`<br>` made inside (`text.replace("\\n", "<br>").replace("\\t", "&nbsp;")`)."""
_MAX_DEPTH = 6


class LineBreaksMarkedSafe(PythonRule):
    """## What it does
    Finds Django's `mark_safe()`, `SafeString()` and Jinja's `Markup()` applied to text
    whose line breaks the code has just turned into `<br>` (`text.replace("\\n",
    "<br>")`, `"<br>".join(text.splitlines())`), directly, inside more text, or through
    a variable of the same function given that value, when the text itself was not
    escaped first: not a constant, not `escape()`d, `conditional_escape()`d, sanitised
    (`bleach.clean()`) or rendered, nor run through a `.replace("<", "&lt;")` of its
    own; nor in a Django filter taking `autoescape` (`needs_autoescape=True`) that
    escapes the text under `if autoescape:`, as Django's own `linebreaksbr` does: the
    text is escaped whenever the template escapes.

    ## Why is this bad?
    Text with line breaks to keep is plain text: a comment, a message, an e-mail body,
    a description someone typed. Marking it safe after adding the `<br>` tags writes
    every `<` it holds into the page (or the HTML e-mail) as markup, so whoever wrote
    the text can add a `<script>`, a form or a link that is not what it says. Django's
    `linebreaksbr` filter and Jinja's escaping do the same conversion and escape the
    text first.

    ## Known problems
    Text the project itself wrote, or escaped in another function before handing it
    over, is reported all the same; escaping it where the `<br>` is added costs nothing
    (`conditional_escape()` leaves safe text as it is).

    ## Example
    ```python
    from django.utils.safestring import mark_safe

    def comment_html(comment):
        return mark_safe(comment.body.replace("\\n", "<br>"))
    ```

    ## Fix
    ```python
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    def comment_html(comment):
        return mark_safe(escape(comment.body).replace("\\n", "<br>"))
    ```
    In a template, `{{ comment.body|linebreaksbr }}` does the same.

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: linebreaksbr](https://docs.djangoproject.com/en/stable/ref/templates/builtins/#linebreaksbr)
    - [Django docs: mark_safe](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe)
    """

    code = "WW567"
    name = "line-breaks-marked-safe"
    practice = Practice.XSS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{call}()` marks `{text}` as safe after turning its line breaks into `<br>`: the text is not escaped"
    fix = (
        "escape the text before adding the tags (`escape(text).replace(...)`) or use `linebreaksbr`"
    )
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = MARKERS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in MARKERS or not node.args:
            return
        marked = node.args[0]
        if isinstance(marked, ast.Name):
            assigned = ctx.lookup(marked) or ctx.reaching_value(marked)
            same = assigned is not None and (
                ctx.scopes.enclosing_scope(assigned) is ctx.scopes.enclosing_scope(node)
            )
            marked = assigned if same and assigned is not None else marked
        text = _broken_text(ctx, marked, 0)
        if (
            text is not None
            and not _escaped(ctx, text, 0)
            and not _escaped_if_autoescaping(ctx, text)
        ):
            shown = ast.unparse(text)
            shown = shown if len(shown) <= 40 else shown[:37] + "..."
            yield self.finding(ctx, node, call=name.rpartition(".")[2], text=shown)


def _broken_text(ctx: FileContext, node: ast.expr, depth: int) -> ast.expr | None:
    """The text whose line breaks `node` turns into `<br>` (looking through text joined,
    formatted, stripped or further replaced); None when it makes no such tag."""
    if depth > _MAX_DEPTH:
        return None
    deeper = depth + 1
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _broken_text(ctx, node.left, deeper) or _broken_text(ctx, node.right, deeper)
    if isinstance(node, ast.JoinedStr):
        return next(filter(None, (_broken_text(ctx, v, deeper) for v in node.values)), None)
    if isinstance(node, ast.FormattedValue):
        return _broken_text(ctx, node.value, deeper)
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    method, receiver = node.func.attr, node.func.value
    if method == "replace" and len(node.args) >= 2:
        old, new = ctx.evaluate(node.args[0]), ctx.evaluate(node.args[1])
        if isinstance(old, str) and "\n" in old and _is_break(new):
            return receiver
    if method == "join" and len(node.args) == 1 and _is_break(ctx.evaluate(receiver)):
        pieces = node.args[0]
        if (
            isinstance(pieces, ast.Call)
            and isinstance(pieces.func, ast.Attribute)
            and _splits_lines(ctx, pieces.func.attr, pieces.args)
        ):
            return pieces.func.value
    if method in _THROUGH:
        parts = [receiver, *node.args]
        return next(filter(None, (_broken_text(ctx, p, deeper) for p in parts)), None)
    return None


def _is_break(value: object) -> bool:
    return isinstance(value, str) and "<br" in value.lower()


def _splits_lines(ctx: FileContext, method: str, args: list[ast.expr]) -> bool:
    """`text.splitlines()`, `text.split("\\n")`."""
    if method not in _SPLITTERS:
        return False
    if method == "splitlines":
        return True
    separator = ctx.evaluate(args[0]) if args else None
    return isinstance(separator, str) and "\n" in separator


def _escaped_if_autoescaping(ctx: FileContext, text: ast.expr) -> bool:
    """Django's filter idiom (`needs_autoescape=True`): a function taking `autoescape`
    escapes the text under `if autoescape:` (`value = escape(value)`), as its own
    `linebreaksbr` does. The text is escaped whenever the template escapes; a template
    that turned escaping off asked for it as it is."""
    node = text
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    if not isinstance(node, ast.Name):
        return False
    function = ctx.scopes.enclosing_function(node)
    if function is None or "autoescape" not in {a.arg for a in function.args.args}:
        return False
    return any(
        isinstance(test, ast.If)
        and isinstance(test.test, ast.Name)
        and test.test.id == "autoescape"
        and any(
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in statement.targets)
            and _escaped(ctx, statement.value, 1)
            for statement in test.body
        )
        for test in ast.walk(function)
    )


def _escaped(ctx: FileContext, text: ast.expr, depth: int) -> bool:
    """Whether `text` holds no markup its writer put there: constant, escaped,
    sanitised or rendered (`known_safe`), escaped by hand (`.replace("<", "&lt;")` in
    its chain), or a variable holding such a value where it is read (the assignment
    every path passes last, else all it is given). A parameter is not: text with line
    breaks to keep is plain text, and the caller hands it over as such."""
    if depth > _MAX_DEPTH:
        return False
    node = text
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _THROUGH
        and node.func.attr != "join"
    ):
        if node.func.attr == "replace" and node.args:
            old = ctx.evaluate(node.args[0])
            if isinstance(old, str) and "<" in old:
                return True
        node = node.func.value
    if isinstance(node, ast.Name):
        reaching = ctx.reaching_value(node) or ctx.scopes.value_before(node)
        if reaching is not None:
            return _escaped(ctx, reaching, depth + 1)
        values = ctx.scopes.values_of(node)
        if not values or any(v is UNKNOWN_BINDING or v is CHANGED_BINDING for v in values):
            return False
        return all(_escaped(ctx, v, depth + 1) for v in values)
    return known_safe(ctx, node)
