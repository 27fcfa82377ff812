"""Settings given by a call of a name another module of the project binds.

A settings module reads the environment through a helper or a reader it imports:
`DEBUG = get_env_bool("DEBUG", False)` after `from app.environment import get_env_bool`,
or `SECRET_KEY = env("DJANGO_SECRET_KEY", default="...")` after `from .base import env`
(cookiecutter-django's layout; `from .base import *` brings `env` as well). The
per-file step records the call with its arguments' values (`ImportedCall`); the project
step reads the name in its module (`follow_imported`): a helper's body is followed as a
module's own helper is, and a django-environ or environs reader is read as if it were
made in the settings module itself.

Such a helper may also be called in the arguments, directly or through another setting:
redash's `COOKIES_SECURE = parse_boolean(os.environ.get("REDASH_COOKIES_SECURE",
str(ENFORCE_HTTPS)))`, `ENFORCE_HTTPS` itself `parse_boolean(...)` of a variable. The
per-file step cannot read that helper, so it marks the call (`ImportedCall.at`), and the
project step reads its arguments again (`reread`), following every such helper in its
module as one of the settings module's own, a few calls deep.
"""

from __future__ import annotations

import ast
import builtins
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Final

from webwarden.analysis.config_files import SECTION_READS, module_config
from webwarden.analysis.constants import NOT_HANDLED, UNKNOWN
from webwarden.analysis.env_helpers import Arguments, call_arguments, module_helper
from webwarden.analysis.environment import (
    ENV_OBJECT_METHODS,
    NO_DEFAULT,
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
    module: str = ""
    """The module making the call, when its arguments call imported names too (see
    `at`)."""
    at: tuple[int, int] | None = None
    """Where the call is (line, column) when reading its arguments met a call of a name
    imported from another module (`parse_boolean(os.environ.get("X",
    str(ENFORCE_HTTPS)))`, `ENFORCE_HTTPS` itself a `parse_boolean(...)`): the project
    step reads them again, following such helpers in their modules (`reread`)."""


def imported_call(ctx: FileContext, node: ast.AST | None) -> ImportedCall | None:
    """The `ImportedCall` a setting's value is when it calls an imported name, or one of
    its environment parsers (`env.bool(...)`); None for anything else (cheap: no other
    module is read here)."""
    if not isinstance(node, ast.Call):
        return None
    func, method = node.func, ""
    if isinstance(node.func, ast.Attribute) and node.func.attr in ENV_OBJECT_METHODS:
        func, method = node.func.value, node.func.attr
    elif isinstance(node.func, ast.Attribute) and node.func.attr in SECTION_READS:
        # NOTE: `config.get("secret_key", "...")` after `from .config import config`, or
        # a section of it (`social = config.get("social", {})`): a key of a mapping that
        # module may load from a configuration file, judged there (`follow_imported`).
        func, method = node.func.value, node.func.attr
        func = _section_of(ctx, func) if isinstance(func, ast.Name) else func
    if not isinstance(func, ast.Name):
        return None
    ref = _imported_ref(ctx, func)
    if ref is None:
        return None
    reads = EnvReads(ctx)
    arguments = call_arguments(node, reads.argument)
    if arguments is None:
        return None
    lookups = tuple(lookup for _, lookup in reads.found)
    given = (*arguments.positional, *(value for _, value in arguments.keywords))
    if not reads.imports_met or all(value is not UNKNOWN for value in given):
        return ImportedCall(ref, arguments, lookups, method)
    return ImportedCall(ref, arguments, lookups, method, ctx.module, (node.lineno, node.col_offset))


def _section_of(ctx: FileContext, name: ast.Name) -> ast.Name:
    """The imported mapping a module-level name is a section of, when its one binding
    reads a key of it (`social = config.get("social", {})`, `db = config["db"]`); else
    the name itself."""
    if ctx.names.defines(name.id) or ctx.scopes.binding_scope(name) is not ctx.tree:
        return name
    values = ctx.scopes.bindings(ctx.tree).get(name.id) or []
    match values:
        case [ast.Call(func=ast.Attribute(value=ast.Name() as inner, attr=attr))] if (
            attr in SECTION_READS
        ):
            return inner
        case [ast.Subscript(value=ast.Name() as inner)]:
            return inner
    return name


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
    if call.method in SECTION_READS and (loader := module_config(ctx, name)) is not None:
        return _file_key(reads, loader, call)
    reader = env_object(ctx, name)
    lookup = None if reader is None else object_lookup(reader, call.method, call.arguments)
    if lookup is None:
        return UNKNOWN
    reads.found.append((_IN_ARGUMENTS, lookup))
    return reads.deploy_time(lookup.default, text=False)


_MISSING: Final = {"pop": NO_DEFAULT}
"""What a read without a default gives for a key the file lacks: `pop` raises, `get` and
`setdefault` give None."""


def _file_key(reads: EnvReads, loader: str, call: ImportedCall) -> object:
    """A key of a configuration dict `loader` reads in another module (`config.get(key,
    default)`): the default when the file leaves the key out, as a key of one the
    settings module loads itself is; `UNKNOWN` for a key that is not a literal."""
    positional = call.arguments.positional
    key = positional[0] if positional else None
    if not isinstance(key, str) or len(positional) > 2 or call.arguments.keywords:
        return UNKNOWN
    default = positional[1] if len(positional) == 2 else _MISSING.get(call.method)
    reads.found.append((_IN_ARGUMENTS, EnvLookup(key, loader, default)))
    return reads.deploy_time(default, text=False)


Modules = Callable[[str], FileContext | None]


class ProjectEnvReads(EnvReads):
    """`EnvReads` of the project step: a helper imported from another module of the
    project is followed there, as a module's own helper is (`parse_boolean`, imported
    from `app/settings/helpers.py`, in the arguments of another call of it)."""

    def __init__(self, ctx: FileContext, modules: Modules, depth: int = 0) -> None:
        super().__init__(ctx, depth=depth)
        self.modules = modules

    def callee(self, call: ast.Call) -> tuple[FileContext, ast.FunctionDef] | None:
        """The module's own helper, or one plain `def` of the project's module the
        called name is imported from."""
        found = super().callee(call)
        if found is not None or not isinstance(call.func, ast.Name):
            return found
        ref = _imported_ref(self.ctx, call.func)
        module, _, name = (ref or "").rpartition(".")
        where = self.modules(module) if module else None
        function = None if where is None else module_helper(where, name)
        return None if where is None or function is None else (where, function)

    def nested(self) -> EnvReads:
        """The reads of a helper call's arguments, imported helpers followed there too."""
        return ProjectEnvReads(self.ctx, self.modules, self.depth + 1)


def reread(modules: Modules, call: ImportedCall) -> ImportedCall:
    """`call` with its arguments read again in its module, helpers imported from other
    modules of the project followed there (see `ImportedCall.at`); as it is when that
    module cannot be read again."""
    ctx = modules(call.module) if call.at is not None else None
    node = None if ctx is None else _call_at(ctx, call.at)
    if ctx is None or node is None:
        return call
    reads = ProjectEnvReads(ctx, modules)
    arguments = call_arguments(node, reads.argument)
    if arguments is None:
        return call
    lookups = tuple(lookup for _, lookup in reads.found)
    return replace(call, arguments=arguments, lookups=lookups, at=None)


def _call_at(ctx: FileContext, at: tuple[int, int] | None) -> ast.Call | None:
    return next(
        (
            node
            for node in ctx.nodes(ast.Call)
            if isinstance(node, ast.Call) and (node.lineno, node.col_offset) == at
        ),
        None,
    )
