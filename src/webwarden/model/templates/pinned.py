"""URL parameters a branch has pinned to one of the app's own values.

`if page.slug == slug: return render_template("page.html", slug=slug)`: in the branch,
`slug` equals a value the client did not choose (a literal, a registered object's
attribute), so what the view passes holds none of the client's text, whatever it sent.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.module import FileContext


def pinned(
    ctx: FileContext,
    node: ast.Name,
    function: ast.AST | None,
    chosen: Callable[[ast.expr], bool],
) -> bool:
    """Whether `node` is read in the body of an `if` of `function` whose test holds only
    when its name equals (`==`, or `in` a container) an expression no part of which the
    client chose (`chosen` says of an expression whether it reads request data)."""
    return under_test(ctx, node, function, lambda test: _pins(test, node.id, chosen))


def under_test(
    ctx: FileContext, node: ast.AST, function: ast.AST | None, holds: Callable[[ast.expr], bool]
) -> bool:
    """Whether `node` is read in the body (not the `else`) of an `if` of `function` whose
    test `holds` says something of what it reads."""
    child: ast.AST = node
    for ancestor in ctx.ancestors(node):
        if ancestor is function:
            return False
        if (
            isinstance(ancestor, ast.If)
            and any(child is statement for statement in ancestor.body)
            and holds(ancestor.test)
        ):
            return True
        child = ancestor
    return False


def _pins(test: ast.expr, name: str, chosen: Callable[[ast.expr], bool]) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_pins(value, name, chosen) for value in test.values)
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return False
    left, right, op = test.left, test.comparators[0], test.ops[0]
    if isinstance(op, ast.In):
        sides = [(left, right)]
    elif isinstance(op, ast.Eq):
        sides = [(left, right), (right, left)]
    else:
        return False
    return any(
        isinstance(side, ast.Name)
        and side.id == name
        and not _names(other, name)
        and not chosen(other)
        for side, other in sides
    )


def _names(node: ast.expr, name: str) -> bool:
    """`node` reads `name` itself (`slug == slug.strip()` pins nothing)."""
    return any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(node))
