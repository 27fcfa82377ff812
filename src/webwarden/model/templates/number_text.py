"""Text a function writes from numbers: a numeric format of a value, and the author's
literals around it (`format(area, ".2f") + " m<sup>2</sup>"`).

A numeric presentation type (`f`, `d`, `e`, `%`, ...) refuses a string (`format("x",
".2f")` raises), so what it writes is digits, a sign, a point and an exponent: nothing
HTML gives a meaning to. Not `c`, which writes the character a number codes (`<` too),
nor `s`, `r` or `a`.
"""

from __future__ import annotations

import ast
import re

_NUMERIC_SPEC = re.compile(r"[^{}]*[bdeEfFgGnoxX%]")
"""A format spec (`.2f`, `,d`, `>8.1%`) ending in a numeric presentation type."""
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?([a-zA-Z%])")
_NUMERIC_CONVERSIONS = frozenset("diouxXeEfFgG%")


def number_text(value: ast.expr) -> bool:
    """Whether `value` is a number written by a numeric format: `format(x, ".2f")`,
    `"%.1f ha" % x`, `f"{x:,d} ft"` (the literal text around it is the author's)."""
    if isinstance(value, ast.Call):
        return _formatted(value)
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        return isinstance(value.left, ast.Constant) and _percent_numeric(value.left.value)
    if isinstance(value, ast.JoinedStr):
        return all(_numeric_part(part) for part in value.values)
    return False


def _formatted(call: ast.Call) -> bool:
    """`format(x, ".2f")`, or `"{:.2f} m".format(x)` with every field numeric."""
    func = call.func
    if isinstance(func, ast.Name) and func.id == "format":
        spec = call.args[1] if len(call.args) == 2 and not call.keywords else None
        return isinstance(spec, ast.Constant) and _numeric_spec(spec.value)
    if isinstance(func, ast.Attribute) and func.attr == "format":
        template = func.value
        return isinstance(template, ast.Constant) and _braces_numeric(template.value)
    return False


def _numeric_part(part: ast.expr) -> bool:
    if isinstance(part, ast.Constant):
        return isinstance(part.value, str)
    if not isinstance(part, ast.FormattedValue) or part.conversion != -1:
        return False
    spec = part.format_spec
    if not isinstance(spec, ast.JoinedStr) or len(spec.values) != 1:
        return False
    text = spec.values[0]
    return isinstance(text, ast.Constant) and _numeric_spec(text.value)


def _numeric_spec(spec: object) -> bool:
    return isinstance(spec, str) and _NUMERIC_SPEC.fullmatch(spec) is not None


def _percent_numeric(template: object) -> bool:
    """A `%` template every conversion of which writes a number (`%.2f`, `%d`, `%%`)."""
    if not isinstance(template, str):
        return False
    kinds = _PERCENT_FIELD.findall(template)
    return bool(kinds) and all(kind in _NUMERIC_CONVERSIONS for kind in kinds)


def _braces_numeric(template: object) -> bool:
    """A `str.format` template every field of which has a numeric spec (`{:.2f}`)."""
    if not isinstance(template, str):
        return False
    fields = re.findall(r"(?<!\{)\{([^{}]*)\}", template)
    return bool(fields) and all(":" in f and _numeric_spec(f.split(":", 1)[1]) for f in fields)
