"""A project's decorator that applies others to the view, its parameters handed on to them.

A factory composing Django REST framework's decorators:

    def setup_view(methods):
        def decorator(func):
            return api_view(methods)(authentication_classes(())(func))
        return decorator

makes `@setup_view(["POST"])` on a view what `@api_view(["POST"])` and
`@authentication_classes(())` on it would be. The decorators it applies are recorded
with the factory's parameters as `Param`s, and `bind` gives each the value a view's use of
the factory passes for it.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

from webwarden.analysis.constants import UNKNOWN
from webwarden.pickling import fast_pickling


@dataclass(frozen=True, slots=True)
class Param:
    """A parameter of a decorator factory, used as an argument of a decorator it applies:
    its name, and its position among the positional ones (-1: keyword-only)."""

    name: str
    position: int


def factory_parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> dict[str, int]:
    """The parameters of `function`, by name, with their positions (-1: keyword-only)."""
    positional = [*function.args.posonlyargs, *function.args.args]
    found = {a.arg: at for at, a in enumerate(positional)}
    found.update({a.arg: -1 for a in function.args.kwonlyargs})
    return found


def bind(
    value: object,
    args: tuple[object, ...],
    keywords: Mapping[str, object],
    called: bool,
) -> object:
    """`value` with each `Param` in it replaced by what a use of the factory passes for it
    (`args`, `keywords`; nothing when the decorator is applied uncalled, where the
    parameter is the view itself), `UNKNOWN` when it passes none."""
    if isinstance(value, Param):
        if not called:
            return UNKNOWN
        if value.name in keywords:
            return keywords[value.name]
        if 0 <= value.position < len(args):
            return args[value.position]
        return UNKNOWN
    if isinstance(value, tuple):
        return tuple(bind(v, args, keywords, called) for v in value)
    return value


fast_pickling(globals())
