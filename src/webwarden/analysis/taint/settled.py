"""Attributes the code settles: values a class gives an attribute of its instances (in its
body, or as `self.attr = ...` in its methods) that no request can choose, such as an API
client's `self.api = f"{API_DOMAIN}/api/v1"` or a class constant `BASE = "https://..."`.

A method's `f"{self.api}/items/{item}"` then starts with the server's own URL, as it would
with the module constant itself: the item falls in the path and cannot choose the host.
So too when a value is built from other settled attributes of the same instance
(`self.unsubscribers = f"{self.api}/lists/{self.list_id}/unsubscribers"`)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.shapes import closed_template, fixed_host_kinds, path_after_start
from webwarden.analysis.taint.specs import REQUEST_GLOBALS, REQUEST_OBJECTS
from webwarden.analysis.taint.values import CLOSED_URL
from webwarden.model.module import FileContext

GLOBAL = "="
"""Marks a value that is a module-level name (`self.db = db`): `=` and the name."""
SAME = "."
"""Marks a value that is another attribute of the same instance (`self.url = self.api`):
`.` and its name; the attribute holds what that one holds."""
NEEDS = "?"
"""Marks an attribute of the same instance a value is built from (`f"{self.api}/items"`):
`?` and its name; the attribute is settled only when that one is."""
NOTHING = "!"
"""Marks `None` given as a default (`executor = None` in a base class that its subclasses
set to a class): an attribute whose method is called holds one of the other values."""
_REQUEST_NAMES = tuple(REQUEST_OBJECTS | REQUEST_GLOBALS | {"flask.session"})


def settled_kind(value: ir.Expr, receiver: str = "") -> str | None:
    """What an attribute given `value` holds when no request can choose it: `CLOSED_URL`
    for text that starts with a fixed scheme and host, `GLOBAL` + the name for a
    module-level name, `SAME` + the name for an attribute of the `receiver` (the method's
    `self`), "" for other text made of constants, module-level names and such attributes
    (see `instance_reads`). None for anything else (a parameter, a local, a call, a
    container that may be changed)."""
    match value:
        case ir.Attr(value=ir.Local(name=name), attr=attr) if receiver and name == receiver:
            return SAME + attr
        case ir.Const(value=str() as text):
            return CLOSED_URL if closed_template(text) else ""
        case ir.Const(value=None):
            return NOTHING
        case ir.Const():
            return ""
        case ir.Global(name=name):
            if name.startswith(_REQUEST_NAMES) or _may_read_request(name):
                return None
            return GLOBAL + name
        case ir.Fmt(parts=parts, prefix=prefix):
            if any(settled_kind(part, receiver) is None for part in parts):
                return None
            closed = fixed_host_kinds(prefix) or path_after_start(value)
            return CLOSED_URL if closed else ""
        case ir.Union(values=values):
            kinds = [settled_kind(v, receiver) for v in values]
            if None in kinds:
                return None
            return CLOSED_URL if all(k == CLOSED_URL for k in kinds) else ""
    return None


def _may_read_request(name: str) -> bool:
    """`shop.common.request.host_url`: an attribute of a name `request` of a project
    module, which may be Flask's request re-exported (`objects.request_name` tells, in
    the project step); not the standard library's `urllib.request`."""
    head, found, _ = name.partition(".request.")
    return bool(found) and bool(head) and not head.endswith("urllib")


def built_urls(ctx: FileContext, lowered: Callable[[ast.expr], ir.Expr]) -> list[str]:
    """Module-level names the module binds once, to text built of settled parts that
    keeps the host of its start (`ITEM_URL = API_HOST + "/items/{item_id}"`, the host the
    operator's): `lowered` gives the IR of the value, read at module level."""
    found = []
    for name, values in ctx.scopes.bindings(ctx.tree).items():
        value = values[0]
        statement = ctx.parent(value)
        if (
            len(values) == 1
            and isinstance(value, ast.BinOp | ast.JoinedStr)
            and isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and settled_kind(lowered(value)) == CLOSED_URL
        ):
            found.append(name)
    return found


def instance_reads(value: ir.Expr, receiver: str) -> list[str]:
    """`NEEDS` + the name of each attribute of the `receiver` that text built by `value`
    is made of (`f"{self.api}/{self.list_id}"`); not a bare one, which is `SAME`."""
    match value:
        case ir.Fmt(parts=parts) | ir.Union(values=parts):
            return [
                NEEDS + kind.removeprefix(SAME)
                for part in parts
                if (kind := settled_kind(part, receiver)) and kind.startswith(SAME)
            ] + [read for part in parts for read in instance_reads(part, receiver)]
    return []


def joined(kinds: list[str]) -> str:
    """What an attribute given any of several settled values holds."""
    first = kinds[0]
    return first if all(kind == first for kind in kinds) else ""


@dataclass(slots=True)
class AttributeWrites:
    """What a module's code writes to attributes, noted as it is lowered: per class, the
    values its methods give attributes of the instance (`self.api = ...`), and the names
    of attributes other code sets to an unsettled value (`client.api = url`)."""

    by_class: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    outside: set[str] = field(default_factory=set)
    _receivers: list[tuple[str, str]] = field(default_factory=list)
    """(class, receiver name) of the method being lowered; ("", "") in other functions."""

    def enter(self, owner: str, receiver: str) -> None:
        """A function's body is lowered next (a method's when `owner` is its class)."""
        self._receivers.append((owner, receiver))

    def leave(self) -> None:
        """The function's body is lowered."""
        self._receivers.pop()

    def note(self, targets: tuple[ir.Target, ...], value: ir.Expr | None) -> None:
        """`targets = value` (None: what the targets get is not `value` alone)."""
        for written in targets:
            self._target(written, value)

    def _target(self, written: ir.Target, value: ir.Expr | None) -> None:
        match written:
            case ir.TAttr(value=holder, attr=attr):
                self._attribute(holder, attr, value)
            case ir.TSub(value=ir.Attr(value=holder, attr=attr)):
                # NOTE: `self.headers[key] = value` changes what the attribute holds.
                self._attribute(holder, attr, None)
            case ir.TSeq(elts=elts):
                for element in elts:
                    self._target(element, None)

    def _attribute(self, holder: ir.Expr, attr: str, value: ir.Expr | None) -> None:
        owner, receiver = self._receivers[-1] if self._receivers else ("", "")
        if owner and isinstance(holder, ir.Local) and holder.name == receiver:
            kind = None if value is None else settled_kind(value, receiver)
            written = self.by_class.setdefault(owner, [])
            written.append((attr, kind))
            if kind is not None and value is not None:
                written.extend((attr, read) for read in instance_reads(value, receiver))
        elif value is None or settled_kind(value) is None:
            self.outside.add(attr)
