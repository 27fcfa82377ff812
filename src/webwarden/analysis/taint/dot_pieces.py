"""Pieces of a text split on its dots that hold none (`values.DOTLESS`).

`s.split(".")` and `s.rsplit(".")` cut at every dot: no piece holds one. With a limit,
`s.split(".", n)` leaves the dots after the `n`th in its last piece (index `n`, or -1),
and `s.rsplit(".", n)` those before the last `n` in its first (index 0): `"../../x.png"
.rsplit(".", 1)[0]` is `"../../x"`. The other pieces hold none.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir

_SPLITTERS = frozenset({"split", "rsplit"})
KEPT_POSITIONS = 4
"""How many leading positions a split's value keeps as parts of its own (`#0`...)."""


def split_on_dots(node: ir.Expr) -> tuple[str, int | None] | None:
    """The method and limit (None: none, or not a constant) of `s.split(".")` or
    `s.rsplit(".", n)`, else None."""
    if not (
        isinstance(node, ir.Call)
        and isinstance(node.func, ir.Attr)
        and node.func.attr in _SPLITTERS
        and node.args
        and node.args[0] == ir.Const(".")
    ):
        return None
    given = node.args[1] if len(node.args) > 1 else None
    for name, value in node.keywords:
        if name == "maxsplit":
            given = value
    if given is None:
        return node.func.attr, -1
    limit = given.value if isinstance(given, ir.Const) else None
    return node.func.attr, limit if isinstance(limit, int) and not isinstance(limit, bool) else None


def dotless_piece(node: ir.Expr, index: ir.Expr) -> bool:
    """Whether `node[index]` is a piece of a split on dots that holds none. A negative index
    is not a constant here: it is taken for one of `rsplit`'s last pieces, not `split`'s."""
    found = split_on_dots(node)
    if found is None:
        return False
    method, limit = found
    if limit is not None and limit < 0:
        return True
    position = index.value if isinstance(index, ir.Const) else None
    if not isinstance(position, int) or isinstance(position, bool):
        return method == "rsplit"
    return dotless_position(method, limit, position)


def dotless_position(method: str, limit: int | None, position: int) -> bool:
    """Whether the piece at `position` (0 or more) of a split on dots holds none."""
    if limit is not None and limit < 0:
        return True
    if method == "rsplit":
        return position >= 1
    return limit is not None and position < limit
