"""`from_object` calls in the arms of one `if`: alternatives, not layers.

`if name in configs: app.config.from_object(configs[name]) else:
app.config.from_object(Config)` loads one of the objects, never both: like
`from_object(configs.get(name, Config))`, each object is a variant of the app's config.
Read in source order as two layers, the `else` arm's object would replace every key of
the other's in every variant.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_MAX_ARMS = 16


def alternative_loads(ctx: FileContext, call: ast.Call) -> list[ast.Call] | None:
    """The `from_object` calls on the same app's config that the other arms of the
    `if`/`elif`/`else` chain around `call` make, when `call` is the one of the first arm
    loading some config ([] when no other arm loads one); None when `call` is in a later
    arm of such a chain, the first arm's call standing for it."""
    statement = ctx.parent(call)
    holder = ctx.parent(statement) if isinstance(statement, ast.Expr) else None
    if not isinstance(holder, ast.If) or not isinstance(call.func, ast.Attribute):
        return []
    top = _chain_top(ctx, holder)
    owner = ast.unparse(call.func.value)
    loads = [found for arm in _arms(top) if (found := _load_in(arm, owner)) is not None]
    if len(loads) < 2 or all(load is not call for load in loads):
        return []
    if loads[0] is not call:
        return None
    return loads[1:]


def _chain_top(ctx: FileContext, branch: ast.If) -> ast.If:
    """The `if` an `elif` belongs to (Python writes `elif` as the lone `If` of the
    previous one's `orelse`)."""
    for _ in range(_MAX_ARMS):
        holder = ctx.parent(branch)
        if not isinstance(holder, ast.If) or holder.orelse != [branch]:
            break
        branch = holder
    return branch


def _arms(top: ast.If) -> list[list[ast.stmt]]:
    """The statements of each arm of an `if`/`elif`/`else` chain, in order."""
    arms = [top.body]
    rest = top.orelse
    while len(rest) == 1 and isinstance(rest[0], ast.If) and len(arms) < _MAX_ARMS:
        arms.append(rest[0].body)
        rest = rest[0].orelse
    if rest:
        arms.append(rest)
    return arms


def _load_in(arm: list[ast.stmt], owner: str) -> ast.Call | None:
    """The first `<owner>.config.from_object(...)` statement of an arm."""
    for statement in arm:
        call = statement.value if isinstance(statement, ast.Expr) else None
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "from_object"
            and ast.unparse(call.func.value) == owner
        ):
            return call
    return None
