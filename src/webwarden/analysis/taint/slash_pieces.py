"""Pieces of a text split on its slashes that hold none (`values.ONE_SEGMENT`).

`s.split("/")` and `s.rsplit("/")` cut at every `/`: no piece holds one, as no URL
parameter the router matched as one path segment does. With a limit, `s.split("/", n)`
leaves the slashes after the `n`th in its last piece (index `n`), and `s.rsplit("/", n)`
those before the last `n` in its first (index 0): `"x/../../etc/passwd".split("/", 1)[1]`
is `"../../etc/passwd"`. `s.partition("/")[0]` and `s.rpartition("/")[2]` hold none; the
other side of a partition keeps them. Such a piece may still be `..`: it is judged as a
one-segment URL parameter is (`segments`), safe beside fixed text of its segment or as
the last segment of a file's path after a folder. Said of POSIX paths.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import AT_END, ONE_SEGMENT, Value, cleanse

_SPLITTERS = frozenset({"split", "rsplit"})
_ONE_SEGMENT = frozenset({ONE_SEGMENT, AT_END})


def slashless(item: Value, node: ir.Expr, index: ir.Expr) -> Value:
    """`item`, read as `node[index]`, marked as one path segment that nothing follows yet
    when that piece of a split on `/` holds none."""
    if not (item.taint and slashless_piece(node, index)):
        return item
    return Value(cleanse(item.taint, _ONE_SEGMENT), item.parts, item.kind, fresh=item.fresh)


def slashless_piece(node: ir.Expr, index: ir.Expr) -> bool:
    """Whether `node[index]` is a piece of a split on `/` that holds none."""
    if not (
        isinstance(node, ir.Call)
        and isinstance(node.func, ir.Attr)
        and node.args
        and node.args[0] == ir.Const("/")
    ):
        return False
    if isinstance(index, ir.Clean):
        # NOTE: a slice (`split("/")[2:]`, a list of pieces, joined again with "/" more
        # often than not) lowers as a negative index does: neither is taken.
        return False
    method = node.func.attr
    position = index.value if isinstance(index, ir.Const) else None
    if not isinstance(position, int) or isinstance(position, bool):
        position = None
    if method in ("partition", "rpartition"):
        return position == (0 if method == "partition" else 2) and len(node.args) == 1
    if method not in _SPLITTERS:
        return False
    limits = [*node.args[1:], *(value for name, value in node.keywords if name == "maxsplit")]
    if not limits:
        return True  # NOTE: any piece, at any index, also one not known
    if len(limits) > 1 or not isinstance(limits[0], ir.Const):
        return False
    limit = limits[0].value
    if not isinstance(limit, int) or isinstance(limit, bool) or position is None:
        return False
    if limit < 0:
        return True
    return position < limit if method == "split" else position >= 1
