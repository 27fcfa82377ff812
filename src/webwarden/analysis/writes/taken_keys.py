"""Keys a function reads from a key-value store and then deletes: a value taken once."""

from __future__ import annotations

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.calls import runs_elsewhere, split

Key = tuple[tuple[str, ...], str]
"""The receiver's names and the spelling of the key, positions left out."""


def _spelled(expr: ir.Expr) -> str | None:
    """The key as the code spells it (a local, a constant, text joined of those), the
    same wherever it is written; None for anything else (a call may answer otherwise)."""
    match expr:
        case ir.Const(value=str() as value):
            return repr(value)
        case ir.Local(name=name):
            return name
        case ir.Fmt(parts=parts):
            spelled = [_spelled(part) for part in parts]
            if any(part is None for part in spelled):
                return None
            return "+".join(part for part in spelled if part is not None)
    return None


def takes_read_key(call: ir.Call, read: set[Key]) -> bool:
    """Whether `call` deletes the one key of a store that the function read with `get`
    before (`data = r.get(key)`, then `r.delete(key)`): a value kept to be used once (a
    stash, a link's target, a notice shown once) taken as it is used, as `pop` takes it;
    nothing else the store keeps changes. Records the keys `get` calls read in `read`."""
    receiver, method = split(call)
    if not receiver or len(call.args) != 1 or call.keywords:
        return False
    if call.callee is not None and runs_elsewhere(call.callee):
        return False  # NOTE: `requests.get(url)`, then `requests.delete(url)`: another server's
    key = _spelled(call.args[0])
    if key is None:
        return False
    if method == "get":
        read.add((tuple(receiver), key))
        return False
    return method == "delete" and (tuple(receiver), key) in read
