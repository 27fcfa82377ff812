"""Markdown renderers: markdown-it-py parsers that escape the raw HTML of the text they
render, and renderers imported under a name of the module's own."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

from webwarden.model.names import last_name

MARKDOWN_ALIAS = "markdown-renderer:"
"""How a Markdown renderer the module imports under a name of its own is written among
the names `module_escapers` gives (`markdown-renderer:md`): a renderer, not an escaper."""

_RENDERERS = frozenset({("markdown", "markdown"), ("markdown2", "markdown")})
_RENDERERS |= {("commonmark", "commonmark")}
"""(module, name) of the Markdown renderers that write raw HTML and `javascript:` links."""


def markdown_aliases(imports: Iterable[ast.AST]) -> frozenset[str]:
    """The names the module's `from ... import` statements (`imports`) bind to a
    Markdown library's renderer under another name (`from markdown import markdown as
    md`), each written `MARKDOWN_ALIAS` + name: `md(text)` makes new markup as
    `markdown(text)` does."""
    found: set[str] = set()
    for node in imports:
        if isinstance(node, ast.ImportFrom) and node.level == 0:
            found.update(
                MARKDOWN_ALIAS + alias.asname
                for alias in node.names
                if alias.asname and (node.module, alias.name) in _RENDERERS
            )
    return frozenset(found)


def escaping_markdown_parsers(
    tree: ast.Module, evaluate: Callable[[ast.expr], object]
) -> frozenset[str]:
    """The module's names bound once, at its top level, to a markdown-it-py parser made
    with raw HTML off (`MarkdownIt("commonmark", {"html": False})`, the `zero` and
    `js-default` presets; not `MarkdownIt()`, whose `commonmark` preset passes HTML
    through) and never set up again (`md.set(...)`, `md.configure(...)`, `md.options`):
    its `render()` escapes HTML in the text, and its link check drops `javascript:`
    URLs. Rules set up with `enable()` and `disable()` keep that."""
    made: dict[str, bool] = {}
    for statement in tree.body:
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(target := statement.targets[0], ast.Name)
        ):
            continue
        made[target.id] = target.id not in made and html_off(statement.value, evaluate)
    if not any(made.values()):
        return frozenset()
    reset = {
        node.value.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in PARSER_SETUPS
        and isinstance(node.value, ast.Name)
    }
    return frozenset(name for name, off in made.items() if off and name not in reset)


PARSER_SETUPS = frozenset({"set", "configure", "options"})
_PARSER_RULES = frozenset({"enable", "disable"})
_ESCAPING_PRESETS = frozenset({"zero", "js-default"})
PARSER_RENDERS = frozenset({"render", "renderInline"})


def html_off(value: ast.expr, evaluate: Callable[[ast.expr], object]) -> bool:
    """Whether `value` makes a markdown-it-py parser with raw HTML off (`evaluate` reads
    the preset and options it is given)."""
    while (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _PARSER_RULES
    ):
        value = value.func.value
    if not (isinstance(value, ast.Call) and last_name(value.func) == "MarkdownIt"):
        return False
    given = dict(zip(("config", "options_update"), value.args, strict=False))
    given.update((k.arg, k.value) for k in value.keywords if k.arg)
    if set(given) - {"config", "options_update"}:
        return False  # NOTE: a renderer class of the project's may write anything
    preset = evaluate(given["config"]) if "config" in given else "commonmark"
    if not isinstance(preset, str):
        return False
    html = _html_option(given.get("options_update"), evaluate)
    return (preset not in _ESCAPING_PRESETS if html is _UNSET else html) is False


_UNSET = object()


def _html_option(options: ast.expr | None, evaluate: Callable[[ast.expr], object]) -> object:
    """The `html` option a parser is given (`_UNSET` when none is): read from the dict
    itself, whose other options (a `highlight` function) need not be constants."""
    if options is None:
        return _UNSET
    if isinstance(options, ast.Dict) and all(key is not None for key in options.keys):
        for key, value in zip(options.keys, options.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "html":
                return evaluate(value)
        if all(isinstance(key, ast.Constant) for key in options.keys):
            return _UNSET
    found = evaluate(options)
    return found.get("html", _UNSET) if isinstance(found, dict) else None


_IN_PLACE_CHANGES = PARSER_SETUPS | {"update", "setdefault", "pop", "clear"}


def changed_in_place(node: ast.AST) -> str | None:
    """The name whose object `node` changes without binding it anew, if any: a parser set
    up again (`md.set(...)`, `md.options[...] = ...`) or a dict of options written to
    (`options["html"] = True`, `options.update(...)`)."""
    written = isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Store | ast.Del)
    called = isinstance(node, ast.Attribute) and node.attr in _IN_PLACE_CHANGES
    changed = node.value if isinstance(node, ast.Subscript | ast.Attribute) else None
    return changed.id if (written or called) and isinstance(changed, ast.Name) else None


def literal(node: ast.expr) -> object:
    """The value of a literal (`{"breaks": True}`, `"js-default"`); None for anything else."""
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
