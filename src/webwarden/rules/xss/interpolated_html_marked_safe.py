"""WW546: HTML built by interpolation marked safe (`mark_safe(f"<b>{obj.title}</b>")`)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import own_returns
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._interpolation import MARKERS, Filled, filled_in, known_safe


class InterpolatedHtmlMarkedSafe(PythonRule):
    """## What it does
    Finds Django's `mark_safe()`, `SafeString()` and Jinja's `Markup()` applied to HTML
    built by interpolation (an f-string, `%`, `.format()`, text joined with `+`, or
    pieces so built joined by a constant separator: `"".join(f"<li>{t}</li>" for t in
    tags)`), directly or through a variable of the same function, or returned by a
    function `mark_safe` decorates (`@mark_safe` over an admin's display method marks
    what each of its `return`s gives), when a value put into it is
    data the rule can see being read (a model field `obj.title`, an item, a call's
    result, a template filter's argument, the `value` or `record` a django-tables2
    column's or table's `render()` or `render_<column>()` is handed: the row's fields)
    and not known to be safe. Known safe:
    constants and names given only constants, escaped text (`escape()`,
    `conditional_escape()`, `format_html()`, `json_script()`, `flatatt()`,
    `urlencode()`), HTML marked safe or rendered (`render_to_string()`, a widget's
    `render()`, `__html__()`, a value the code names `..._html`), numbers (`int()`,
    `len()`, arithmetic, `%d`, `{:.2f}`), keys (`obj.pk`, `obj.author_id`), URLs from
    `reverse()`, `url_for()` or `get_absolute_url()`, the settings, translated
    constants and the own attributes of a form, widget or template node
    (`self.help_text`: the code declaring it sets them; a model's are its fields), and
    text the code wrote changed in case or trimmed (`msg.lower()`). A comprehension's
    variable is judged by what it iterates over: the items of a literal list,
    `range()` or `values_list("id", flat=True)` are safe, those of a query or a
    model's field are data.
    `Markup("<b>%s</b>") % value` is not reported: Jinja's `Markup` escapes what `%`,
    `.format()` and `.join()` put into it. Request data marked safe is WW542's,
    which replaces this rule's finding on the same call.

    ## Why is this bad?
    Marking a string safe tells the template engine not to escape it, so everything
    interpolated into it reaches the page as HTML. A model field, a user's name or an
    uploaded file's title written there is stored cross-site scripting: whoever can
    save a `<script>` in it runs it in the browser of everyone who views the page,
    administrators included.

    ## Known problems
    Opt-in (`extend-select = ["WW546"]`), at low confidence: on 45 real Django and
    Flask trees 17 of its 73 findings were stored XSS a reviewer would fix; the others
    were HTML the project's own helpers had escaped or built, its configuration read
    through its own functions, and numbers, dates and URLs whose names do not say so.
    Use it for a review, not as a gate. A value the project controls but the rule
    cannot tell so (a line number read from
    a dict, a configuration object of the project's own, a field only staff edit) is
    reported all the same; pass it through `format_html()` anyway, it costs nothing. A
    function's parameter (but a template filter's or a table cell's), a `for` loop's variable and HTML built up
    over several statements (`html += ...`, a list joined later) are not followed:
    where such a value comes from is out of sight.

    ## Example
    ```python
    from django.utils.safestring import mark_safe

    def label(obj):
        return mark_safe("<span>%s</span>" % obj.title)
    ```

    ## Fix
    ```python
    from django.utils.html import format_html

    def label(obj):
        return format_html("<span>{}</span>", obj.title)
    ```
    With Jinja, `Markup("<span>%s</span>") % obj.title` escapes the title.

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: mark_safe](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe)
    - [Django docs: format_html](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)
    - [MarkupSafe docs: formatting](https://markupsafe.palletsprojects.com/en/stable/formatting/)
    """

    code = "WW546"
    name = "interpolated-html-marked-safe"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.LOW
    opt_in = True
    cwe = 79
    message = "`{call}()` marks HTML built from {values} as safe: none of it is escaped"
    fix = "build it with `format_html('<b>{{}}</b>', value)` or `Markup('<b>%s</b>') % value`"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = MARKERS
    bandit = ("B308", "B703", "B704")
    ruff = ("S308", "S704")

    decorated_only = True

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in MARKERS or not node.args:
            return
        yield from self._judge(ctx, node, node.args[0], name)

    def visit_FunctionDef(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        """A function decorated with `@mark_safe`: what each of its `return`s gives is
        marked safe, as the call's argument is."""
        name = next(
            (n for d in node.decorator_list if (n := ctx.qualified(d)) in _DECORATING), None
        )
        if name is None:
            return
        for returned in own_returns(node):
            if returned.value is not None:
                yield from self._judge(ctx, returned, returned.value, name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def _judge(
        self, ctx: FileContext, node: ast.AST, marked: ast.expr, name: str
    ) -> Iterator[Finding]:
        built = _built_here(ctx, node, marked)
        filled = _filled(ctx, built) if built is not None else None
        unsafe = [f.value for f in filled or () if not f.number and not known_safe(ctx, f.value)]
        values = list(dict.fromkeys(map(_shown, unsafe)))
        if values:
            shown = ", ".join(f"`{value}`" for value in values[:3])
            shown += ", ..." if len(values) > 3 else ""
            yield self.finding(ctx, node, call=name.rpartition(".")[2], values=shown)


_DECORATING = frozenset({"django.utils.safestring.mark_safe", "django.utils.html.mark_safe"})
"""Django's `mark_safe`, which, applied as a decorator, marks what the function returns
(`SafeString` and Jinja's `Markup` are classes: as decorators they would wrap the
function itself)."""


def _built_here(ctx: FileContext, node: ast.AST, argument: ast.expr) -> ast.expr | None:
    """The string expression marked safe: the argument (or the value returned), or the
    one value a variable of the same function was given."""
    if not isinstance(argument, ast.Name):
        return argument
    assigned = ctx.lookup(argument)
    if assigned is None:
        return None
    same = ctx.scopes.enclosing_scope(assigned) is ctx.scopes.enclosing_scope(node)
    return assigned if same else None


def _filled(ctx: FileContext, built: ast.expr) -> list[Filled] | None:
    """The values interpolated into `built`, also when it is pieces built by
    interpolation joined by a constant separator (`"".join(f"<li>{t}</li>" for t in
    tags)`, a list of them): None when none of the pieces is so built, as in
    `", ".join(names)`."""
    filled = filled_in(ctx, built)
    if filled is not None or not isinstance(built, ast.Call):
        return filled
    if not (isinstance(built.func, ast.Attribute) and built.func.attr == "join"):
        return None
    if not isinstance(ctx.evaluate(built.func.value), str) or len(built.args) != 1:
        return None
    match built.args[0]:
        case ast.List(elts=pieces) | ast.Tuple(elts=pieces) | ast.Set(elts=pieces):
            pass
        case ast.ListComp(elt=elt) | ast.GeneratorExp(elt=elt) | ast.SetComp(elt=elt):
            pieces = [elt]
        case _:
            return None
    each = [(piece, filled_in(ctx, piece)) for piece in pieces]
    if all(values is None for _, values in each):
        return None
    return [
        value
        for piece, values in each
        if not ctx.is_constant(piece)
        for value in (values if values is not None else [Filled(piece)])
    ]


def _shown(node: ast.expr) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 40 else text[:37] + "..."
