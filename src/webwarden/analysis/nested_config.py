"""A key path read from a configuration file through a helper that walks it.

A settings module loads its configuration file into a dict (`config = yaml.safe_load(f)`)
and reads each setting through a helper of the project given the dict, a default and
the keys down to the setting (`SECRET_KEY = dict_get(config, "CHANGEME", "security",
"secret")`):

    def dict_get(data, default, *keys):
        try:
            for key in keys:
                data = data[key]
            return data
        except (KeyError, TypeError):
            return default

A file leaving the key out gives the default, as `config.get("secret", "CHANGEME")`
does: the helper is read as that key path with that default (`nested_key_read`). The
dict is handed to the helper as a `ConfigMapping`, which stands for the file's content.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_helpers import Arguments


@dataclass(frozen=True, slots=True)
class ConfigMapping:
    """A dict a module loads from a configuration file, handed to a helper: `loader`
    is the call that read it (`yaml.safe_load`)."""

    loader: str


@dataclass(frozen=True, slots=True)
class NestedKeyRead:
    """What a call of a key-walking helper reads: the keys, in order, of the file
    `loader` read, and what the call gives when the file lacks them."""

    loader: str
    keys: tuple[str, ...]
    default: object


_CAUGHT = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})
"""Exceptions a handler may catch that a missing key raises."""
_ALSO_CAUGHT = frozenset({"TypeError", "IndexError", "AttributeError"}) | _CAUGHT


def nested_key_read(function: ast.FunctionDef, arguments: Arguments) -> NestedKeyRead | None:
    """The key path a call of `function` with `arguments` reads, when the function only
    walks the keys it is given down a mapping it is given (a `for` loop of `data =
    data[key]`, then `return data`) inside a `try` whose handler of a missing key
    returns a parameter; None for any other function or call."""
    bound = _bound(function, arguments)
    shape = _walk_shape(function)
    if bound is None or shape is None:
        return None
    mapping, keys, default = (bound.get(name) for name in shape)
    if not isinstance(mapping, ConfigMapping) or not isinstance(keys, tuple) or not keys:
        return None
    if not all(isinstance(key, str) for key in keys):
        return None
    return NestedKeyRead(mapping.loader, tuple(str(key) for key in keys), default)


def without_mappings(arguments: Arguments) -> Arguments:
    """`arguments` with each `ConfigMapping` an unknown value, as any other helper
    reads a mapping it is handed."""

    def plain(value: object) -> object:
        return UNKNOWN if isinstance(value, ConfigMapping) else value

    return Arguments(
        tuple(map(plain, arguments.positional)),
        tuple((name, plain(value)) for name, value in arguments.keywords),
    )


def _walk_shape(function: ast.FunctionDef) -> tuple[str, str, str] | None:
    """(mapping, keys, default) parameter names of a function shaped as the module's
    docstring shows; None for any other."""
    body = function.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    match body:
        case [ast.Try(body=tried, handlers=handlers, orelse=[], finalbody=[])]:
            pass
        case _:
            return None
    match tried:
        case [
            ast.For(
                target=ast.Name(id=key),
                iter=ast.Name(id=keys),
                body=[
                    ast.Assign(
                        targets=[ast.Name(id=held)],
                        value=ast.Subscript(value=ast.Name(id=read), slice=ast.Name(id=used)),
                    )
                ],
                orelse=[],
            ),
            ast.Return(value=ast.Name(id=returned)),
        ] if held == read == returned and used == key:
            pass
        case _:
            return None
    defaults = {_returned_parameter(handler) for handler in handlers}
    if len(defaults) != 1 or None in defaults or not any(map(_catches_missing, handlers)):
        return None
    (default,) = defaults
    parameters = {a.arg for a in (*function.args.posonlyargs, *function.args.args)}
    if function.args.vararg is not None:
        parameters.add(function.args.vararg.arg)
    if not {held, keys, str(default)} <= parameters:
        return None
    return held, keys, str(default)


def _returned_parameter(handler: ast.ExceptHandler) -> str | None:
    if not all(map(_caught_here, _caught(handler))):
        return None
    match handler.body:
        case [ast.Return(value=ast.Name(id=name))]:
            return name
    return None


def _catches_missing(handler: ast.ExceptHandler) -> bool:
    return handler.type is None or any(name in _CAUGHT for name in _caught(handler))


def _caught_here(name: str) -> bool:
    return name in _ALSO_CAUGHT


def _caught(handler: ast.ExceptHandler) -> list[str]:
    """The exception names a handler catches (none for a bare `except:`)."""
    kind = handler.type
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind] if kind is not None else []
    return [n.id for n in names if isinstance(n, ast.Name)] if len(names) else []


def _bound(function: ast.FunctionDef, arguments: Arguments) -> dict[str, object] | None:
    """The call's values by parameter name (the extra positional ones as a tuple under
    `*args`' name); None when they do not bind plainly."""
    args = function.args
    positional = [a.arg for a in (*args.posonlyargs, *args.args)]
    given = arguments.positional
    if len(given) > len(positional) and args.vararg is None:
        return None
    bound: dict[str, object] = dict(zip(positional, given, strict=False))
    if args.vararg is not None:
        bound[args.vararg.arg] = tuple(given[len(positional) :])
    for name, value in arguments.keywords:
        if name in bound or name not in positional:
            return None
        bound[name] = value
    return bound
