"""Request data passed into a template's context, recorded for the template rules.

A renderer's call feeds each context name it passes (`render_template("x.html", q=q)`).
A project function that passes its own template parameter and its `**kwargs` (or a dict
parameter) on to a renderer is a renderer too: its summary keeps that (`FORWARDS`, and
`PASSES` for a parameter it passes under a name), and each call of it feeds the names the
caller passes in that parameter, at the caller's call,
where the template model has the render (see `model.templates.extract_wrappers`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.records import attributes_only
from webwarden.analysis.taint.sinks import FEED
from webwarden.analysis.taint.specs import (
    DJANGO_FORM_BASES,
    FORM_BASES,
    FORM_PREFILLED,
    FORM_RENDERED,
    RENDERERS,
)
from webwarden.analysis.taint.state import Summary
from webwarden.analysis.taint.validation_errors import ELEMENT
from webwarden.analysis.taint.values import DICTS, OTHERS, VALUES, Value, cleanse, symbolic

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.interpret import Interpreter

FORWARDS = "<forwards>"
"""The summary sink rule of a function whose parameter (named after it) is a render's
context, the template being another parameter."""

PASSES = "<passes>"
"""The summary sink rule of such a function's parameter passed under a context name of
its own (`title=title`): `<passes>title=title`."""

RENDERER_TEMPLATES: dict[str, tuple[int, str]] = {
    "flask.render_template": (0, "template_name_or_list"),
    "flask.templating.render_template": (0, "template_name_or_list"),
    "flask.stream_template": (0, "template_name_or_list"),
    "flask_theme.render_theme_template": (1, "template_name"),
    "flask_themes2.render_theme_template": (1, "template_name"),
    "django.shortcuts.render": (1, "template_name"),
    "django.template.response.TemplateResponse": (1, "template"),
}
"""Where a renderer takes its template name (others: first, or `template_name`)."""


def fed(interp: Interpreter, node: ir.Call, name: str, args: Args, keywords: Keywords) -> None:
    """Request data a renderer's call passes into the template's context."""
    at = RENDERERS[name]
    if at < 0:
        names = [(key, value) for key, _, value in keywords if key]
        context = [
            (n.value, value) for key, n, value in keywords if key is None and isinstance(n, ir.Star)
        ]
    else:
        given = _keyword(keywords, "context") or (args[at] if len(args) > at else None)
        parts = given[1].parts if given is not None and given[1].parts else {}
        names = [(key[1:-1], value) for key, value in parts.items() if key.startswith("[")]
        context = [(n, given[1]) for n in _spread(given[0])] if given is not None else []
    feed(interp, node.pos, name, names)
    if _template_parameter(interp, name, args, keywords):
        _forwards(interp, node, name, context)
        if at < 0:
            passed = [(key, n) for key, n, _ in keywords if key]
        else:
            given = _keyword(keywords, "context") or (args[at] if len(args) > at else None)
            passed = _display_items(given[0]) if given is not None else []
        _passes(interp, node, name, passed)


LOADED_TEMPLATES = frozenset(
    {"django.template.loader.get_template", "django.template.loader.select_template"}
)
"""Django's loaders, whose template's `render(context, request=None)` renders `context`."""
LOADED_RENDER = "django.template.backends.django.Template.render"


def loaded_fed(interp: Interpreter, node: ir.Call, args: Args, keywords: Keywords) -> None:
    """Request data `get_template(name).render(context)` passes into the template's
    context (also through a local holding the loaded template): what the template model
    records as that render, whose context names it then knows what the data is safe for."""
    given = _keyword(keywords, "context") or (args[0] if args else None)
    parts = given[1].parts if given is not None and given[1].parts else {}
    feed(interp, node.pos, LOADED_RENDER, [(k[1:-1], v) for k, v in parts.items() if k[:1] == "["])


def feed(interp: Interpreter, pos: ir.Pos, text: str, names: Iterable[tuple[str, Value]]) -> None:
    """Report each context name that carries request data."""
    records = partial(attributes_only, interp.engine.index)
    for key, value in names:
        escaped = _renders_escaped(interp, value)
        marks = FORM_PREFILLED if escaped and _prefilled_only(value) else FORM_RENDERED
        for fed_name, held in _set_attributes(key, value, records):
            taint = held.whole()
            if taint and escaped:
                taint = cleanse(taint, marks)
            if taint:
                interp.reached(f"{FEED}{fed_name}", interp.relpath, pos, text, taint)
        for fed_name, held in _cleaned_fields(interp, key, value) if escaped else ():
            if held.tainted:
                interp.reached(f"{FEED}{fed_name}", interp.relpath, pos, text, held.whole())


def _cleaned_fields(interp: Interpreter, key: str, form: Value) -> list[tuple[str, Value]]:
    """Each field of a bound Django form's `cleaned_data` fed alone
    (`form.cleaned_data.url`): what its field class checked (a `URLField`'s web scheme)
    holds for it, whatever the form's other fields and its raw `data` hold."""
    if not form.kind.startswith("cls:") or not interp.engine.index.inherits(
        form.kind[4:], DJANGO_FORM_BASES
    ):
        return []
    read = ir.Attr(ir.Local(key), "cleaned_data")
    cleaned = interp.read_attr(form, "cleaned_data", read)
    return [
        (f"{key}.cleaned_data.{part[1:-1]}", held)
        for part, held in (cleaned.parts or {}).items()
        if _item_name(part)
    ]


_ITEM_ATTRIBUTES = frozenset({".object_list", ".items"})
"""Attributes a page of rows iterates (Django's `Page.object_list`, Flask-SQLAlchemy's
`Pagination.items`): what the template's loop over the page reads."""


def _set_attributes(
    key: str, value: Value, records: Callable[[str], bool]
) -> list[tuple[str, Value]]:
    """The context names a value feeds: `key`, or when its data is only in attributes
    the code set on it (`paginated.url = build_paged_url(request)` on a page of rows),
    each such attribute alone (`page.url`): the template's loop over the page reads its
    rows, which hold none of it; likewise when it is only in named items of a dict
    (`{"url": url_for(view, page=page), "label": f"page {page}"}`, a helper's too), each
    such item alone (`next_page.label`), as a display passed in place is read key by key.
    A project class's instance feeds `key` whole (its properties and methods may read
    the attributes under other names), unless its class has none (`records`): each
    attribute then feeds alone (`bookmark_list.items`), and so does each attribute of the
    instances a list of them holds (`bookmark_list.items.url`, read in a loop)."""
    if _record(value, records):
        return _record_attributes(key, value, records)
    if value.taint and value.parts and not value.kind.startswith("cls:"):
        # NOTE: a dict of request data the view set items on (`info = dict(request.args);
        # info["stats"] = Stats()`): the template reads each item the view set apart.
        items = {k: part for k, part in value.parts.items() if _item_name(k)}
        rest = {k: part for k, part in value.parts.items() if k not in items}
        own = Value(value.taint, rest or None, value.kind)
        return [(key, own), *((f"{key}.{k[1:-1]}", part) for k, part in items.items())]
    if value.taint or not value.parts or value.kind.startswith("cls:"):
        return [(key, value)]
    if value.kind == "<dict>" and VALUES in value.parts:
        return _values_apart(key, value, value.parts[VALUES])
    element = value.part(ELEMENT) if value.kind == DICTS else None
    if element is not None and not _besides_element(value) and _record(element, records):
        return _record_attributes(key, element, records)
    if element is not None and not _besides_element(value) and not element.taint:
        # NOTE: a list of dicts with the code's keys (`links.append({"url": ..., "title":
        # title})`): a template's loop reads each key of its elements apart (`link.url`).
        items = {k: part for k, part in (element.parts or {}).items() if part.tainted}
        if items and all(_item_name(k) for k in items):
            return [(f"{key}.{k[1:-1]}", part) for k, part in items.items()]
        if items and element.kind == "<tuple>" and all(k.startswith("#") for k in items):
            # NOTE: a list of tuples with known positions (`[(f.name, url_for(...)) for f
            # in found]`): a template's `{% for name, link in files %}` reads each
            # position apart (`files.#1`, see `ParsedTemplate.aliases`).
            return [(f"{key}.{k}", part) for k, part in items.items()]
        return [(key, value)]
    held = {attr: part for attr, part in value.parts.items() if part.tainted}
    if any(not (attr.startswith(".") or _item_name(attr)) for attr in held):
        return [(key, value)]
    if any(attr in _ITEM_ATTRIBUTES for attr in held):
        return [(key, value)]
    return [(f"{key}.{attr.strip('.[]')}", part) for attr, part in held.items()]


def _record(value: Value, records: Callable[[str], bool]) -> bool:
    """An instance, holding data in attributes alone, of a class with no method or
    property that could read them under other names."""
    return (
        value.kind.startswith("cls:")
        and not value.taint
        and bool(value.parts)
        and all(k.startswith(".") for k, part in (value.parts or {}).items() if part.tainted)
        and records(value.kind[4:])
    )


def _record_attributes(
    key: str, value: Value, records: Callable[[str], bool]
) -> list[tuple[str, Value]]:
    """Each attribute holding data of such an instance, fed under its own name."""
    return [
        fed
        for attribute, part in (value.parts or {}).items()
        if part.tainted
        for fed in _set_attributes(f"{key}.{attribute[1:]}", part, records)
    ]


def _values_apart(key: str, value: Value, shaped: Value) -> list[tuple[str, Value]]:
    """A dict with the code's keys whose values are dict displays the code stored under
    them (`plots[f"{host}_{ctx}"] = {"url": url_for(...), "case": case}`): a template's
    loop over its `.items()` or `.values()` reads each item of the values apart
    (`plots.items.#1.url`, `plots.values.url`). Whole when anything else holds data: an
    item under a constant key, a value of no known shape."""
    others = value.parts.get(OTHERS) if value.parts else None
    held = others.whole() if others is not None else {}
    besides = [
        k for k, part in (value.parts or {}).items() if k not in (OTHERS, VALUES) and part.tainted
    ]
    items = {k: part for k, part in (shaped.parts or {}).items() if part.tainted}
    if besides or shaped.taint or not items or not held.keys() <= shaped.whole().keys():
        return [(key, value)]
    if not all(_item_name(k) for k in items):
        return [(key, value)]
    return [
        (f"{key}.{read}.{k[1:-1]}", part)
        for k, part in items.items()
        for read in ("items.#1", "values")
    ]


def _besides_element(value: Value) -> bool:
    """Whether a list of dicts holds data besides its dicts' items."""
    return any(k != ELEMENT and part.tainted for k, part in (value.parts or {}).items())


def _item_name(part: str) -> bool:
    """`[stats]`: an item with a name a template reads as `info.stats`."""
    return part.startswith("[") and part.endswith("]") and part[1:-1].isidentifier()


def forwarded(
    interp: Interpreter, node: ir.Call, summary: Summary, binding: Mapping[str, Value]
) -> None:
    """A call of a function that renders what its caller names: the keys of the argument
    its context parameter gets feed the template, at this call."""
    for (rule, _, _, _), (text, _) in summary.sinks.items():
        if rule.startswith(PASSES):
            name, _, param = rule[len(PASSES) :].partition("=")
            value = binding.get(param)
            if value is not None:
                feed(interp, node.pos, text, [(name, value)])
            continue
        if not rule.startswith(FORWARDS):
            continue
        value = binding.get(rule[len(FORWARDS) :])
        parts = value.parts if value is not None and value.parts else {}
        names = [(key[1:-1], part) for key, part in parts.items() if key.startswith("[")]
        feed(interp, node.pos, text, names)


def _forwards(
    interp: Interpreter,
    node: ir.Call,
    name: str,
    context: list[tuple[ir.Expr, Value]],
) -> None:
    params = {p.name for p in interp.function.params}
    for expr, value in context:
        if isinstance(expr, ir.Local) and expr.name in params:
            key = (f"{FORWARDS}{expr.name}", interp.relpath, node.pos[0], node.pos[1])
            interp.summary.sinks[key] = (name, symbolic(value.whole()))


def _passes(
    interp: Interpreter, node: ir.Call, name: str, passed: list[tuple[str, ir.Expr]]
) -> None:
    params = {p.name for p in interp.function.params}
    for key, expr in passed:
        if isinstance(expr, ir.Local) and expr.name in params:
            rule = f"{PASSES}{key}={expr.name}"
            interp.summary.sinks[(rule, interp.relpath, node.pos[0], node.pos[1])] = (name, {})


def _display_items(node: ir.Expr) -> list[tuple[str, ir.Expr]]:
    if not isinstance(node, ir.DictE):
        return []
    return [
        (k.value, v)
        for k, v in zip(node.keys, node.values, strict=True)
        if isinstance(k, ir.Const) and isinstance(k.value, str)
    ]


def _template_parameter(interp: Interpreter, name: str, args: Args, keywords: Keywords) -> bool:
    """Whether the renderer's template name is a parameter of the function calling it."""
    position, keyword = RENDERER_TEMPLATES.get(name, (0, "template_name"))
    given = _keyword(keywords, keyword) or (args[position] if len(args) > position else None)
    if given is None or not isinstance(given[0], ir.Local):
        return False
    return any(p.name == given[0].name for p in interp.function.params)


def _spread(node: ir.Expr) -> list[ir.Expr]:
    """The mapping a context argument is, or the `**mapping`s of its dict display."""
    if isinstance(node, ir.DictE):
        return [v for k, v in zip(node.keys, node.values, strict=True) if k is None]
    return [node]


def _renders_escaped(interp: Interpreter, value: Value) -> bool:
    """A bound form (Django's, WTForms'): its fields render as widgets whose values the
    form library escapes (`{{ form.title }}`, `{{ field.label_tag() }}` in Jinja2), which
    the template model tells from its raw data (`form.cleaned_data`, `field.data`)."""
    if value.kind == "<form>":
        return True
    return value.kind.startswith("cls:") and interp.engine.index.inherits(
        value.kind[4:], FORM_BASES
    )


def _prefilled_only(form: Value) -> bool:
    """A form given request data only to prefill its fields (`UserForm(instance=user,
    initial={"first_name": request.GET.get("first_name")})`): unbound, so Django never
    writes that data into `form.instance` (see `objects._django_form`)."""
    initial = form.part(".initial")
    if form.taint or initial is None or not form.parts:
        return False
    return all(not part.tainted for key, part in form.parts.items() if key != ".initial")


def _keyword(keywords: Keywords, name: str) -> tuple[ir.Expr, Value] | None:
    for key, node, value in keywords:
        if key == name:
            return node, value
    return None
