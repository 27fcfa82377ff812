"""JSON a view encodes for a `<script>` block itself: `json.dumps(...)` with `<`, `>` and
`&` replaced by JavaScript escapes, as Django's `json_script` does, or given to Bleach's
`clean()` with its default options, which escapes `<`, `>` and `&` outside the few
formatting tags it allows and drops comments: nothing is left that ends the block."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.safe_marking import SAFE_MARKERS

_JSON_ENCODERS = frozenset({"json.dumps", "simplejson.dumps", "orjson.dumps"})
_HTML_CLEANERS = frozenset({"bleach.clean"})
_DJANGO_ESCAPES = "django.utils.html._json_script_escapes"
_MARKUP = ("<", ">", "&")
"""What ends a `<script>` block (`</script>`, `<!--`) or starts an entity: JSON with
these escaped is a JavaScript literal that cannot leave the block."""


def script_safe_json(ctx: FileContext, value: ast.expr) -> bool:
    """`json.dumps(data).translate(table)`, marked safe or not, with a table that maps
    `<`, `>` and `&` to text holding none of them (`str.maketrans({"<": "\\u003C", ...})`,
    a dict keyed by `ord("<")`, Django's `_json_script_escapes`)."""
    while (
        isinstance(value, ast.Call)
        and len(value.args) == 1
        and (ctx.call_name(value) or "").rsplit(".", 1)[-1] in SAFE_MARKERS
    ):
        value = value.args[0]
    value = _bound(ctx, value)
    if _cleaned_json(ctx, value):
        return True
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "translate"
        and len(value.args) == 1
    ):
        return False
    encoded = value.func.value
    if not (isinstance(encoded, ast.Call) and ctx.call_name(encoded) in _JSON_ENCODERS):
        return False
    return _escapes_markup(ctx, value.args[0])


def _bound(ctx: FileContext, value: ast.expr) -> ast.expr:
    """The value a local bound once holds (`clean = bleach.clean(encoded)`), else `value`."""
    if isinstance(value, ast.Name):
        bound = ctx.lookup(value)
        return value if bound is None else bound
    return value


def _cleaned_json(ctx: FileContext, value: ast.expr) -> bool:
    """`bleach.clean(json.dumps(data))` with Bleach's default tags and comment stripping
    (no keyword: `tags=` could allow `script`, `strip_comments=False` keep `<!--`)."""
    if not (
        isinstance(value, ast.Call)
        and ctx.call_name(value) in _HTML_CLEANERS
        and len(value.args) == 1
        and not value.keywords
    ):
        return False
    encoded = _bound(ctx, value.args[0])
    return isinstance(encoded, ast.Call) and ctx.call_name(encoded) in _JSON_ENCODERS


def _escapes_markup(ctx: FileContext, table: ast.expr | None) -> bool:
    if isinstance(table, ast.Name | ast.Attribute) and ctx.qualified(table) == _DJANGO_ESCAPES:
        return True
    if isinstance(table, ast.Name):
        table = ctx.lookup(table)
    if (
        isinstance(table, ast.Call)
        and isinstance(table.func, ast.Attribute)
        and table.func.attr == "maketrans"
        and len(table.args) == 1
    ):
        table = table.args[0]
    if not isinstance(table, ast.Dict):
        return False
    replaced: dict[str, str] = {}
    for key, by in zip(table.keys, table.values, strict=True):
        char = _character(key)
        if char is not None and isinstance(by, ast.Constant) and isinstance(by.value, str):
            replaced[char] = by.value
    return all(
        char in replaced and not any(mark in replaced[char] for mark in _MARKUP) for char in _MARKUP
    )


def _character(key: ast.expr | None) -> str | None:
    """The character a translation table's key stands for: `"<"`, `60` or `ord("<")`."""
    if isinstance(key, ast.Call) and isinstance(key.func, ast.Name) and key.func.id == "ord":
        key = key.args[0] if len(key.args) == 1 else None
    if isinstance(key, ast.Constant):
        if isinstance(key.value, str) and len(key.value) == 1:
            return key.value
        if isinstance(key.value, int) and not isinstance(key.value, bool):
            return chr(key.value) if 0 <= key.value < 0x110000 else None
    return None
