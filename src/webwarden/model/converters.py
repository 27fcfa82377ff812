"""An application's own URL converters: the pattern each one's values match.

Django's `register_converter(UsernameConverter, "username")` and Flask's
`app.url_map.converters["username"] = UsernameConverter` name a class whose `regex`
class attribute is what a `<username:name>` URL parameter can hold (`[\\w.+-]+`: no `<`,
no quote, no `/`). The per-file step records both the registrations and every
module-level class that sets a literal `regex`; the project step joins them by the
class's qualified name (`registered_patterns`), and the route models judge such a
parameter by its pattern as they judge a `re_path` group's.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext

CONVERTER_FACTS = "url-converters"

_DJANGO_REGISTER = "django.urls.register_converter"


@dataclass(frozen=True, slots=True)
class ConverterFacts:
    """A module's converter classes and the converters it registers."""

    classes: tuple[tuple[str, str], ...] = ()
    """(qualified class name, its `regex`)."""
    registered: tuple[tuple[str, str, str], ...] = ()
    """(framework, converter name, qualified class name): `django` or `flask`."""


def extract_converters(ctx: FileContext) -> ConverterFacts | None:
    """The module's classes with a literal `regex` and its converter registrations."""
    if not ctx.mentions("regex") and not ctx.mentions("converter"):
        return None
    classes = tuple(
        (f"{ctx.module}.{stmt.name}", regex)
        for stmt in ctx.tree.body
        if isinstance(stmt, ast.ClassDef) and (regex := _class_regex(stmt)) is not None
    )
    registered = tuple(_registrations(ctx))
    return ConverterFacts(classes, registered) if classes or registered else None


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


EXTRACTORS.append(FactExtractor(CONVERTER_FACTS, extract_converters))
