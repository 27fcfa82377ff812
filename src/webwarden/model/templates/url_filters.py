"""Whether a template filter of the project percent-encodes what it returns (WW554):
`return urllib.parse.quote_plus(text).lower()`, whose result holds letters, digits,
`%` and at most `_.-~+/`: no quote, backslash, backtick or `$` to end a JavaScript
string."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.safe_marking import Function

_QUOTERS = frozenset({"urllib.parse.quote", "urllib.parse.quote_plus"})
_CASE_CHANGES = frozenset({"lower", "upper"})
"""Methods that change the case of percent escapes (`%2F` -> `%2f`), which decode alike."""
_CODEC_OPTIONS = frozenset({"encoding", "errors"})


def returns_percent_encoded(ctx: FileContext, function: Function) -> bool:
    """Every `return` of the filter gives `quote(...)` or `quote_plus(...)` of
    `urllib.parse` (also lower- or upper-cased), told to keep no character as it is
    (no `safe` argument)."""
    returned = [node.value for node in ast.walk(function) if isinstance(node, ast.Return)]
    return bool(returned) and all(
        value is not None and _percent_encoded(ctx, value) for value in returned
    )


def _percent_encoded(ctx: FileContext, value: ast.expr) -> bool:
    while (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _CASE_CHANGES
        and not value.args
        and not value.keywords
    ):
        value = value.func.value
    return (
        isinstance(value, ast.Call)
        and ctx.call_name(value) in _QUOTERS
        and len(value.args) == 1
        and all(k.arg in _CODEC_OPTIONS for k in value.keywords)
    )
