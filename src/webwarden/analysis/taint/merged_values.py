"""What `receiver.update(mapping)` gives a mapping: keys and values apart.

`lookups = {"archived": False}`, then `lookups.update(request.GET.dict())`: the client
now names keys of `lookups`, as `filter(**lookups)` will see. And `found = {}`, then
`found[field] = params[field]` for each `field` of an allow-list, then
`kwargs.update(found)`: the keys `kwargs` gains are those the code chose, whatever the
values. A dict display, or a receiver of no known kind given such a display, keeps the
mapping's keys in its own data and its values apart (in `OTHERS`), as an item
assignment would, so that a later `filter(**kwargs)` is judged by its keys alone.
"""

from __future__ import annotations

from webwarden.analysis.taint.values import OTHERS, Step, Value, extend, union


def values_merged(receiver: Value, shown: Value, step: Step) -> Value | None:
    """`receiver` after `receiver.update(shown)`, when the receiver is a dict display (or
    of no known kind and `shown` one): the keys `shown` may have (a display's own data,
    anything else's all) join the receiver's, and what it holds its values. None for any
    other merge, which takes `shown` in whole."""
    display = shown.kind == "<dict>"
    if not (receiver.kind == "<dict>" or (receiver.kind == "" and display)):
        return None
    values = shown.whole()
    if not values:
        return None
    keys = shown.taint if display else values
    parts = dict(receiver.parts or {})
    held = parts.get(OTHERS)
    added = extend(values, step)
    parts[OTHERS] = Value(added) if held is None else held.with_taint(added)
    return Value(union(receiver.taint, extend(keys, step)), parts, "<dict>")
