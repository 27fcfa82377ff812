"""How a Jinja2 `autoescape` value (or Flask's `jinja_options`) leaves HTML unescaped."""

from __future__ import annotations

import ast

from webwarden.analysis.constants import UNKNOWN
from webwarden.rules.context import FileContext

_HTML = frozenset({"html", "htm", "xml", "xhtml"})


def is_jinja_options(node: ast.expr) -> bool:
    """`app.jinja_options` or `Flask.jinja_options` (the options Flask's environment gets)."""
    if isinstance(node, ast.Subscript):
        return False
    return isinstance(node, ast.Attribute) and node.attr == "jinja_options"


def options_problem(ctx: FileContext, value: ast.expr) -> str:
    """`{"autoescape": False}` / `dict(..., autoescape=False)` / `.update(autoescape=...)`."""
    given: ast.expr | None = None
    if isinstance(value, ast.Dict):
        for key, item in zip(value.keys, value.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "autoescape":
                given = item
    elif isinstance(value, ast.Call):
        given = ctx.keyword(value, "autoescape")
        if given is None and value.args and isinstance(value.args[-1], ast.Dict):
            return options_problem(ctx, value.args[-1])
    if given is None:
        return ""
    problem = autoescape_problem(ctx, given)
    return problem or ""


def autoescape_problem(ctx: FileContext, value: ast.expr) -> str | None:
    constant = ctx.evaluate(value)
    if constant is not UNKNOWN:
        return None if constant else "sets `autoescape=False`"
    if isinstance(value, ast.Call) and ctx.call_name(value) == "jinja2.select_autoescape":
        enabled = ctx.evaluate(ctx.argument(value, 0, "enabled_extensions"))
        disabled = ctx.evaluate(ctx.argument(value, 1, "disabled_extensions"))
        if isinstance(enabled, list | tuple) and not _HTML & {str(e).lower() for e in enabled}:
            return "uses `select_autoescape` without `html`"
        if isinstance(disabled, list | tuple) and "html" in {str(e).lower() for e in disabled}:
            return "uses `select_autoescape` with `html` disabled"
    return None
