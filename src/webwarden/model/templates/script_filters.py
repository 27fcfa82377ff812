"""Whether a template filter returns text safe to write into JavaScript (WW554): its
input encoded with `escapejs` inside a quoted string of the filter's own text
(`mark_safe('JSON.parse("%s")' % escapejs(json.dumps(value)))`), JSON with `<`, `>`
and `&` escaped as Django's `json_script` does, or only the filter's own literals and
numbers (`return 'true'` / `return 'false'` of an `as_js_bool` filter)."""

from __future__ import annotations

import ast

from webwarden.analysis.taint.ir import PERCENT_CONVERSION
from webwarden.model.module import FileContext
from webwarden.model.templates.number_text import number_text
from webwarden.model.templates.safe_marking import SAFE_MARKERS, Function
from webwarden.model.templates.script_json import script_safe_json

_ESCAPEJS = "django.utils.html.escapejs"
_HOLE = "\0"
"""Stands for an interpolated value in the filter's text while its quotes are read."""
_QUOTES = ("'", '"')
"""Quotes `escapejs` escapes (`\\u0027`, `\\u0022`); not the backtick's template literal,
where `${...}` runs code whatever is escaped."""


def script_safe_output(ctx: FileContext, function: Function) -> bool:
    """Every value the filter returns (marked safe or not) is JavaScript-safe text: the
    filter's constant text with each value it interpolates passed through Django's
    `escapejs` and written inside a single- or double-quoted string of that text, JSON
    with `<`, `>` and `&` escaped, or a literal of the filter's or a number it
    formatted (what the input chose among the author's texts is still the author's)."""
    returned = [node.value for node in ast.walk(function) if isinstance(node, ast.Return)]
    return bool(returned) and all(
        value is not None and _script_safe(ctx, _unmarked(ctx, value)) for value in returned
    )


def _unmarked(ctx: FileContext, value: ast.expr) -> ast.expr:
    """`value` without the calls marking it safe around it."""
    while (
        isinstance(value, ast.Call)
        and len(value.args) == 1
        and (ctx.call_name(value) or "").rsplit(".", 1)[-1] in SAFE_MARKERS
    ):
        value = value.args[0]
    return value


def _script_safe(ctx: FileContext, value: ast.expr) -> bool:
    if script_safe_json(ctx, value) or number_text(value):
        return True
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str | int | float | bool)
    if isinstance(value, ast.IfExp):
        return _script_safe(ctx, value.body) and _script_safe(ctx, value.orelse)
    pieces = _pieces(value)
    if pieces is None:
        return False
    text = ""
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
        elif isinstance(piece, ast.Call) and ctx.call_name(piece) == _ESCAPEJS:
            text += _HOLE
        else:
            return False
    return _HOLE in text and _holes_quoted(text)


def _pieces(value: ast.expr) -> list[str | ast.expr] | None:
    """The constant text and the interpolated values of `'...%s...' % value`, an
    f-string, or `'...' + value + '...'`, in order; None for anything else."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return [value.value]
    if isinstance(value, ast.JoinedStr):
        pieces: list[str | ast.expr] = []
        for part in value.values:
            if isinstance(part, ast.FormattedValue):
                if part.conversion != -1 or part.format_spec is not None:
                    return None
                pieces.append(part.value)
            elif isinstance(part, ast.Constant) and isinstance(part.value, str):
                pieces.append(part.value)
        return pieces
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        # NOTE: an operand that is not text is one interpolated value
        return (_pieces(value.left) or [value.left]) + (_pieces(value.right) or [value.right])
    if (
        isinstance(value, ast.BinOp)
        and isinstance(value.op, ast.Mod)
        and isinstance(value.left, ast.Constant)
        and isinstance(value.left.value, str)
    ):
        return _percent_pieces(value.left.value, value.right)
    return None


def _percent_pieces(template: str, given: ast.expr) -> list[str | ast.expr] | None:
    """`'JSON.parse("%s")' % escapejs(data)`: positional `%s` conversions only."""
    values = list(given.elts) if isinstance(given, ast.Tuple) else [given]
    pieces: list[str | ast.expr] = []
    start = 0
    for match in PERCENT_CONVERSION.finditer(template):
        pieces.append(template[start : match.start()])
        start = match.end()
        if match.group() == "%%":
            pieces.append("%")
        elif match.group() == "%s" and values:
            pieces.append(values.pop(0))
        else:
            return None
    pieces.append(template[start:])
    return None if values else pieces


def _holes_quoted(text: str) -> bool:
    """Whether every interpolated value lies inside a single- or double-quoted string of
    the JavaScript the text makes."""
    quote = ""
    escaped = False
    for char in text:
        if char == _HOLE:
            if quote not in _QUOTES:
                return False
        elif escaped:
            escaped = False
        elif quote and char == "\\":
            escaped = True
        elif quote and char == quote:
            quote = ""
        elif not quote and char in (*_QUOTES, "`"):
            quote = char
    return quote == ""
