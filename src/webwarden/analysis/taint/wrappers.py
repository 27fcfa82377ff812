"""Decorators the project writes itself: the function a decorator names, and the
functions it nests (a factory's decorator, that decorator's wrapper)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView

_MAX_NESTING = 3
"""A decorator factory, its decorator and the wrapper: deeper is not followed."""


def decorator_function(index: IndexView, decorator: str) -> ir.Function | None:
    """The project's function `decorator` names (the callee of `@deco` or `@deco(...)`);
    `None` for a library's."""
    qualname = index.resolve(decorator)
    located = index.functions.get(qualname) if qualname is not None else None
    return located.function if located is not None else None


def by_qualname(functions: Iterable[ir.Function]) -> dict[str, ir.Function]:
    """The functions of a module by their qualified name."""
    return {function.qualname: function for function in functions}


def nested_functions(
    by_name: Mapping[str, ir.Function], qualname: str, depth: int = 0
) -> Iterator[ir.Function]:
    """The function `qualname`, then those it defines, theirs in turn, down to a
    factory's wrapper, depth first."""
    function = by_name.get(qualname)
    if function is None or depth > _MAX_NESTING:
        return
    yield function
    for statement in ir.statements(function.body):
        if isinstance(statement, ir.Define):
            yield from nested_functions(by_name, statement.ref, depth + 1)
