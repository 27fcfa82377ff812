"""Whether the project's django-markupfield renderers clean the HTML they make.

django-markupfield renders a `MarkupField` with the callable its `MARKUP_FIELD_TYPES`
setting (or the field's `markup_choices=`) gives the field's markup type, and templates
write the result, `{{ post.body.rendered|safe }}`. Its default renderers keep the HTML
the author wrote (Markdown passes `<script>` through, the `html` type is the text as is).
A project that sends every renderer's output through an HTML sanitiser makes each
`rendered` value cleaned HTML: `("markdown", lambda text: nh3.clean(markdown(text)))`, a
function of its module returning such HTML, or a factory of the module wrapping each
default renderer, `[(name, _sanitizing(render)) for name, render in
DEFAULT_MARKUP_TYPES]` where `_sanitizing` returns a function returning
`sanitize(render(text))` and `sanitize` returns `nh3.clean(html, ...)`.

Which renderers a field has is told by its model: `markup_fields` names the class of each
`MarkupField` declared in a class body, so that a template's `story.content.rendered`
can be judged by the `Story` model's field when another model's `content` has raw ones.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.markup_methods import cleaned_html
from webwarden.model.tree import own_returns

SETTING = "MARKUP_FIELD_TYPES"
_KEYWORD = "markup_choices"
_FIELD = "MarkupField"
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def markup_renderers(ctx: FileContext, cleaning: Collection[str]) -> tuple[tuple[str, bool], ...]:
    """Whether each renderer the module gives django-markupfield cleans its HTML, by the
    field it renders: "" for a module-level `MARKUP_FIELD_TYPES` (every field without
    choices of its own), the field's name for a `markup_choices=` (`content =
    MarkupField(markup_choices=RENDERERS)`; "" too when the call is assigned to no
    name). A renderer not known statically counts as not cleaning. `cleaning` names the
    module's functions that return cleaned HTML."""
    if not (ctx.mentions(SETTING) or ctx.mentions(_KEYWORD)):
        return ()
    functions = {s.name: s for s in ctx.tree.body if isinstance(s, _Function)}
    return tuple(
        (field, _cleans(renderer, functions, cleaning))
        for field, value in _choices(ctx)
        for renderer in _renderers(value)
    )


def markup_fields(
    ctx: FileContext, cleaning: Collection[str]
) -> tuple[tuple[str, str, bool | None], ...]:
    """(class, field, whether its own `markup_choices=` renderers all clean their HTML)
    for each `MarkupField(...)` assigned in a class body (`content = MarkupField(...)` in
    `class Story`); None when the field has no choices of its own: the setting's renderers
    render it."""
    if not ctx.mentions(_FIELD):
        return ()
    functions = {s.name: s for s in ctx.tree.body if isinstance(s, _Function)}
    found: list[tuple[str, str, bool | None]] = []
    for klass in ctx.nodes(ast.ClassDef):
        for statement in klass.body:  # type: ignore[attr-defined]
            field = _declared_field(statement)
            if field is None:
                continue
            name, call = field
            choices = next((k.value for k in call.keywords if k.arg == _KEYWORD), None)
            cleans = None
            if choices is not None:
                renderers = _renderers(choices)
                cleans = all(_cleans(r, functions, cleaning) for r in renderers)
            found.append((klass.name, name, cleans))  # type: ignore[attr-defined]
    return tuple(found)


def _declared_field(statement: ast.stmt) -> tuple[str, ast.Call] | None:
    if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
        return None
    target, value = statement.targets[0], statement.value
    if not (isinstance(target, ast.Name) and isinstance(value, ast.Call)):
        return None
    func = value.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return (target.id, value) if called == _FIELD else None


def _choices(ctx: FileContext) -> Iterator[tuple[str, ast.expr]]:
    for statement in ctx.tree.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == SETTING for t in statement.targets
        ):
            yield "", statement.value
    if ctx.mentions(_KEYWORD):
        for call in ctx.nodes(ast.Call):
            for keyword in getattr(call, "keywords", ()):
                if keyword.arg == _KEYWORD:
                    yield _field_name(ctx, call), keyword.value


def _field_name(ctx: FileContext, call: ast.AST) -> str:
    """The name a field is assigned to in its class body (`content = MarkupField(...)`)."""
    parent = ctx.parent(call)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        return target.id if isinstance(target, ast.Name) else ""
    return ""


def _renderers(value: ast.expr) -> list[ast.expr | None]:
    """The renderer of each `(name, renderer[, title])` entry (None: not known); a
    comprehension's one entry stands for all it makes."""
    if isinstance(value, ast.Dict):
        return list(value.values)
    if isinstance(value, ast.List | ast.Tuple):
        return [_second(entry) for entry in value.elts]
    if isinstance(value, ast.ListComp | ast.GeneratorExp):
        return [_second(value.elt)]
    return [None]


def _second(entry: ast.expr) -> ast.expr | None:
    if isinstance(entry, ast.Tuple | ast.List) and len(entry.elts) >= 2:
        second = entry.elts[1]
        return None if isinstance(second, ast.Starred) else second
    return None


def _cleans(
    renderer: ast.expr | None, functions: dict[str, _Function], cleaning: Collection[str]
) -> bool:
    if isinstance(renderer, ast.Lambda):
        return cleaned_html(renderer.body, cleaning)
    if isinstance(renderer, ast.Name):
        return renderer.id in cleaning
    if isinstance(renderer, ast.Call) and isinstance(renderer.func, ast.Name):
        factory = functions.get(renderer.func.id)
        return factory is not None and _makes_cleaning(factory, cleaning)
    return False


def _makes_cleaning(factory: _Function, cleaning: Collection[str]) -> bool:
    """Whether every `return` of the factory gives a function (a local `def` or a
    `lambda`) every `return` of which is cleaned HTML."""
    nested = {s.name: s for s in factory.body if isinstance(s, _Function)}
    returned = [s.value for s in own_returns(factory)]
    if not returned:
        return False
    for value in returned:
        if isinstance(value, ast.Lambda):
            if not cleaned_html(value.body, cleaning):
                return False
            continue
        inner = nested.get(value.id) if isinstance(value, ast.Name) else None
        if inner is None:
            return False
        results = [s.value for s in own_returns(inner)]
        if not results or not all(v is not None and cleaned_html(v, cleaning) for v in results):
            return False
    return True
