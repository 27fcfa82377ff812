"""What a string built by interpolation is filled in with, and which of it cannot hold
markup (WW546).

A value formatted as a number (`%d`, `{:.2f}`) is one whatever it was; the rest is judged
by `known_safe`: constants, escaped or already safe HTML, numbers, the app's own URLs and
translated constants.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass

from webwarden.analysis.taint.sinks import MARKING_SAFE
from webwarden.analysis.taint.specs import DJANGO_REVERSE
from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.model.templates.safe_marking import TRANSLATIONS
from webwarden.model.tree import summands
from webwarden.rules.context import FileContext
from webwarden.rules.xss._script import database_key

MARKERS = frozenset(MARKING_SAFE)
"""The calls that tell the template engine a string is HTML already (WW542's sinks)."""
_ESCAPING_MARKUP = frozenset({"markupsafe.Markup", "flask.Markup", "jinja2.Markup"})
"""Jinja's `Markup`, whose `%`, `.format()` and `.join()` escape what they are given
(Django's `SafeString` has no such methods: its `%` returns a plain `str`)."""
_ESCAPED = frozenset(
    {
        "django.utils.html.escape",
        "django.utils.html.conditional_escape",
        "django.utils.html.escapejs",
        "django.utils.html.format_html",
        "django.utils.html.format_html_join",
        "django.utils.html.json_script",
        "django.template.loader.render_to_string",
        "html.escape",
        "markupsafe.escape",
        "markupsafe.Markup.escape",
        "flask.escape",
        "jinja2.escape",
        "flask.render_template",
        "bleach.clean",
        "nh3.clean",
        "urllib.parse.quote",
        "requests.utils.quote",
        "urllib.parse.quote_plus",
        "urllib.parse.urlencode",
        "django.utils.http.urlencode",
        "django.forms.utils.flatatt",
        "wtforms.widgets.html_params",
        "wtforms.widgets.core.html_params",
        *DJANGO_REVERSE,
        "flask.url_for",
    }
)
"""Calls whose result holds no markup it was not meant to: escaped or sanitised text,
attributes written with their values escaped (`flatatt`, `html_params`), HTML rendered
by an autoescaping template, a percent-quoted URL or query."""
_OWN_URLS = frozenset({"reverse", "reverse_lazy", "url_for", "get_absolute_url"})
"""URLs of the app's own routes, also through a project's wrapper (indico's `url_for`):
Django's `reverse()` and Werkzeug's URL building percent-quote `<`, `>` and `"` in the
arguments, and `get_absolute_url()` is Django's name for a model's `reverse()`."""
_CONFIG = ("django.conf.settings.", "flask.current_app.config")
"""The deployment's configuration: the operator's text, not a visitor's."""
_NUMBERS = frozenset(
    {"int", "float", "bool", "len", "round", "abs", "hasattr", "isinstance", "ord"}
)
_DECLARED = re.compile(r"(?:Form|Widget|Input|Field|Renderer|Node)$")
"""Django's forms, widgets, form fields and template nodes (and their renderers): their
own attributes (`self.label`, `self.help_text`) are set by the code declaring them."""
_HTML_NAME = re.compile(r"(?:^|_)html(?:__)?$", re.IGNORECASE)
"""`widget_html`, `get_html()`, `__html__()`: the code names the value markup."""
_CELL_PARAMETERS = frozenset({"value", "record"})
_TABLE_PART = re.compile(r"(?:Column|Table)$")
"""django-tables2's bases whose `render()` methods are handed a row (`tables.Column`,
`tables.Table`, a project's `LinkColumn`)."""
_FILTER_DECORATORS = frozenset({"filter", "simple_tag", "template_filter", "app_template_filter"})
_PERCENT = re.compile(
    r"%(?:\((?P<key>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<kind>[a-zA-Z%])"
)
_NUMERIC_KINDS = frozenset("dioueEfFgGxXbn%")
_MAX_DEPTH = 6
_SAME_TEXT = frozenset(
    {"lower", "upper", "title", "capitalize", "casefold", "swapcase", "strip", "lstrip", "rstrip"}
)
"""`str` methods whose result is their receiver's text, changed in case or trimmed: no
markup the receiver did not hold."""
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)
_UNPACKED: ast.expr = ast.Tuple(elts=[], ctx=ast.Load())
"""Marks a comprehension variable unpacked from its items (`for k, v in ...`)."""
_SAME_ITEMS = frozenset({"sorted", "list", "set", "tuple", "reversed", "frozenset"})
"""Builtins whose items are those of their first argument."""


