"""The `return` statements of a module's top-level functions, read from its node index."""

from __future__ import annotations

import ast
import bisect
from dataclasses import dataclass, field

from webwarden.model.module import FileContext

Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(slots=True)
class FunctionReturns:
    """For each top-level function (by `id`): its `return` statements, and whether it
    yields (a generator). A nested function's statements count as its own."""

    returns: dict[int, list[ast.Return]] = field(default_factory=dict)
    generators: set[int] = field(default_factory=set)


def function_returns(ctx: FileContext) -> FunctionReturns:
    """The module's top-level functions' `return`s and `yield`s, placed by line in the
    function whose lines hold them, without walking each function's body."""
    functions = sorted(
        (f.lineno, f.end_lineno or f.lineno, id(f))
        for f in ctx.tree.body
        if isinstance(f, Function)
    )
    starts = [start for start, _, _ in functions]
    found = FunctionReturns()
    for node in ctx.nodes(ast.Return, ast.Yield, ast.YieldFrom):
        if not isinstance(node, ast.Return | ast.Yield | ast.YieldFrom):
            continue
        at = bisect.bisect_right(starts, node.lineno) - 1
        if at < 0 or node.lineno > functions[at][1]:
            continue
        key = functions[at][2]
        if isinstance(node, ast.Return):
            found.returns.setdefault(key, []).append(node)
        else:
            found.generators.add(key)
    return found
