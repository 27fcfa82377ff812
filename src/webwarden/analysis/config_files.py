"""Dicts a module loads from a configuration file, whose keys are set at deploy time.

A settings module may read its values from a YAML, JSON or TOML file the deployment
writes: `config = yaml.safe_load(f).get("settings", {}) or {}`, then
`DEBUG = config.pop("DEBUG", True)`; or from an INI file through `configparser`:
`section = parser["global"]`, then `DEBUG = section.getboolean("debug", True)`. The
file is the deployment's, as the environment is: what ships is the default a lookup
falls back on when the file lacks the key.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Final

from webwarden.analysis.env_helpers import module_helper
from webwarden.model.module import FileContext
from webwarden.model.scopes import CHANGED_BINDING

INI_PARSERS: Final = frozenset(
    {"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"}
)
CONFIG_LOADERS: Final = frozenset(
    {
        "yaml.safe_load",
        "yaml.load",
        "yaml.full_load",
        "yaml.unsafe_load",
        "json.load",
        "json.loads",
        "tomllib.load",
        "tomllib.loads",
        "tomli.load",
        "tomli.loads",
        "toml.load",
        "toml.loads",
        *INI_PARSERS,
    }
)
"""Calls that parse a configuration file's text into a dict (or make the parser that
reads an INI file into sections: `parser.read(paths)` fills it in place)."""
SECTION_READS: Final = frozenset({"get", "pop", "setdefault"})
"""Dict methods that read a key, with a default as the second argument."""
CONFIG_MODULE: Final = "importlib.import_module"
"""What loads a deployment's configuration module chosen at run time (`configuration =
importlib.import_module(os.getenv("APP_CONFIGURATION", "app.configuration"))`), whose
attributes a settings module reads (`getattr(configuration, "DEBUG", False)`)."""
INI_READS: Final = frozenset({"get", "getboolean", "getint", "getfloat"})
"""`configparser` methods reading an option, of a section or of the parser itself."""
_MAX_DEPTH = 6


def loaded_config(ctx: FileContext, node: ast.expr, depth: int = 0) -> str | None:
    """The loader (`yaml.safe_load`) of the configuration dict `node` is: a loader's
    result, a section of one (`.get("settings", {})`, `["settings"]`), one or a dict
    literal (`... or {}`), or a name every binding of which is such a dict or a dict
    literal, one at least a loaded one (`config = {}` before a `try` that loads it), or
    a call of a function of the module that calls a loader (`CONFIG =
    load_config(path)`, see `_helper_loader`). None for any other value."""
    if depth > _MAX_DEPTH:
        return None
    if isinstance(node, ast.Call):
        name = ctx.call_name(node) or ""
        if name in CONFIG_LOADERS:
            return name
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in SECTION_READS:
            return loaded_config(ctx, func.value, depth + 1)
        return _helper_loader(ctx, func.id) if isinstance(func, ast.Name) else None
    if isinstance(node, ast.Subscript):
        return loaded_config(ctx, node.value, depth + 1)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
        first, *rest = node.values
        if all(isinstance(value, ast.Dict) for value in rest):
            return loaded_config(ctx, first, depth + 1)
        return None
    if isinstance(node, ast.Name):
        return _bound_config(ctx, ctx.scopes.values_of(node) or [], depth)
    return None


def loaded_module(ctx: FileContext, node: ast.expr) -> str | None:
    """`CONFIG_MODULE` when `node` is a module-level name every binding of which imports
    a module whose name is only known at run time (`importlib.import_module(path)`, the
    path an environment lookup or a variable): the deployment's configuration module,
    which the tree does not hold. None for any other value (a module named by a
    constant may be the project's own, whose values the tree shows)."""
    if not isinstance(node, ast.Name) or ctx.scopes.binding_scope(node) is not ctx.tree:
        return None
    values = ctx.scopes.values_of(node) or []
    if not values or any(value is CHANGED_BINDING for value in values):
        return None
    for value in values:
        if not (isinstance(value, ast.Call) and ctx.call_name(value) == CONFIG_MODULE):
            return None
        named = ctx.argument(value, 0, "name")
        if named is None or isinstance(ctx.evaluate(named), str):
            return None
    return CONFIG_MODULE


def module_config(ctx: FileContext, name: str) -> str | None:
    """The loader of the configuration dict the module of `ctx` binds `name` to at its
    top level (see `loaded_config`), for a module importing that name (`from .config
    import config`); None for any other value."""
    return _bound_config(ctx, ctx.scopes.bindings(ctx.tree).get(name) or [], 0)


def _bound_config(ctx: FileContext, values: list[ast.expr], depth: int) -> str | None:
    """The loader when every value bound is a loaded configuration dict or a dict
    literal, one at least a loaded one."""
    if not values or any(value is CHANGED_BINDING for value in values):
        return None
    loaders = [loaded_config(ctx, v, depth + 1) for v in values if not isinstance(v, ast.Dict)]
    return loaders[0] if loaders and all(loaders) else None


def _helper_loader(
    ctx: FileContext, name: str, caller: ast.FunctionDef | None = None
) -> str | None:
    """The loader the module-level function `name` of the module (see
    `env_helpers.module_helper`) calls, itself or through one more function of the
    module (`load_config` calling `deserialize_config`); None if it calls none."""
    function = module_helper(ctx, name)
    if function is None or function is caller:
        return None
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        called = ctx.call_name(node) or ""
        if called in CONFIG_LOADERS:
            return called
        if caller is None and isinstance(node.func, ast.Name):
            inner = _helper_loader(ctx, node.func.id, function)
            if inner is not None:
                return inner
    return None


@dataclass(frozen=True, slots=True)
class IniRead:
    """What one `configparser` read of an option is handed."""

    option: ast.expr | None
    fallback: ast.expr | None
    required: bool
    """Without a fallback the read raises when the file lacks the option (the parser's
    own `get(section, option)`), where a section's `get(option)` gives None."""


def ini_read(ctx: FileContext, call: ast.Call, receiver: ast.expr) -> IniRead:
    """The option and fallback of `call`, a read (`INI_READS`) of `receiver`: the parser
    itself takes the section first and the fallback by keyword alone
    (`parser.getboolean("global", "debug", fallback=True)`), a section the option first
    (`parser["global"].getboolean("debug", True)`)."""
    if ctx.origin(receiver) in INI_PARSERS:
        fallback = ctx.keyword(call, "fallback")
        return IniRead(ctx.argument(call, 1, "option"), fallback, required=fallback is None)
    fallback = ctx.argument(call, 1, "fallback")
    return IniRead(ctx.argument(call, 0, "option"), fallback, required=False)