@dataclass(frozen=True, slots=True)
class Filled:
    """One value interpolated into a string; `number` when its format makes it one."""

    value: ast.expr
    number: bool = False


def filled_in(ctx: FileContext, built: ast.expr) -> list[Filled] | None:
    """The values interpolated into `built`, or None when it is not a string built so
    (an f-string, `%` or `.format()` on a constant text, text joined with `+`: one of
    the pieces a constant, an f-string or a variable given only text, `_built_text`)."""
    match built:
        case ast.JoinedStr(values=parts):
            return [_formatted(part) for part in parts if isinstance(part, ast.FormattedValue)]
        case ast.BinOp(left=template, op=ast.Mod(), right=right) if _text(ctx, template):
            return _percent_values(_text(ctx, template) or "", right)
        case ast.Call(func=ast.Attribute(value=template, attr="format")) if _text(ctx, template):
            return _format_values(_text(ctx, template) or "", built)
        case ast.BinOp(op=ast.Add()):
            pieces = summands(built)
            if not any(
                _text(ctx, piece) is not None or _built_text(ctx, piece) for piece in pieces
            ):
                return None
            return [
                filled
                for piece in pieces
                if not ctx.is_constant(piece)
                for filled in (filled_in(ctx, piece) or [Filled(piece)])
            ]
    return None


def _built_text(ctx: FileContext, node: ast.expr, depth: int = 0) -> bool:
    """Whether `node` is text however it is not one constant: an f-string, a choice of
    texts (`"Files released" if files else "Released"`), or a variable of the function
    given only such values (`suffix = f" by {user.name}"`), so that `+` joins text
    (`mark_safe(prefix + suffix)`), not numbers."""
    if isinstance(ctx.evaluate(node), str) or isinstance(node, ast.JoinedStr):
        return True
    if depth >= 2:
        return False
    if isinstance(node, ast.IfExp):
        return _built_text(ctx, node.body, depth + 1) and _built_text(ctx, node.orelse, depth + 1)
    if isinstance(node, ast.Name):
        values = ctx.scopes.values_of(node) or []
        return bool(values) and all(
            v is not UNKNOWN_BINDING and v is not CHANGED_BINDING and _built_text(ctx, v, depth + 1)
            for v in values
        )
    return False


def _text(ctx: FileContext, node: ast.expr) -> str | None:
    """The constant text of `node`, also through a translation call (`_("<b>%s</b>")`)."""
    if isinstance(node, ast.Call) and _is_translation(ctx, node) and node.args:
        node = node.args[-1] if _last_part(ctx, node).startswith("p") else node.args[0]
    value = ctx.evaluate(node)
    return value if isinstance(value, str) else None


def _formatted(part: ast.FormattedValue) -> Filled:
    spec = part.format_spec
    kind = ""
    if isinstance(spec, ast.JoinedStr) and all(isinstance(v, ast.Constant) for v in spec.values):
        kind = "".join(str(v.value) for v in spec.values if isinstance(v, ast.Constant))[-1:]
    return Filled(part.value, kind != "" and kind in _NUMERIC_KINDS and part.conversion == -1)


