"""WW571: JSON written into HTML markup marked safe (`mark_safe(f"<pre>{json.dumps(d)}</pre>")`)."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import summands
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext
from webwarden.rules.xss._interpolation import MARKERS

_ENCODERS = frozenset({"json.dumps", "simplejson.dumps", "flask.json.dumps", "ujson.dumps"})
"""Encoders that write a string's `<`, `>` and `&` as they are (not Jinja's
`htmlsafe_json_dumps` or Flask's `htmlsafe_dumps`, which escape them)."""
_MARKUP = re.compile(r"<[A-Za-z!/]")
"""A tag in the text around the JSON: the JSON lands in HTML, not in a script's value."""
_SAME_TEXT = frozenset({"strip", "lstrip", "rstrip"})
_INERT_CALLS = frozenset({"int", "float", "bool", "len", "round"})
_MAX_DEPTH = 4


class JsonInHtmlMarkedSafe(PythonRule):
    """## What it does
    Finds Django's `mark_safe()`, `SafeString()` and Jinja's `Markup()` applied to HTML
    built by interpolation (an f-string, `%`, `.format()` or `+` on text holding a tag)
    into which JSON from `json.dumps()` (or `simplejson`, `ujson`, `flask.json`) of a
    non-constant value is written: `mark_safe(f"<pre>{json.dumps(obj.data, indent=4)}</pre>")`,
    also through a variable of the same function given such JSON (`dumped =
    json.dumps(data)`), changed by `.replace()` calls none of which replaces `<`. A
    value of constants, numbers or counts only is not reported, nor is JSON escaped
    before it is written (`escape(json.dumps(data))`, `format_html()`), translated by a
    table (Django's `json_script` way), or put into Jinja's `Markup("<pre>%s</pre>") %
    ...`, which escapes it.

    ## Why is this bad?
    JSON is not HTML: `json.dumps()` writes a string's `<`, `>` and `&` as they are, so a
    value holding `<img src=x onerror=...>` (or `</textarea><script>`) becomes markup
    once the HTML around it is marked safe. Such helpers usually show stored data - a
    submitted form, a webhook's payload, an API client's metadata - in an admin page or
    a debug view: stored cross-site scripting in the browser of staff.

    ## Known problems
    JSON marked safe on its own (`mark_safe(json.dumps(config))`), usually written into
    a `<script>` for the page's code, is not reported, nor is JSON the HTML itself puts
    in a `<script>` element (`mark_safe(f"<script>var SETTINGS = {json.dumps(js_settings(
    request))};</script>")`, a template tag handing the front end its configuration):
    there only `</script>` or `<!--` in the data breaks out, and the values are mostly
    the app's own; WW546 (opt-in) and the template rules judge what such JSON holds. Where the data comes from is not
    followed: a helper given its data as a parameter is reported whoever calls it.

    ## Example
    ```python
    import json

    from django.utils.safestring import mark_safe


    def pretty_data(submission):
        return mark_safe(f"<pre>{json.dumps(submission.data, indent=4)}</pre>")
    ```

    ## Fix
    ```python
    import json

    from django.utils.html import format_html


    def pretty_data(submission):
        return format_html("<pre>{}</pre>", json.dumps(submission.data, indent=4))
    ```

    ## References
    - [CWE-79: Cross-site Scripting](https://cwe.mitre.org/data/definitions/79.html)
    - [Django docs: format_html](https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html)
    - [Django docs: json_script](https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script)
    - [OWASP: Cross Site Scripting Prevention Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html)
    """

    code = "WW571"
    name = "json-in-html-marked-safe"
    practice = Practice.XSS
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 79
    message = "`{call}()` marks HTML holding `{data}` written as JSON as safe: `json.dumps()` escapes no `<`"
    fix = "escape the JSON before it joins the HTML: `format_html('<pre>{{}}</pre>', json.dumps(data))`"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = MARKERS
    supersedes = ("WW546",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in MARKERS:
            return
        argument = ctx.argument(node, 0, "s")
        if argument is None:
            return
        for built in _built(ctx, node, argument):
            data = _json_in_markup(ctx, built)
            if data is not None:
                shown = ast.unparse(data)
                shown = shown if len(shown) <= 40 else shown[:37] + "..."
                yield self.finding(ctx, node, call=name.rpartition(".")[2], data=shown)
                return


def _built(ctx: FileContext, call: ast.Call, argument: ast.expr) -> list[ast.expr]:
    """The HTML marked safe: the argument, or each value a variable of the same function
    was given."""
    if not isinstance(argument, ast.Name):
        return [argument]
    return _local_values(ctx, argument, call)


def _local_values(ctx: FileContext, name: ast.Name, read_at: ast.AST) -> list[ast.expr]:
    """What a variable of the scope reading it was given there (not a parameter's value,
    nor a global's read in a function)."""
    scope = ctx.scopes.binding_scope(name)
    if scope is None or scope is not ctx.scopes.enclosing_scope(read_at):
        return []
    return list(ctx.scopes.values_of(name) or [])


def _json_in_markup(ctx: FileContext, built: ast.expr) -> ast.expr | None:
    """The data whose JSON `built` writes between tags, when it is HTML built so (not
    in a `<script>` element: a script's value, as JSON marked safe alone is)."""
    texts, filled = _pieces(ctx, built)
    if not any(_MARKUP.search(text) for text in texts):
        return None
    found = (_encoded(ctx, value, 0) for value, scripted in filled if not scripted)
    return next(filter(None, found), None)


_Filled = list[tuple[ast.expr, bool]]
"""The values put into a string, each with whether it lands in a `<script>` element."""
_SCRIPT_OPEN = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
_SCRIPT_CLOSE = re.compile(r"</script", re.IGNORECASE)
_CONVERSION = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]")


