"""An application's own URL converters: the pattern each one's values match.

Django's `register_converter(UsernameConverter, "username")` and Flask's
`app.url_map.converters["username"] = UsernameConverter` name a class whose `regex`
class attribute is what a `<username:name>` URL parameter can hold (`[\\w.+-]+`: no `<`,
no quote, no `/`). The per-file step records both the registrations and every
module-level class that sets a literal `regex`; the project step joins them by the
class's qualified name (`registered_patterns`), and the route models judge such a
parameter by its pattern as they judge a `re_path` group's.

A converter class whose `to_python` looks a row up by the text (`return
self.model.objects.get_or_404(id=value)`, `Model.query.get(value)`) hands the view the
row, not the text: `loaders` records such classes, and those of the module inheriting
one without a `to_python` of their own, and `registered_loaders` names the converters
registered to them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.tree import own_nodes

CONVERTER_FACTS = "url-converters"

_DJANGO_REGISTER = "django.urls.register_converter"


@dataclass(frozen=True, slots=True)
class ConverterFacts:
    """A module's converter classes and the converters it registers."""

    classes: tuple[tuple[str, str], ...] = ()
    """(qualified class name, its `regex`)."""
    registered: tuple[tuple[str, str, str], ...] = ()
    """(framework, converter name, qualified class name): `django` or `flask`."""
    loaders: tuple[str, ...] = ()
    """Qualified names of classes whose own `to_python` returns a row it looked up
    (`loads_row`)."""
    subclasses: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(qualified class name, qualified base names) of classes with bases and no
    `to_python` of their own, which inherit their bases'."""


def extract_converters(ctx: FileContext) -> ConverterFacts | None:
    """The module's classes with a literal `regex` and its converter registrations."""
    if not any(ctx.mentions(word) for word in ("regex", "converter", "Converter", "to_python")):
        return None
    defined = [stmt for stmt in ctx.tree.body if isinstance(stmt, ast.ClassDef)]
    classes = tuple(
        (f"{ctx.module}.{stmt.name}", regex)
        for stmt in defined
        if (regex := _class_regex(stmt)) is not None
    )
    registered = tuple(_registrations(ctx))
    loaders: list[str] = []
    subclasses: list[tuple[str, tuple[str, ...]]] = []
    for stmt in defined:
        method = next((m for m in stmt.body if _is_to_python(m)), None)
        if isinstance(method, ast.FunctionDef) and loads_row(method):
            loaders.append(f"{ctx.module}.{stmt.name}")
        elif method is None and stmt.bases:
            bases = tuple(q for base in stmt.bases if (q := ctx.qualified_here(base)))
            subclasses.append((f"{ctx.module}.{stmt.name}", bases))
    if not (classes or registered or loaders):
        return None
    return ConverterFacts(classes, registered, tuple(loaders), tuple(subclasses))


def _is_to_python(node: ast.stmt) -> bool:
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == "to_python"


_ROW_HOLDERS = frozenset({"objects", "query", "session"})
"""An ORM's way to the rows: Django's and MongoEngine's `Model.objects`, Flask-SQLAlchemy's
`Model.query` and `db.session`."""
_ROW_LOOKUPS = frozenset({"get_or_404", "first_or_404", "one_or_404", "get_object_or_404"})
"""Calls that answer a row or a 404, whatever they are called on."""


def loads_row(method: ast.FunctionDef) -> bool:
    """Whether a converter's `to_python` returns a row it looked up: at least one of its
    `return`s answers a lookup through an ORM (`self.model.objects.get(id=value)`,
    `Model.query.get(value)`, `db.session.get(Model, value)`, `get_object_or_404(...)`,
    also through a local every binding of which is one, or beside another answer, `zone
    or NotFound()`), and every other one `None` or an object of a class (`NotFound()`,
    a marker of a redirect to make): none returns the text, or a value made of it by a
    function or a method (`value.split(",")`)."""
    returned: list[ast.expr] = []
    assigned: dict[str, list[ast.expr]] = {}
    for node in own_nodes(method):
        if isinstance(node, ast.Return) and node.value is not None:
            returned.extend(_alternatives(node.value))
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(node.value)
    looked_up = False
    for value in returned:
        if _looks_up(value) or (
            isinstance(value, ast.Name)
            and value.id in assigned
            and all(_looks_up(v) for v in assigned[value.id])
        ):
            looked_up = True
        elif not (_none(value) or _made_object(value)):
            return False
    return looked_up