def _percent_values(template: str, right: ast.expr) -> list[Filled]:
    kinds = [m for m in _PERCENT.finditer(template) if m["kind"] != "%"]
    if isinstance(right, ast.Dict) and all(isinstance(k, ast.Constant) for k in right.keys):
        by_key = {m["key"]: m["kind"] for m in kinds}
        return [
            Filled(value, by_key.get(getattr(key, "value", None), "s") in _NUMERIC_KINDS)
            for key, value in zip(right.keys, right.values, strict=True)
        ]
    values = right.elts if isinstance(right, ast.Tuple) else [right]
    if len(kinds) != len(values) or "*" in template:
        return [Filled(value) for value in values]
    return [Filled(v, m["kind"] in _NUMERIC_KINDS) for v, m in zip(values, kinds, strict=True)]


def _format_values(template: str, call: ast.Call) -> list[Filled]:
    uses: dict[str, set[bool]] = {}
    automatic = 0
    try:
        fields = [f for f in string.Formatter().parse(template) if f[1] is not None]
    except ValueError:
        fields = []
    for _, name, spec, conversion in fields:
        key = re.split(r"[.\[]", name or "")[0]
        if key == "":
            key, automatic = str(automatic), automatic + 1
        number = bool(spec) and (spec or "")[-1] in _NUMERIC_KINDS and not conversion
        uses.setdefault(key, set()).add(number)
    values = [(str(i), arg) for i, arg in enumerate(call.args)]
    values += [(k.arg or "**", k.value) for k in call.keywords]
    return [Filled(value, uses.get(key) == {True}) for key, value in values]


def _last_part(ctx: FileContext, call: ast.Call) -> str:
    """The callee's own name (`render` in `super().render(...)`)."""
    name = ctx.call_name(call)
    if name is not None:
        return name.rpartition(".")[2]
    return call.func.attr if isinstance(call.func, ast.Attribute) else ""


def _is_translation(ctx: FileContext, call: ast.Call) -> bool:
    return _last_part(ctx, call) in TRANSLATIONS


def known_safe(ctx: FileContext, value: ast.expr, depth: int = 0) -> bool:
    """Whether `value` cannot carry markup an attacker wrote: a constant, escaped, safe or
    rendered HTML, a number, a key, a URL of the app's own, configuration, a translated
    constant, or text built of those alone."""
    if depth > _MAX_DEPTH:
        return False
    if ctx.is_constant(value) or named_html(value):
        return True
    deeper = depth + 1
    filled = filled_in(ctx, value)
    if filled is not None:
        return all(f.number or known_safe(ctx, f.value, deeper) for f in filled)
    match value:
        case ast.Name():
            iterable = _comprehension_iterable(ctx, value)
            if iterable is not None:
                return iterable is _UNPACKED or _safe_items(ctx, iterable, deeper)
            values = ctx.scopes.values_of(value) or [UNKNOWN_BINDING]
            return all(_assigned_safe(ctx, value, v, deeper) for v in values)
        case ast.Attribute(attr=attr):
            return database_key(attr) or _is_config(ctx, value) or _declared(ctx, value)
        case ast.Subscript(value=holder, slice=key):
            return _safe_item(ctx, holder, key, deeper)
        case ast.Call():
            return _safe_call(ctx, value, deeper)
        case ast.UnaryOp() | ast.Compare():
            return True
        case ast.BoolOp(values=values) | ast.Tuple(elts=values) | ast.Dict(values=values):
            # NOTE: a tuple or mapping of values formatted into text by `%`.
            return all(known_safe(ctx, v, deeper) for v in values)
        case ast.IfExp(body=body, orelse=orelse):
            return known_safe(ctx, body, deeper) and known_safe(ctx, orelse, deeper)
        case ast.BinOp(left=ast.Call() as left, op=ast.Mod()) if _is_markup(ctx, left):
            return True
        case ast.BinOp(op=ast.Sub() | ast.Div() | ast.FloorDiv() | ast.Pow()):
            return True
    if isinstance(value, ast.BinOp):
        return known_safe(ctx, value.left, deeper) and known_safe(ctx, value.right, deeper)
    return False