def _in_script(before: str) -> bool:
    """Whether text written after `before` is inside a `<script>` element it opened."""
    opened = [m.end() for m in _SCRIPT_OPEN.finditer(before)]
    closed = [m.start() for m in _SCRIPT_CLOSE.finditer(before)]
    return bool(opened) and (not closed or opened[-1] > closed[-1])


def _pieces(ctx: FileContext, built: ast.expr) -> tuple[list[str], _Filled]:
    """The constant text of an interpolated string and the values put into it."""
    match built:
        case ast.JoinedStr() | ast.BinOp(op=ast.Add()):
            texts: list[str] = []
            filled: _Filled = []
            _joined(ctx, built, texts, filled)
            return texts, filled
        case ast.BinOp(left=template, op=ast.Mod(), right=right):
            text = ctx.evaluate(template)
            if not isinstance(text, str):
                return [], []
            values = list(right.elts) if isinstance(right, ast.Tuple) else [right]
            return [text], _percent_filled(text, values)
        case ast.Call(func=ast.Attribute(value=template, attr="format")):
            text = ctx.evaluate(template)
            if not isinstance(text, str):
                return [], []
            return [text], _format_filled(text, built)
    return [], []


def _joined(ctx: FileContext, built: ast.expr, texts: list[str], filled: _Filled) -> None:
    """An f-string's or a `+` chain's text and values, in the order they are written."""
    pieces: list[ast.expr] = list(summands(built)) if isinstance(built, ast.BinOp) else [built]
    for piece in pieces:
        text = ctx.evaluate(piece)
        if isinstance(text, str):
            texts.append(text)
        elif isinstance(piece, ast.JoinedStr):
            for part in piece.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    texts.append(part.value)
                elif isinstance(part, ast.FormattedValue):
                    filled.append((part.value, _in_script("".join(texts))))
        else:
            filled.append((piece, _in_script("".join(texts))))


def _percent_filled(text: str, values: list[ast.expr]) -> _Filled:
    """The values `%` puts into `text`, in order; when the conversions do not pair with
    them one by one (a mapping), each is in a script only if every conversion is."""
    spots = [m.start() for m in _CONVERSION.finditer(text) if m.group() != "%%"]
    if len(spots) == len(values):
        return [(value, _in_script(text[:spot])) for value, spot in zip(values, spots, strict=True)]
    everywhere = bool(spots) and all(_in_script(text[:spot]) for spot in spots)
    return [(value, everywhere) for value in values]


def _format_filled(text: str, call: ast.Call) -> _Filled:
    """The values `.format()` puts into `text`, each in a script when every field naming
    it is (`{}` counted in order, `{0}` by position, `{name}` by keyword)."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        fields = []
    spots: dict[int | str, list[bool]] = {}
    before, counted = "", 0
    for literal, field, _, _ in fields:
        before += literal
        if field is None:
            continue
        head = re.split(r"[.\[]", field, maxsplit=1)[0]
        key: int | str = head if head and not head.isdigit() else int(head or counted)
        counted += not head
        spots.setdefault(key, []).append(_in_script(before))
        before += "{}"
    given: list[tuple[int | str, ast.expr]] = list(enumerate(call.args))
    given += [(k.arg, k.value) for k in call.keywords if k.arg is not None]
    return [(value, all(spots.get(key, [False]))) for key, value in given]


def _encoded(ctx: FileContext, value: ast.expr, depth: int) -> ast.expr | None:
    """The non-constant data `value` is the unescaped JSON of, if it is."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(value, ast.Name):
        found = (_encoded(ctx, each, depth + 1) for each in _local_values(ctx, value, value))
        return next(filter(None, found), None)
    if not isinstance(value, ast.Call):
        return None
    if ctx.call_name(value) in _ENCODERS:
        data = ctx.argument(value, 0, "obj")
        return None if data is None or _inert(ctx, data) else data
    func = value.func
    if not isinstance(func, ast.Attribute):
        return None
    if func.attr == "replace" and value.args:
        replaced = ctx.evaluate(value.args[0])
        if not isinstance(replaced, str) or "<" in replaced:
            return None
        return _encoded(ctx, func.value, depth + 1)
    if func.attr in _SAME_TEXT:
        return _encoded(ctx, func.value, depth + 1)
    return None


def _inert(ctx: FileContext, data: ast.expr) -> bool:
    """Data whose JSON holds no text of anyone's: constants, numbers and counts, and
    displays of them."""
    if ctx.is_constant(data):
        return True
    match data:
        case ast.Dict(keys=keys, values=values):
            return all(k is None or ctx.is_constant(k) for k in keys) and all(
                _inert(ctx, v) for v in values
            )
        case ast.List(elts=items) | ast.Tuple(elts=items):
            return all(_inert(ctx, item) for item in items)
        case ast.Call(func=ast.Name(id=called)):
            return called in _INERT_CALLS
    return False
