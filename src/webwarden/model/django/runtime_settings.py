"""Settings the project's code sets on `django.conf.settings` once Django runs.

Some projects keep a settings module of fixed values and give the rest when the apps
load, read from a configuration file of their own: an `AppConfig.ready()` hands Django's
settings object to helpers that store into it.

    class SettingsConfig(AppConfig):
        def ready(self):
            from django.conf import settings
            configure_hosts(read_config(), settings)

    def configure_hosts(config, settings):
        settings.ALLOWED_HOSTS = [config.get("site", "host")]

`extract_runtime_settings` finds, in one module, the upper-case attributes stored into
`django.conf.settings` itself (`settings.ALLOWED_HOSTS = [...]`, `setattr(settings,
"X", ...)`), those stored into a parameter of one of its top-level functions, and the
calls handing `django.conf.settings` to a function; `runtime_settings` joins them over
the project. A setting so stored that the settings modules leave unset is not Django's
default but decided at run time (`SettingsModule.set_at_runtime`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass

from webwarden.model.module import FileContext

RUNTIME_SETTINGS_FACTS = "django.runtime_settings"
_SETTINGS = "django.conf.settings"


@dataclass(frozen=True, slots=True)
class ParameterStores:
    """A top-level function storing settings into one of its parameters."""

    function: str
    """The function's qualified name (`app.config.configure_hosts`)."""
    index: int
    """The parameter's position."""
    parameter: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuntimeSettingsFacts:
    """What one module stores into Django's settings or hands them to."""

    stored: tuple[str, ...] = ()
    """Settings stored into `django.conf.settings` itself."""
    parameters: tuple[ParameterStores, ...] = ()
    handed: tuple[tuple[str, int | str], ...] = ()
    """Calls handing `django.conf.settings` on: (callee, position or keyword)."""


def extract_runtime_settings(ctx: FileContext) -> RuntimeSettingsFacts | None:
    """The settings the module stores into Django's settings object, directly or
    through a parameter, and the functions it hands that object to (None: nothing)."""
    stored: set[str] = set()
    into: dict[tuple[ast.FunctionDef | ast.AsyncFunctionDef, str], set[str]] = {}
    for node in ctx.nodes(ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Call):
        for target, name in _stores(node):
            if _is_settings(ctx, target):
                stored.add(name)
            elif isinstance(target, ast.Name) and (function := _top_function(ctx, node)):
                into.setdefault((function, target.id), set()).add(name)
    parameters = tuple(_parameter_stores(ctx, into))
    handed = tuple(sorted(set(_handed(ctx)), key=str)) if ctx.mentions("settings") else ()
    if not (stored or parameters or handed):
        return None
    return RuntimeSettingsFacts(tuple(sorted(stored)), parameters, handed)


def _is_settings(ctx: FileContext, node: ast.AST) -> bool:
    return isinstance(node, ast.Name | ast.Attribute) and ctx.qualified(node) == _SETTINGS


def _stores(node: ast.AST) -> Iterable[tuple[ast.expr, str]]:
    """(object, upper-case attribute) of each store `node` makes: `obj.NAME = ...`,
    `obj.NAME += ...`, `setattr(obj, "NAME", ...)`."""
    targets: list[ast.expr] = []
    if isinstance(node, ast.Assign):
        targets = [t for target in node.targets for t in _flat(target)]
    elif isinstance(node, ast.AnnAssign | ast.AugAssign):
        targets = [node.target]
    for target in targets:
        if isinstance(target, ast.Attribute) and target.attr.isupper():
            yield target.value, target.attr
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "setattr"
        and len(node.args) == 3
        and isinstance(name := node.args[1], ast.Constant)
        and isinstance(name.value, str)
        and name.value.isupper()
    ):
        yield node.args[0], name.value


def _flat(target: ast.expr) -> Iterable[ast.expr]:
    if isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _flat(element)
    else:
        yield target


def _top_function(ctx: FileContext, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The module-level function `node` is in, if any."""
    found = None
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef):
            found = holder
        elif isinstance(holder, ast.ClassDef):
            found = None
    return found if found is not None and found in ctx.tree.body else None


def _parameter_stores(
    ctx: FileContext, into: dict[tuple[ast.FunctionDef | ast.AsyncFunctionDef, str], set[str]]
) -> Iterable[ParameterStores]:
    """Of the names stored into, those that are a parameter of their function."""
    for (function, local), names in sorted(into.items(), key=lambda item: item[0][1]):
        arguments = function.args
        params = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
        if local in params:
            qualified = f"{ctx.module}.{function.name}" if ctx.module else function.name
            yield ParameterStores(qualified, params.index(local), local, tuple(sorted(names)))


def _handed(ctx: FileContext) -> Iterable[tuple[str, int | str]]:
    """(callee, position or keyword) of each call handing `django.conf.settings` on to
    a function of the project or a library (not a builtin: `setattr(settings, ...)`)."""
    for node in ctx.nodes(ast.Call):
        if not isinstance(node, ast.Call):
            continue
        callee = ctx.qualified_here(node.func)
        if callee is None or "." not in callee:
            continue
        for index, argument in enumerate(node.args):
            if _is_settings(ctx, argument):
                yield callee, index
        for keyword in node.keywords:
            if keyword.arg is not None and _is_settings(ctx, keyword.value):
                yield callee, keyword.arg


def runtime_settings(facts: Iterable[RuntimeSettingsFacts]) -> frozenset[str]:
    """The settings the project's code stores into Django's settings object: directly,
    or through a parameter of a function some module hands that object to."""
    every = list(facts)
    handed = {pair for found in every for pair in found.handed}
    names: set[str] = set()
    for found in every:
        names.update(found.stored)
        for stores in found.parameters:
            if (stores.function, stores.index) in handed or (
                stores.function,
                stores.parameter,
            ) in handed:
                names.update(stores.names)
    return frozenset(names)
