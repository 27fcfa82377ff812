"""Lists of the items that fail a membership test: `invalid = [f for f in fields if f not
in ALLOWED]`. Where such a list is empty (`if invalid: return error`), every item of
`fields` is a member of `ALLOWED`, as if each had been tested on its own."""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.analysis.taint import ir
from webwarden.model.tree import walk

Local = Callable[[ast.expr], str | None]
"""The local an expression names, else None."""
Lower = Callable[[ast.expr], ir.Expr]
"""The IR of an expression, in the scope of the comprehension's function."""


def rejected_guards(
    found: ast.ListComp | ast.SetComp, local: Local, lower: Lower
) -> tuple[ir.Guard, ...]:
    """The guard an empty `found` establishes: the local it walks holds only members of
    the collection its one condition tests (judged as a membership test of that local).
    Not for a condition of more parts (`f not in ALLOWED and f != "id"`: an item may be
    kept out by the other part), nor for a collection made from the item itself."""
    if len(found.generators) != 1:
        return ()
    walked = found.generators[0]
    target = walked.target
    if not isinstance(target, ast.Name) or walked.is_async or len(walked.ifs) != 1:
        return ()
    test = walked.ifs[0]
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.NotIn)
        and isinstance(test.left, ast.Name)
        and test.left.id == target.id
    ):
        return ()
    container = test.comparators[0]
    if any(isinstance(node, ast.Name) and node.id == target.id for node in walk(container)):
        return ()
    if any(isinstance(node, ast.Lambda) for node in walk(container)):
        return ()  # NOTE: lowered once already, with the comprehension
    name = local(walked.iter)
    return (ir.Guard(name, "member", container=lower(container)),) if name else ()
