"""Settings given by a call of a name another module of the project binds.

A settings module reads the environment through a helper or a reader it imports:
`DEBUG = get_env_bool("DEBUG", False)` after `from app.environment import get_env_bool`,
or `SECRET_KEY = env("DJANGO_SECRET_KEY", default="...")` after `from .base import env`
(cookiecutter-django's layout; `from .base import *` brings `env` as well). The
per-file step records the call with its arguments' values (`ImportedCall`); the project
step reads the name in its module (`follow_imported`): a helper's body is followed as a
module's own helper is, and a django-environ or environs reader is read as if it were
made in the settings module itself.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass
from typing import Final

from webwarden.analysis.constants import NOT_HANDLED, UNKNOWN
from webwarden.analysis.env_helpers import Arguments, call_arguments, module_helper
from webwarden.analysis.environment import (
    ENV_OBJECT_METHODS,
    EnvLookup,
    EnvReads,
    env_object,
    object_lookup,
)
from webwarden.model.module import FileContext


@dataclass(frozen=True, slots=True)
class ImportedCall:
    """A setting given by a call of a name another module binds: the project step
    follows it there for these arguments (`follow_imported`)."""

    ref: str
    """The name's qualified name."""
    arguments: Arguments
    lookups: tuple[EnvLookup, ...]
    """The environment lookups among the arguments (`is_truthy(os.getenv("X", "no"))`)."""
    method: str = ""
    """The parser called on it (`env.bool(...)`: `bool`), "" for a call of the name."""


def imported_call(ctx: FileContext, node: ast.AST | None) -> ImportedCall | None:
    """The `ImportedCall` a setting's value is when it calls an imported name, or one of
    its environment parsers (`env.bool(...)`); None for anything else (cheap: no other
    module is read here)."""
    if not isinstance(node, ast.Call):
        return None
    func, method = node.func, ""
    if isinstance(node.func, ast.Attribute) and node.func.attr in ENV_OBJECT_METHODS:
        func, method = node.func.value, node.func.attr
    if not isinstance(func, ast.Name):
        return None
    ref = _imported_ref(ctx, func)
    if ref is None:
        return None
    reads = EnvReads(ctx)
    arguments = call_arguments(node, reads.argument)
    if arguments is None:
        return None
    return ImportedCall(ref, arguments, tuple(lookup for _, lookup in reads.found), method)


def _imported_ref(ctx: FileContext, name: ast.Name) -> str | None:
    """The qualified name `name` reads from another module: its import, or the one star
    import of a module that binds it nowhere else (not a builtin)."""
    if ctx.names.defines(name.id):
        return None
    ref = ctx.names.aliases.get(name.id)
    if ref is not None:
        return ref if ctx.scopes.binding_scope(name) is ctx.tree else None
    if len(ctx.names.stars) != 1 or hasattr(builtins, name.id):
        return None
    return None if ctx.scopes.binding_scope(name) else f"{ctx.names.stars[0]}.{name.id}"


_IN_ARGUMENTS: Final = ast.Pass()
"""Stands for the node of a lookup read among an imported call's arguments."""


def follow_imported(ctx: FileContext | None, call: ImportedCall) -> object:
    """The value of `call` when the environment is unset, read in the module of `ctx`
    (the module `call.ref` names): a `DeployTime`, or `UNKNOWN` when the module is not the
    project's, the name is neither one plain `def` nor an environment reader there, or
    the function's path cannot be followed (see `env_helpers`)."""
    if ctx is None:
        return UNKNOWN
    name = call.ref.rpartition(".")[2]
    reads = EnvReads(ctx)
    reads.found = [(_IN_ARGUMENTS, lookup) for lookup in call.lookups]
    function = None if call.method else module_helper(ctx, name)
    if function is not None:
        value = reads.follow(function, call.arguments)
        return UNKNOWN if value is NOT_HANDLED else reads.deploy_time(value, reads.returns_text)
    reader = env_object(ctx, name)
    lookup = None if reader is None else object_lookup(reader, call.method, call.arguments)
    if lookup is None:
        return UNKNOWN
    reads.found.append((_IN_ARGUMENTS, lookup))
    return reads.deploy_time(lookup.default, text=False)
