"""Reads of an INI file's option with a literal fallback (`configparser`), and of a
configuration mapping's key with a literal default.

`parser.get("api", "token", fallback="...")` and `parser["api"].get("token", "...")`
give the fallback whenever the deployed file lacks the option: like an environment
lookup's default, the literal is what ships. So does `daconfig.get("secretkey", "...")`
on a mapping named as the configuration (`config`, `settings`, `app.config`, `cfg`),
loaded from a YAML or JSON file the deployment writes. And `getattr(settings,
"API_TOKEN", "...")`, a reusable Django app reading a setting of the project it is
installed in: the literal is the value of every site that does not set it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.module import FileContext

_PARSERS = frozenset(
    {"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"}
)


@dataclass(frozen=True, slots=True)
class OptionDefault:
    """An option read with a literal fallback."""

    option: str
    via: str
    default: ast.expr


def option_default(ctx: FileContext, call: ast.Call) -> OptionDefault | None:
    """The option `call` reads and its fallback, when it is such a read."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "get"):
        return None
    if not ctx.mentions("configparser"):
        return _mapping_default(ctx, call, func.value)
    receiver = func.value
    if isinstance(receiver, ast.Subscript):
        # NOTE: `parser["api"].get(option, fallback)`: a section's `get`.
        if ctx.origin(receiver.value) not in _PARSERS:
            return None
        option, fallback = ctx.argument(call, 0, "option"), ctx.argument(call, 1, "fallback")
    elif ctx.origin(receiver) in _PARSERS:
        option, fallback = ctx.argument(call, 1, "option"), ctx.keyword(call, "fallback")
    else:
        return _mapping_default(ctx, call, receiver)
    name = ctx.evaluate(option) if option is not None else None
    if not isinstance(name, str) or fallback is None:
        return None
    return OptionDefault(name, "configparser.ConfigParser.get", fallback)


_CONFIG_NAMES = ("config", "settings")
_CONFIG_ENDINGS = ("conf", "cfg")


def _mapping_default(ctx: FileContext, call: ast.Call, receiver: ast.expr) -> OptionDefault | None:
    """`config.get("secret_key", "...")`: a key read with a literal default (the second
    argument) from a mapping whose name says it holds the configuration."""
    name = receiver.id if isinstance(receiver, ast.Name) else None
    name = receiver.attr if isinstance(receiver, ast.Attribute) else name
    if name is None or len(call.args) != 2 or call.keywords:
        return None
    lowered = name.lower()
    if not (any(w in lowered for w in _CONFIG_NAMES) or lowered.endswith(_CONFIG_ENDINGS)):
        return None
    key = ctx.evaluate(call.args[0])
    if not isinstance(key, str):
        return None
    return OptionDefault(key, f"{name}.get", call.args[1])


_DJANGO_SETTINGS = "django.conf.settings"


def setting_default(ctx: FileContext, call: ast.Call) -> OptionDefault | None:
    """`getattr(settings, "API_TOKEN", "...")`: a Django setting read with a literal
    default (Django's `settings` object, as imported), its name and default."""
    if not (isinstance(call.func, ast.Name) and call.func.id == "getattr"):
        return None
    if len(call.args) != 3 or call.keywords or ctx.qualified(call.args[0]) != _DJANGO_SETTINGS:
        return None
    name = ctx.evaluate(call.args[1])
    if not isinstance(name, str):
        return None
    return OptionDefault(name, "getattr", call.args[2])
