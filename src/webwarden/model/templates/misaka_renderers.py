"""Functions whose every result is HTML that misaka's `SaferHtmlRenderer` rendered.

misaka documents `SaferHtmlRenderer` as its protection against cross-site scripting: its
`sanitization_mode` (`"skip-html"`, the default, or `"escape"`) becomes the renderer's flag
that drops or escapes every raw HTML tag of the text, and its `link`, `image` and
`autolink` write only URLs its `check_url` accepts (`http:` and `https:`), escaped. A
subclass that narrows or widens `check_url` is the customisation misaka documents; one
that accepts every URL (`return True`) or writes raw HTML itself (`blockhtml`,
`raw_html`) is not such a renderer. So `render = misaka.Markdown(SaferHtmlRenderer())`
at module level, then `def markdown(text): return render(text)`, made a Jinja global,
writes markup the text cannot add a tag or a script link to: `{{ markdown(c)|safe }}`.
A plain `HtmlRenderer`, even given the `escape` flag, writes `javascript:` links.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.tree import own_returns, walk

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_SAFER = "misaka.SaferHtmlRenderer"
_MARKDOWN = "misaka.Markdown"
_SAFE_MODES = frozenset({"skip-html", "escape"})
_RAW_HTML = frozenset({"blockhtml", "raw_html"})
_URL_CHECK = "check_url"


def safer_markdown_functions(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions every `return` of which is a string literal,
    `None`, or what a module-level `misaka.Markdown` of a safer renderer gives (called
    there, or through a local bound once to its call)."""
    if not ctx.mentions("misaka") or not ctx.names.imports("misaka"):
        return ()
    renderers = _safer_markdowns(ctx, _safer_classes(ctx))
    if not renderers:
        return ()
    return tuple(
        node.name
        for node in ctx.tree.body
        if isinstance(node, _Function)
        and (returns := [r.value for r in own_returns(node)])
        and all(_rendered(ctx, node, value, renderers) for value in returns)
    )


def _safer_classes(ctx: FileContext) -> set[str]:
    """The module's classes deriving from `SaferHtmlRenderer` (or from such a class of the
    module) that write no raw HTML and accept no URL whatever it is."""
    found: set[str] = set()
    for node in ctx.tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {ctx.qualified(b) for b in node.bases} | {
            b.id for b in node.bases if isinstance(b, ast.Name)
        }
        if not (_SAFER in bases or bases & found):
            continue
        methods = {m.name: m for m in node.body if isinstance(m, _Function)}
        if _RAW_HTML & set(methods):
            continue
        check = methods.get(_URL_CHECK)
        if check is not None and any(_accepts_all(r.value) for r in own_returns(check)):
            continue
        found.add(node.name)
    return found


def _accepts_all(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and bool(value.value)


def _safer_markdowns(ctx: FileContext, classes: set[str]) -> set[str]:
    """Module-level names bound once, to `misaka.Markdown(renderer, ...)` of a safer
    renderer made in the call or bound once to a module-level name."""
    values = _module_values(ctx)
    found: set[str] = set()
    for name, value in values.items():
        if not (isinstance(value, ast.Call) and ctx.qualified(value.func) == _MARKDOWN):
            continue
        renderer = value.args[0] if value.args else _keyword(value, "renderer")
        if isinstance(renderer, ast.Name):
            renderer = values.get(renderer.id)
        if isinstance(renderer, ast.Call) and _safer_renderer(ctx, renderer, classes):
            found.add(name)
    return found


def _module_values(ctx: FileContext) -> dict[str, ast.expr]:
    """The module-level names bound by exactly one plain assignment, with its value."""
    values: dict[str, ast.expr] = {}
    counts: dict[str, int] = {}
    for node in walk(ctx.tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            counts[node.id] = counts.get(node.id, 0) + 1
    for statement in ctx.tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            values[statement.targets[0].id] = statement.value
    return {name: value for name, value in values.items() if counts.get(name) == 1}


def _safer_renderer(ctx: FileContext, call: ast.Call, classes: set[str]) -> bool:
    """`SaferHtmlRenderer(...)` or a safer class of the module, its sanitization mode
    left at its default or given as one that drops or escapes raw HTML."""
    func = call.func
    if not (ctx.qualified(func) == _SAFER or (isinstance(func, ast.Name) and func.id in classes)):
        return False
    if any(k.arg is None for k in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    ):
        return False
    mode = call.args[1] if len(call.args) > 1 else _keyword(call, "sanitization_mode")
    return mode is None or (isinstance(mode, ast.Constant) and mode.value in _SAFE_MODES)


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _rendered(ctx: FileContext, function: _Function, value: ast.expr | None, md: set[str]) -> bool:
    if value is None or isinstance(value, ast.Constant):
        return value is None or value.value is None or isinstance(value.value, str)
    if isinstance(value, ast.Name):
        assigned = [
            node.value
            for node in walk(function)
            if isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id == value.id
        ]
        stores = sum(
            isinstance(n, ast.Name) and n.id == value.id and isinstance(n.ctx, ast.Store)
            for n in walk(function)
        )
        return len(assigned) == 1 and stores == 1 and _renders(assigned[0], function, md)
    return _renders(value, function, md)


def _renders(value: ast.expr, function: _Function, md: set[str]) -> bool:
    """A call of a module-level safer `Markdown` the function does not rebind."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return False
    name = value.func.id
    rebound = any(
        isinstance(n, ast.Name) and n.id == name and isinstance(n.ctx, ast.Store)
        for n in walk(function)
    )
    return name in md and not rebound
