"""Reads of an INI file's option with a literal fallback (`configparser`).

`parser.get("api", "token", fallback="...")` and `parser["api"].get("token", "...")`
give the fallback whenever the deployed file lacks the option: like an environment
lookup's default, the literal is what ships.
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
        return None
    receiver = func.value
    if isinstance(receiver, ast.Subscript):
        # NOTE: `parser["api"].get(option, fallback)`: a section's `get`.
        if ctx.origin(receiver.value) not in _PARSERS:
            return None
        option, fallback = ctx.argument(call, 0, "option"), ctx.argument(call, 1, "fallback")
    elif ctx.origin(receiver) in _PARSERS:
        option, fallback = ctx.argument(call, 1, "option"), ctx.keyword(call, "fallback")
    else:
        return None
    name = ctx.evaluate(option) if option is not None else None
    if not isinstance(name, str) or fallback is None:
        return None
    return OptionDefault(name, "configparser.ConfigParser.get", fallback)
