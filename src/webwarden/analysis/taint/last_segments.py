"""The last segment of a joined path, kept apart from the folders before it.

`os.path.join(root, module, secure_filename(name))` holds `module`'s data in a folder and
the cleaned name in its last segment: `os.path.basename()` of it gives that name alone. The
join keeps what its last piece holds as a part (`LAST_SEGMENT`), which a return carries
to the callers; a function taking the basename of a parameter reads that parameter at
`LAST_SEGMENT`, which a call binds to the part of its argument (or to all of it, when the
argument is no such join).
"""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import Taint, Value, refined

LAST_SEGMENT = "<last-segment>"
"""The part of a path join holding what its last piece holds, and the key a summary reads
a parameter at for its basename."""

BASENAMES = frozenset({"os.path.basename", "posixpath.basename", "ntpath.basename"})


def with_last_segment(joined: Value, last: Taint) -> Value:
    """The value of a path join whose last piece held `last`: when some of the join's data
    is in the folders before it, the labels of that piece are kept apart (with the
    steps the join gave them)."""
    taint = joined.whole()
    if not taint or joined.parts:
        return joined
    kept = {label: trace for label, trace in taint.items() if label in last}
    if len(kept) == len(taint):
        return joined
    return Value(joined.taint, {LAST_SEGMENT: Value(kept)}, joined.kind)


def last_segment(function: ir.Function, node: ir.Expr, path: Value) -> Taint:
    """What the basename of `path` (the expression `node` in `function`) holds: the last
    piece of a join; of a parameter never bound anew, that of the caller's argument (see
    `binding.read_path`); else all of it (`os.path.dirname(path)` holds no join's last
    piece, whatever its labels say)."""
    part = path.part(LAST_SEGMENT)
    if part is not None:
        return part.whole()
    if isinstance(node, ir.Local) and _unchanged_param(function, node.name):
        return refined(path.whole(), (LAST_SEGMENT,))
    return path.whole()


def _unchanged_param(function: ir.Function, name: str) -> bool:
    return name not in function.rebound and any(
        param.name == name and param.kind in _GIVEN for param in function.params
    )


_GIVEN = frozenset({"pos", "kwonly"})
