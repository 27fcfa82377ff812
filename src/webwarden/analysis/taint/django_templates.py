"""Template sources compiled by Django's template language.

Django's template language calls nothing with arguments and runs no Python of the
template's choosing: source the request wrote reads what the context holds (any
attribute of its objects, their methods without arguments) and the tags of the
installed libraries. That is serious, but not the code execution Jinja2's and Mako's
templates reach from any object (`cycler.__init__.__globals__`), so WW541 tells them
apart by the sink's action.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Final

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView, of_library
from webwarden.analysis.taint.sinks import Sink
from webwarden.analysis.taint.values import Value

DJANGO_TEMPLATE_ACTION: Final = "compiled as a Django template"
DJANGO_TEMPLATE_CLASSES: Final = frozenset(
    {"django.template.Template", "django.template.base.Template"}
)

_ENGINE_KINDS: Final = (
    "django.template.Engine",
    "django.template.engine.Engine",
    "django.template.backends.django.DjangoTemplates",
)
"""Django's engine (`Engine(...)`, `Engine.get_default()`) and its backend."""
ENGINE_HANDLERS: Final = frozenset({"django.template.engines", "django.template.loader.engines"})
ENGINE_ALIAS: Final = "<template engine:"
"""The kind of `engines["alias"]`, the backend `TEMPLATES` gives that alias: `ENGINE_ALIAS`
+ alias + `>`, kept when the engine is put in a local first."""
_ALIAS_ACTION: Final = "compiled as a template of the `{alias}` engine"
_ALIAS_NOTE: Final = re.compile(r"compiled as a template of the `([^`]+)` engine")
_DJANGO_ALIAS: Final = "django"
"""The alias Django gives the `DjangoTemplates` backend unless `TEMPLATES` names it (the
backend module's name): `engines["django"]`. Another alias may be Jinja2's."""


def django_template_sink(
    sink: Sink, node: ir.Call, receiver: Value | None, index: IndexView | None = None
) -> Sink:
    """`sink`, or its Django variant when `node` compiles a template with Django's
    template language (`Template(text)`, `engines["django"].from_string(text)`,
    `Engine.get_default().from_string(text)`, also an engine of a project class derived
    from Django's when `index` tells the project's classes)."""
    if sink.rule != "WW541" or sink.action == DJANGO_TEMPLATE_ACTION:
        return sink
    if node.callee in DJANGO_TEMPLATE_CLASSES or _django_engine(node, receiver, index):
        return dataclasses.replace(sink, action=DJANGO_TEMPLATE_ACTION)
    if receiver is not None and receiver.kind.startswith(ENGINE_ALIAS):
        alias = receiver.kind[len(ENGINE_ALIAS) : -1]
        return dataclasses.replace(sink, action=_ALIAS_ACTION.format(alias=alias))
    return sink


def engine_alias(alias: str) -> Value:
    """The value of `engines[alias]`."""
    return Value(kind=f"{ENGINE_ALIAS}{alias}>")


def alias_of_note(note: str) -> str | None:
    """The alias of `TEMPLATES` whose engine compiled the template, from the note of a
    flow's last step (`compiled as a template of the `jinja` engine by ...`), or None."""
    found = _ALIAS_NOTE.match(note)
    return found.group(1) if found else None


def _django_engine(node: ir.Call, receiver: Value | None, index: IndexView | None) -> bool:
    # NOTE: the receiver's kind first: a method of an engine kept at module level is
    # called through its dotted name (`engine.from_string`, a `Global`), not an `Attr`.
    if receiver is not None and receiver.kind.startswith(_ENGINE_KINDS):
        return True
    if receiver is not None and receiver.kind == f"{ENGINE_ALIAS}{_DJANGO_ALIAS}>":
        return True  # NOTE: `engine = engines["django"]`, then `engine.from_string(text)`
    if (
        receiver is not None
        and index is not None
        and of_library(index, receiver.kind, _ENGINE_KINDS)
    ):
        return True  # NOTE: `class SiteEngine(Engine)`: the project's own Django engine
    if not isinstance(node.func, ir.Attr):
        return False
    engine = node.func.value
    return (
        isinstance(engine, ir.Sub)
        and isinstance(engine.value, ir.Global)
        and engine.value.name in ENGINE_HANDLERS
        and engine.index == ir.Const(_DJANGO_ALIAS)
    )
