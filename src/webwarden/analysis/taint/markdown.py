"""Mistune's Markdown renderers: they escape the HTML written in the text unless told not
to, so what they render from request data holds none of its markup.

`library` asks here for `mistune.markdown(text)` and `mistune.create_markdown(...)`;
`calls` renders with a renderer made so (`md = mistune.create_markdown(); md(text)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.specs import HTML_CLEANSED
from webwarden.analysis.taint.values import CLEAN, Value, cleanse, given_taint

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

ESCAPING_MARKDOWN = "mistune.Markdown<escaping>"
"""The kind of a Mistune renderer made to escape HTML (`create_markdown()`, whose
`escape` defaults to `True` since Mistune 2; `mistune.html` is made with `escape=False`)."""
_MAKERS = frozenset({"mistune.create_markdown"})
_RENDERS = frozenset({"mistune.markdown"})
"""`markdown(text, escape=True, renderer="html")`: its defaults escape, in Mistune 0.8 too."""


def mistune_call(name: str, args: Args, keywords: Keywords) -> Value | None:
    """The renderer or the HTML a Mistune call gives, None for another call."""
    if name in _MAKERS:
        escaping = _escapes(args[:1], keywords)
        return Value(kind=ESCAPING_MARKDOWN if escaping else name)
    if name in _RENDERS and args and _escapes(args[1:2], keywords):
        return rendered(args, keywords, name)
    return None


def rendered(args: Args, keywords: Keywords, kind: str = "") -> Value:
    """The HTML an escaping renderer makes of its text: data, but no markup of its own."""
    taint = given_taint(args, keywords)
    return Value(cleanse(taint, HTML_CLEANSED), kind=kind)


def _escapes(escape: Args, keywords: Keywords) -> bool:
    """Whether `escape` is left to its default or given as `True`, and the renderer is
    Mistune's HTML one (`"html"`) or one made without `escape=False` (the `HTMLRenderer`
    Mistune's own and a project's subclasses start from escapes by default)."""
    given = [node for node, _ in escape]
    for key, node, _ in keywords:
        if key is None:
            return False  # NOTE: `**options` may turn escaping off
        if key == "escape":
            given.append(node)
        elif key == "renderer" and not _escaping_renderer(node):
            return False
    return all(_is_true(node) for node in given)


def _escaping_renderer(node: ir.Expr) -> bool:
    if isinstance(node, ir.Const):
        return node.value == "html"
    if isinstance(node, ir.Call):
        return all(
            key is not None and (key != "escape" or _is_true(value)) for key, value in node.keywords
        )
    return False


def _is_true(node: ir.Expr) -> bool:
    return isinstance(node, ir.Const) and node.value is True


def closure_renderers(enclosing: ir.Function) -> dict[str, str]:
    """The escaping renderers a function makes and names once in its own body (`convert =
    mistune.create_markdown()`), for the functions nested in it that call them by that
    name (`return lambda text: Markup(convert(text))`), which are summarised alone."""
    made: dict[str, str] = {}
    for statement in enclosing.body:
        if not isinstance(statement, ir.Assign) or len(statement.targets) != 1:
            continue
        target, value = statement.targets[0], statement.value
        if isinstance(target, ir.TName) and isinstance(value, ir.Call) and value.callee:
            args = [(node, CLEAN) for node in value.args]
            keywords = [(key, node, CLEAN) for key, node in value.keywords]
            renderer = mistune_call(value.callee, args, keywords)
            if renderer is not None and renderer.kind == ESCAPING_MARKDOWN:
                made[target.name] = ESCAPING_MARKDOWN
    if not made:
        return made
    names = _assigned_names(enclosing.body)
    return {name: kind for name, kind in made.items() if names.count(name) == 1}


def _assigned_names(block: ir.Block) -> list[str]:
    """Every name the statements of `block` (nested ones too) assign, once per assignment."""
    return [
        target.name
        for statement in ir.statements(block)
        if isinstance(statement, ir.Assign)
        for target in statement.targets
        if isinstance(target, ir.TName)
    ]
