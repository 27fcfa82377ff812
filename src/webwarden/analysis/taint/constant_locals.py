"""Locals that hold one string constant where they are read: `pattern = r"[/\\\\]"`, then
`re.sub(pattern, "", name)`, so a call that judges its argument's text can read it."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from webwarden.model.scopes import bindings_of


def constant_local(read: ast.Name, body: Sequence[ast.stmt]) -> str | None:
    """The text of `read` when the function's only binding of the name is `name = "text"`,
    a statement of the function's own block (in no branch or loop) before the read, so
    every path to the read passes it (a parameter so named is bound anew there)."""
    bound = bindings_of(ast.Module(body=list(body), type_ignores=[])).get(read.id, [])
    if len(bound) != 1:
        return None
    value = bound[0]
    for statement in body:
        if (
            isinstance(statement, ast.Assign)
            and statement.value is value
            and isinstance(value, ast.Constant)
            and isinstance(value.value, str)
            and statement.lineno < read.lineno
        ):
            return value.value
    return None