def _comprehension_iterable(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """What the comprehension binding `name` iterates over (`_UNPACKED` when its target
    unpacks the items); None when no comprehension around the read binds it. Its items
    are in sight: `[f"<li>{t}</li>" for t in obj.tags.values_list("name", flat=True)]`."""
    inner: ast.AST = name
    within: ast.AST = name
    for holder in ctx.ancestors(name):
        if isinstance(holder, ast.stmt):
            return None
        if isinstance(holder, _COMPREHENSIONS):
            generators = holder.generators
            if isinstance(inner, ast.comprehension):
                # NOTE: a generator's iterable sees the generators before it (the first
                # one's, the enclosing scope); its conditions see its own target too.
                position = next(i for i, g in enumerate(generators) if g is inner)
                seen = position if within is inner.iter else position + 1
                generators = generators[:seen]
            for generator in reversed(generators):
                if isinstance(generator.target, ast.Name):
                    if generator.target.id == name.id:
                        return generator.iter
                elif any(
                    isinstance(n, ast.Name) and n.id == name.id for n in ast.walk(generator.target)
                ):
                    return _UNPACKED
        within, inner = inner, holder
    return None


def _safe_items(ctx: FileContext, iterable: ast.expr, depth: int) -> bool:
    """Whether every item of `iterable` is safe: constants written out, numbers from
    `range()`, keys from `values_list("id", flat=True)`, or a safe value's items."""
    if depth > _MAX_DEPTH:
        return False
    match iterable:
        case ast.List(elts=elts) | ast.Tuple(elts=elts) | ast.Set(elts=elts):
            return all(known_safe(ctx, e, depth) for e in elts)
        case ast.Name() if _comprehension_iterable(ctx, iterable) is not None:
            # NOTE: the items of an outer comprehension's variable: judged as that is.
            return known_safe(ctx, iterable, depth)
        case ast.Name():
            values = ctx.scopes.values_of(iterable) or [UNKNOWN_BINDING]
            return all(
                _assigned_safe(ctx, iterable, v, depth)
                if v is UNKNOWN_BINDING or v is CHANGED_BINDING
                else _safe_items(ctx, v, depth + 1)
                for v in values
            )
        case ast.Call(args=args):
            last = _last_part(ctx, iterable)
            if last == "range":
                return True
            if last == "values_list" and args and all(_safe_key(ctx, a) for a in args):
                return True
            if ctx.call_name(iterable) in _SAME_ITEMS and len(args) >= 1:
                return _safe_items(ctx, args[0], depth + 1)
    return known_safe(ctx, iterable, depth)


def _assigned_safe(ctx: FileContext, name: ast.Name, value: ast.expr, depth: int) -> bool:
    """Whether one value a name was given is safe. A parameter, a loop variable or text
    added to over several statements has its origin out of sight and is left to where it
    is made, except a template filter's or tag's parameter (the template's data) and the
    cell a django-tables2 column or table renders (`value`, `record`: a row's fields)."""
    if value is UNKNOWN_BINDING or value is CHANGED_BINDING:
        return not _in_template_filter(ctx, name) and not _rendered_cell(ctx, name)
    return known_safe(ctx, value, depth)


def _rendered_cell(ctx: FileContext, name: ast.Name) -> bool:
    """Whether `name` is the `value` or `record` parameter of a `render()` or
    `render_<column>()` method of a class of a module using django-tables2 (a `Column` or
    `Table` subclass): the row's data the table shows."""
    if name.id not in _CELL_PARAMETERS or not ctx.mentions("django_tables2"):
        return False
    function = ctx.scopes.enclosing_function(name)
    if function is None or not (function.name == "render" or function.name.startswith("render_")):
        return False
    if name.id not in {a.arg for a in function.args.args}:
        return False
    holder = ctx.scopes.enclosing_scope(function)
    return isinstance(holder, ast.ClassDef) and any(
        _TABLE_PART.search(ast.unparse(base)) for base in holder.bases
    )


def _in_template_filter(ctx: FileContext, node: ast.AST) -> bool:
    function = ctx.scopes.enclosing_function(node)
    if function is None:
        return False
    for decorator in function.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in _FILTER_DECORATORS:
            return True
    return False


def named_html(value: ast.expr) -> bool:
    """Whether the code names the value HTML (`widget_html`, `obj.get_html()`): markup it
    made on purpose, judged where it is built."""
    target = value.func if isinstance(value, ast.Call) else value
    name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
    return bool(_HTML_NAME.search(name))


def _declared(ctx: FileContext, value: ast.Attribute) -> bool:
    """`self.label` in a form, widget, form field or template node class."""
    if not (isinstance(value.value, ast.Name) and value.value.id == "self"):
        return False
    function = ctx.scopes.enclosing_function(value)
    holder = ctx.scopes.enclosing_scope(function) if function is not None else None
    return isinstance(holder, ast.ClassDef) and any(
        _DECLARED.search(ast.unparse(base)) for base in holder.bases
    )


def _is_config(ctx: FileContext, value: ast.expr) -> bool:
    return (ctx.qualified(value) or "").startswith(_CONFIG)


def _safe_item(ctx: FileContext, holder: ast.expr, key: ast.expr, depth: int) -> bool:
    """`attrs["id"]`, `settings.NAMES[k]`, `{True: "yes"}[flag]`."""
    if isinstance(holder, ast.Dict):
        return all(known_safe(ctx, v, depth) for v in holder.values)
    base = holder
    while isinstance(base, ast.Subscript):
        base = base.value
    declared = isinstance(base, ast.Attribute) and _declared(ctx, base)
    return declared or _safe_key(ctx, key) or _is_config(ctx, holder)


def _safe_key(ctx: FileContext, key: ast.expr) -> bool:
    """Whether an item so named is a key (`attrs["id"]`, `row.get("author_id")`)."""
    name = ctx.evaluate(key)
    return isinstance(name, str) and database_key(name)


def _safe_call(ctx: FileContext, call: ast.Call, depth: int) -> bool:
    name = ctx.call_name(call) or ""
    last = _last_part(ctx, call)
    if name in _ESCAPED or name in MARKERS or name in _NUMBERS or last in _OWN_URLS:
        return True
    if last.lstrip("_").startswith("render") or _is_config(ctx, call.func):
        return True
    if last == "get" and call.args and _safe_key(ctx, call.args[0]):
        return True
    if name == "str" and len(call.args) == 1:
        return known_safe(ctx, call.args[0], depth)
    if isinstance(call.func, ast.Attribute) and call.func.attr in _SAME_TEXT:
        return known_safe(ctx, call.func.value, depth)
    if _is_translation(ctx, call):
        texts = call.args[:-1] if "ngettext" in last else call.args
        return all(ctx.is_constant(arg) for arg in texts)
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("format", "join"):
        receiver = call.func.value
        if isinstance(receiver, ast.Call) and _is_markup(ctx, receiver):
            return True
        if call.func.attr == "join" and ctx.is_constant(receiver) and len(call.args) == 1:
            return _safe_pieces(ctx, call.args[0], depth)
    return False


def _safe_pieces(ctx: FileContext, pieces: ast.expr, depth: int) -> bool:
    """The pieces a constant separator joins: each judged when written out here (a list,
    a comprehension); a list filled over several statements is not followed."""
    match pieces:
        case ast.List(elts=elts) | ast.Tuple(elts=elts) | ast.Set(elts=elts):
            return all(known_safe(ctx, e, depth) for e in elts)
        case ast.ListComp(elt=elt) | ast.GeneratorExp(elt=elt) | ast.SetComp(elt=elt):
            return known_safe(ctx, elt, depth)
    return True


def _is_markup(ctx: FileContext, call: ast.Call) -> bool:
    return ctx.call_name(call) in _ESCAPING_MARKUP
