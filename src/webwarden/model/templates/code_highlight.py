"""Whether a call highlights code as HTML with Pygments, which escapes the code."""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence

_HIGHLIGHT = "highlight"
_HTML_FORMATTER = "HtmlFormatter"
_FORMATTER_BY_NAME = "get_formatter_by_name"
_HTML_ALIASES = frozenset({"html"})
"""The alias Pygments registers `HtmlFormatter` under."""


def highlights_as_html(call: ast.Call, held: Callable[[str], Sequence[ast.expr]]) -> bool:
    """`highlight(code, lexer, HtmlFormatter())`, Pygments' highlighting written as HTML
    (the formatter made in the call, or a local every assignment of which makes one:
    `formatter = HtmlFormatter(linenos="table")`, `get_formatter_by_name("html")`): `HtmlFormatter` escapes each token's
    text (`escape_html`), so the code comes back as text inside its own `<span>`s. A
    `highlight()` given no such formatter may be any function (a search term wrapped in
    `<mark>`), and is not one."""
    if _last(call.func) != _HIGHLIGHT:
        return False
    formatters = _formatters(call)
    if len(formatters) != 1:
        return False
    formatter = formatters[0]
    made = list(held(formatter.id)) if isinstance(formatter, ast.Name) else [formatter]
    return bool(made) and all(_html_formatter(value) for value in made)


def held_formatter(call: ast.Call) -> bool:
    """`highlight(code, lexer, formatter)`: a highlighting whose formatter a local holds,
    judged by what the local is assigned."""
    return _last(call.func) == _HIGHLIGHT and any(
        isinstance(f, ast.Name) for f in _formatters(call)
    )


def _formatters(call: ast.Call) -> list[ast.expr]:
    return [k.value for k in call.keywords if k.arg == "formatter"] + call.args[2:3]


def _html_formatter(value: ast.expr) -> bool:
    """`HtmlFormatter(...)`, or Pygments' lookup of it by name: `get_formatter_by_name(
    "html", ...)`."""
    if not isinstance(value, ast.Call):
        return False
    if _last(value.func) == _FORMATTER_BY_NAME:
        alias = value.args[0] if value.args else None
        return isinstance(alias, ast.Constant) and alias.value in _HTML_ALIASES
    return _last(value.func) == _HTML_FORMATTER


def _last(node: ast.expr) -> str:
    return ast.unparse(node).rsplit(".", 1)[-1]
