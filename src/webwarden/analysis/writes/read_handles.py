"""Files opened in an update mode (`"r+"`, `"rb+"`) whose handle is only read.

`open(path, "r+b")` neither creates nor truncates the file: it changes nothing unless
something is written through the handle. A handle the function only reads (its
`read()`, `readline()`, `readlines()`, `seek()`, `tell()`, `name`, `close()`, or a `for`
loop over its lines) leaves the file as it was; one handed to any call, returned, kept
in another name or written (`handle.write()`, `json.dump(data, handle)`) may change it.
"""

from __future__ import annotations

from webwarden.analysis.taint import ir

OPENS = frozenset({"open", "io.open", "codecs.open"})
_READS = frozenset(
    {"read", "readline", "readlines", "seek", "tell", "name", "close", "closed", "mode",
     "readable", "seekable", "encoding"}
)  # fmt: skip
"""What a file object's readers use of it: none of these writes the file."""


def update_mode(call: ir.Call) -> bool:
    """`open(path, "r+")`: a mode that writes only through the handle (`+`, but no `w`,
    `a` or `x`, which create, truncate or append by themselves)."""
    mode: ir.Expr | None = call.args[1] if len(call.args) > 1 else None
    for key, value in call.keywords:
        if key == "mode":
            mode = value
    if not (isinstance(mode, ir.Const) and isinstance(mode.value, str)):
        return False
    return "+" in mode.value and not any(c in mode.value for c in "wax")


def read_only_opens(body: ir.Block) -> frozenset[ir.Pos]:
    """Where `open()` in an update mode binds a name (`with open(p, "r+b") as f:`, `f =
    open(p, "r+")`) that the function binds nowhere else and only reads."""
    bound: dict[str, list[ir.Call]] = {}
    bindings: dict[str, int] = {}
    for node in ir.walk(body):
        for value, target in _bindings(node):
            for name in ir.target_names(target):
                bindings[name] = bindings.get(name, 0) + 1
            if (
                isinstance(target, ir.TName)
                and isinstance(value, ir.Call)
                and value.callee in OPENS
                and update_mode(value)
            ):
                bound.setdefault(target.name, []).append(value)
    if not bound:
        return frozenset()
    uses: dict[str, int] = {}
    reads: dict[str, int] = {}
    for node in ir.walk(body):
        if isinstance(node, ir.Local | ir.Free) and node.name in bound:
            uses[node.name] = uses.get(node.name, 0) + 1
        read = _read_of(node)
        if read in bound:
            reads[read] = reads.get(read, 0) + 1
    return frozenset(
        call.pos
        for name, calls in bound.items()
        if bindings.get(name) == len(calls) == 1 and uses.get(name, 0) == reads.get(name, 0)
        for call in calls
    )


def _bindings(node: object) -> list[tuple[ir.Expr | None, ir.Target]]:
    """The (value, target) pairs a statement binds; a loop's target has no value."""
    if isinstance(node, ir.Assign):
        return [(node.value, target) for target in node.targets]
    if isinstance(node, ir.With):
        return [(value, target) for value, target in node.items if target is not None]
    if isinstance(node, ir.Loop) and node.target is not None:
        return [(None, node.target)]
    if isinstance(node, ir.AugAssign):
        return [(None, node.target)]
    if isinstance(node, ir.Walrus):
        return [(node.value, ir.TName(node.name))]
    if isinstance(node, ir.Comp):
        return [(None, target) for target, _, _ in node.generators]
    return []


def _read_of(node: object) -> str | None:
    """The name a read of a file handle reads: `f.read` (called or not), `for line in f`."""
    if isinstance(node, ir.Attr) and node.attr in _READS and isinstance(node.value, ir.Local):
        return node.value.name
    if isinstance(node, ir.Loop) and isinstance(node.iterable, ir.Local):
        return node.iterable.name
    if isinstance(node, ir.Comp):
        for _, iterable, _ in node.generators:
            if isinstance(iterable, ir.Local):
                return iterable.name
    return None
