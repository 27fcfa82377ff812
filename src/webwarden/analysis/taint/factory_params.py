"""The arguments a factory configures the function it makes with (`def actions(model,
allowed): def decorator(view): def wrapped(request): ...`): closure variables given once,
when the factory is called (at import, for a decorator), not by the request the made
function later handles.

`interpret` asks here when a value is checked against a container (`if action in
allowed:`): a container holding only such arguments is the program's own list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from webwarden.analysis.taint import ir

_FACTORY_KINDS = frozenset({"function", "staticmethod"})


def factory_params(
    functions: Mapping[str, ir.Function], function: ir.Function, is_entry: Callable[[str], bool]
) -> frozenset[str]:
    """The closure variables of the nested `function` that are parameters of a factory
    enclosing it: each function from the one that binds the parameter inwards is a plain
    function, no view or other entry, that defines the next one and returns it by name
    (`return decorator`, `return wrapped`). A parameter the factory binds anew, or a name
    a function in between binds itself, is not one."""
    found: set[str] = set()
    shadowed: set[str] = set()
    inner = function
    while True:
        outer_name = inner.qualname.rpartition(".")[0]
        outer = functions.get(outer_name)
        if outer is None or outer.kind not in _FACTORY_KINDS or is_entry(outer_name):
            break
        if not _returns_defined(outer.body, inner.name):
            break
        params = {p.name for p in outer.params if p.kind in {"pos", "kwonly"}}
        found |= params - shadowed - set(outer.rebound)
        shadowed |= {p.name for p in outer.params} | set(_bound(outer.body))
        inner = outer
    return frozenset(found)


def _returns_defined(block: ir.Block, name: str) -> bool:
    """Whether the body defines `name` and returns it, and returns nothing else."""
    defined = any(isinstance(s, ir.Define) and s.name == name for s in block)
    returns = list(_returns(block))
    return (
        defined
        and bool(returns)
        and all(isinstance(r.value, ir.Local) and r.value.name == name for r in returns)
    )


def _returns(block: ir.Block) -> Iterator[ir.Return]:
    return (s for s in ir.statements(block) if isinstance(s, ir.Return))


def _bound(block: ir.Block) -> Iterator[str]:
    """The names the statements of `block` bind (nested blocks too)."""
    for statement in ir.statements(block):
        match statement:
            case ir.Assign(targets=targets):
                for target in targets:
                    yield from ir.target_names(target)
            case ir.AugAssign(target=target):
                yield from ir.target_names(target)
            case ir.Define(name=name):
                yield name
            case ir.Loop(target=target) if target is not None:
                yield from ir.target_names(target)
            case ir.With(items=items):
                for _, bound in items:
                    if bound is not None:
                        yield from ir.target_names(bound)