def _alternatives(value: ast.expr) -> list[ast.expr]:
    """What a returned expression may answer: each operand of `a or b`, each arm of
    `a if test else b`."""
    if isinstance(value, ast.BoolOp):
        return [part for v in value.values for part in _alternatives(v)]
    if isinstance(value, ast.IfExp):
        return [*_alternatives(value.body), *_alternatives(value.orelse)]
    return [value]


def _looks_up(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in _ROW_LOOKUPS
    while isinstance(func, ast.Attribute | ast.Call):
        if isinstance(func, ast.Attribute):
            if func.attr in _ROW_HOLDERS or func.attr in _ROW_LOOKUPS:
                return True
            func = func.value
        else:
            func = func.func
    return False


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _made_object(node: ast.expr) -> bool:
    """`NotFound()`, `Redirect(slug)`: an instance of a class named as classes are."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id[:1].isupper()
    return isinstance(func, ast.Attribute) and func.attr[:1].isupper()


def _class_regex(node: ast.ClassDef) -> str | None:
    for stmt in node.body:
        if (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "regex" for t in stmt.targets)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, str)
        ):
            return stmt.value.value
    return None


def _registrations(ctx: FileContext) -> Iterable[tuple[str, str, str]]:
    if ctx.mentions("register_converter"):
        for call in ctx.by_type.get(ast.Call, ()):
            assert isinstance(call, ast.Call)  # noqa: S101 - by_type's key
            if ctx.call_name(call) != _DJANGO_REGISTER or len(call.args) != 2:
                continue
            cls, named = call.args
            qualified = ctx.qualified_here(cls)
            if qualified and isinstance(named, ast.Constant) and isinstance(named.value, str):
                yield "django", named.value, qualified
    if ctx.mentions("url_map"):
        for assign in ctx.by_type.get(ast.Assign, ()):
            assert isinstance(assign, ast.Assign)  # noqa: S101 - by_type's key
            for target in assign.targets:
                name = _flask_converter_slot(target)
                qualified = ctx.qualified_here(assign.value) if name else None
                if name and qualified:
                    yield "flask", name, qualified


def _flask_converter_slot(target: ast.expr) -> str | None:
    """`"name"` of `app.url_map.converters["name"]`."""
    if not (isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant)):
        return None
    holder = target.value
    if not (
        isinstance(holder, ast.Attribute)
        and holder.attr == "converters"
        and isinstance(holder.value, ast.Attribute)
        and holder.value.attr == "url_map"
    ):
        return None
    key = target.slice.value
    return key if isinstance(key, str) else None


def registered_patterns(facts: Iterable[ConverterFacts], framework: str) -> dict[str, str]:
    """Converter name -> the pattern of the class `framework`'s registrations name, for
    each name every registration of which names a class with a known pattern (one
    name registered for two patterns is left out: which one a route sees depends on
    the order of imports)."""
    facts = list(facts)
    patterns = {name: regex for found in facts for name, regex in found.classes}
    chosen: dict[str, str | None] = {}
    for found in facts:
        for kind, name, qualified in found.registered:
            if kind != framework:
                continue
            regex = patterns.get(qualified)
            if name in chosen and chosen[name] != regex:
                regex = None
            chosen[name] = regex
    return {name: regex for name, regex in chosen.items() if regex is not None}


def registered_loaders(facts: Iterable[ConverterFacts], framework: str) -> frozenset[str]:
    """The converter names every registration of which by `framework` names a class
    whose `to_python` looks a row up (`loads_row`), its own or inherited from a base
    of the project."""
    facts = list(facts)
    loaders = {name for found in facts for name in found.loaders}
    bases = {name: parents for found in facts for name, parents in found.subclasses}
    chosen: dict[str, bool] = {}
    for found in facts:
        for kind, name, qualified in found.registered:
            if kind == framework:
                loading = _inherits_loader(qualified, loaders, bases)
                chosen[name] = chosen.get(name, True) and loading
    return frozenset(name for name, loading in chosen.items() if loading)


def _inherits_loader(
    name: str, loaders: set[str], bases: dict[str, tuple[str, ...]], depth: int = 0
) -> bool:
    if name in loaders:
        return True
    if depth > 10:
        return False
    # NOTE: the first base alone: the one whose `to_python` a class without its own
    # inherits first (a mixin before it may define another).
    parents = bases.get(name, ())
    return bool(parents) and _inherits_loader(parents[0], loaders, bases, depth + 1)


EXTRACTORS.append(FactExtractor(CONVERTER_FACTS, extract_converters))
