"""The keyword arguments a request-parsing decorator hands a view, when it names them.

webargs' (and flask-apispec's) `@use_kwargs({"url": fields.Url(), "name": fields.Str()})`
passes the view one keyword argument per key of the mapping it is given, read from the
request. The view's other parameters are the URL's, or what other decorators pass it: a
project's `@signin_required()` handing it the signed-in `user` it looked up, which the
request did not send as it is."""

from __future__ import annotations

import ast

from webwarden.model.names import last_name

_NAMING = "use_kwargs"
PARSING_DECORATORS = frozenset({"use_args", _NAMING, "arguments", "input"})
"""Decorators that parse the request and pass the view what they read: webargs' and
flask-apispec's `use_args`/`use_kwargs`, flask-smorest's `@blp.arguments(Schema)`,
APIFlask's `@app.input(Schema)`."""
_PARSING = PARSING_DECORATORS - {_NAMING}
"""The parsing decorators but `use_kwargs`, which pass what they parsed under a name of
their own: with one of them, the parsed names are not known."""


def parsed_kwargs(decorators: list[ast.expr]) -> tuple[str, ...] | None:
    """The names the view's `@use_kwargs(...)` decorators pass it, when each is given a
    mapping written out with text keys; None when another request-parsing decorator is
    used, or one is given a schema (its fields are not read here) or told to pass the
    keys it does not name too (`unknown=INCLUDE`), or there is none."""
    names: list[str] = []
    found = False
    for decorator in decorators:
        if not isinstance(decorator, ast.Call):
            continue
        name = last_name(decorator.func)
        if name in _PARSING:
            return None
        if name != _NAMING:
            continue
        found = True
        if _includes_unknown(_keyword(decorator, "unknown")):
            return None
        mapping = decorator.args[0] if decorator.args else _keyword(decorator, "argmap")
        keys = _text_keys(mapping)
        if keys is None:
            return None
        names.extend(keys)
    return tuple(names) if found else None


def _includes_unknown(value: ast.expr | None) -> bool:
    """`unknown=INCLUDE` (marshmallow's, or `"include"`): the keys the mapping does not
    name are passed as keyword arguments too."""
    if isinstance(value, ast.Constant):
        return value.value == "include"
    return value is not None and last_name(value) == "INCLUDE"


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _text_keys(node: ast.expr | None) -> list[str] | None:
    if not isinstance(node, ast.Dict):
        return None
    keys = [k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)]
    return keys if len(keys) == len(node.keys) else None
