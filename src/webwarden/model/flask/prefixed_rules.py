"""Route rules written after a URL prefix the source does not show: an app served under
a path its config names at run time (`@app.post(f"{APP_PREFIX}/api/peers")`, `prefix +
"/api/peers"`). The path after the prefix is the route's own part, and tells more than
no rule at all, as a rule a project helper prefixes does (`views._string`)."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_MAX_DEPTH = 3


def path_after_prefix(ctx: FileContext, node: ast.expr | None, depth: int = 0) -> str | None:
    """The known path of a rule whose first part only is unknown: `/api/peers` of
    `f"{APP_PREFIX}/api/peers"`, `/client/api/signin` of `f"{prefix}/api/signin"` after
    `prefix = f"{base}/client"`; None when any later part is unknown, or the known part
    does not start with `/`."""
    if depth > _MAX_DEPTH or node is None:
        return None
    parts = _parts(node)
    if not parts:
        return None
    head, *rest = parts
    known = [ctx.evaluate(part) for part in rest]
    if not all(isinstance(text, str) for text in known):
        return None
    lead = ctx.evaluate(head)
    if not isinstance(lead, str):
        lead = _local_prefix(ctx, head, depth) or ""
    path = lead + "".join(str(text) for text in known)
    return path if path.startswith("/") else None


def _parts(node: ast.expr) -> list[ast.expr]:
    """The parts an f-string or a `+` of strings joins, in order; none for anything else,
    or for an f-string part given a conversion or a format (`{x!r}`, `{x:>8}`)."""
    if isinstance(node, ast.JoinedStr):
        parts: list[ast.expr] = []
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                if value.conversion != -1 or value.format_spec is not None:
                    return []
                parts.append(value.value)
            else:
                parts.append(value)
        return parts
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _parts(node.left) or [node.left]
        return [*left, node.right]
    return []


def _local_prefix(ctx: FileContext, head: ast.expr, depth: int) -> str | None:
    """The known path of a prefix the module builds once itself (`prefix =
    f"{base}/client"`)."""
    if not isinstance(head, ast.Name):
        return None
    value = ctx.lookup(head)
    return None if value is None else path_after_prefix(ctx, value, depth + 1)
