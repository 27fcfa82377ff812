"""Calls through a table of functions, read from the code as written.

`ACTIONS[name](request)`, `HANDLERS.get(kind, export_json)(request, rows)`, `(as_csv,
as_json)[n](rows)` and `getattr(self, "do_" + action)(request)` call one function
picked at run time, but one of a set the code spells out: the functions a dict, list or
tuple display names (module-level or local, bound once and never changed: nothing
stores into it, calls a method that may change it or hands it to a call, which may),
and the methods of the class whose names start with the fixed text. The taint lowering makes such a call a call
of each of them (`lower_dispatch`); a table built otherwise (from a query, from request
data, grown by a registry) stays unknown.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from webwarden.model.module import FileContext
from webwarden.model.rebound_names import rebound_names

MAX_ENTRIES = 64
"""More functions than this in one table are not followed (each is a call of its own)."""
_CHANGING = frozenset(
    {"update", "setdefault", "__setitem__", "__delitem__", "append", "extend", "insert"}
    | {"pop", "popitem", "remove", "clear", "__iadd__", "__ior__", "sort", "reverse"}
)
"""Methods of a dict or list that may change what it holds."""
_GETATTR = frozenset({"getattr"})

Entries = tuple[ast.expr, ...]
TableOf = Callable[[str], "Entries | None"]


@dataclass(frozen=True, slots=True)
class Lookup:
    """A function picked from a table: the names the table holds, read where the table
    is bound (`local`: in the calling function, else at module level), and the fallback
    `.get()` is given, read where the call is (None when it gives none, or `None`)."""

    entries: Entries
    default: ast.expr | None
    local: bool


@dataclass(frozen=True, slots=True)
class Prefixed:
    """`getattr(receiver, "<prefix>" + name + "<suffix>")`, with the fallback it is given
    (or None)."""

    receiver: str
    prefix: str
    default: ast.expr | None
    suffix: str = ""

    def names(self, name: str) -> bool:
        """Whether the attribute looked up may be `name`."""
        fixed = len(self.prefix) + len(self.suffix)
        return len(name) >= fixed and name.startswith(self.prefix) and name.endswith(self.suffix)


def entries_of(value: ast.expr) -> Entries | None:
    """The values of a dict, list or tuple display when each is a function's name
    (`f`, `module.f`), without repeats; None for any other display or value."""
    if isinstance(value, ast.Dict):
        if any(key is None for key in value.keys):
            return None  # NOTE: `{**BASE, ...}`: what the spread holds is not written here
        held: Sequence[ast.expr] = value.values
    elif isinstance(value, ast.List | ast.Tuple):
        held = value.elts
    else:
        return None
    if not held or not all(_dotted(entry) for entry in held):
        return None
    unique: dict[str, ast.expr] = {}
    for entry in held:
        unique.setdefault(ast.unparse(entry), entry)
    return tuple(unique.values()) if len(unique) <= MAX_ENTRIES else None


def _dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


class DispatchTables:
    """The module-level tables of one module: names the module body binds once to a
    display of functions' names, which no code of the module binds again, declares
    `global`, changes or hands to a call."""

    def __init__(self, ctx: FileContext) -> None:
        self._ctx = ctx

    @classmethod
    def of(cls, ctx: FileContext) -> DispatchTables:
        """The tables of `ctx`'s module (found once per module, when first asked)."""
        return cls(ctx)

    def table(self, name: str) -> Entries | None:
        """The functions the module-level table `name` holds (None: no such table)."""
        # NOTE: the module's memo keeps the tables, not this object: one holding the
        # context from its own memo would be a reference cycle (see `FileContext.memo`).
        found = self._ctx.memo.get(DispatchTables)
        if not isinstance(found, dict):
            found = self._ctx.memo[DispatchTables] = self._tables()
        return found.get(name)

    def may_pick(self, name: str) -> bool:
        """Whether the module assigns `name` a value shaped like a pick from a table
        (`TABLE[key]`, `x.get(...)`, `getattr(...)`): if not, a local of that name bound
        once is bound to no pick (a screen before finding its assignment)."""
        found = self._ctx.memo.get(DispatchTables.may_pick)
        if not isinstance(found, frozenset):
            found = self._ctx.memo[DispatchTables.may_pick] = self._pick_holders()
        return name in found

    def _pick_holders(self) -> frozenset[str]:
        return frozenset(
            target.id
            for statement in self._ctx.nodes(ast.Assign)
            if isinstance(statement, ast.Assign) and pick_shaped(statement.value)
            for target in statement.targets
            if isinstance(target, ast.Name)
        )

    def _tables(self) -> dict[str, Entries]:
        bound: dict[str, Entries] = {}
        for statement in self._ctx.tree.body:
            if (
                isinstance(statement, ast.Assign)
                and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and (entries := entries_of(statement.value)) is not None
            ):
                bound[statement.targets[0].id] = entries
        if not bound:
            return {}
        taken = rebound_names(self._ctx, bound)
        changing = self._ctx.nodes(ast.Subscript, ast.Call, ast.AugAssign, ast.Delete)
        taken.update(name for node in changing for name in changed_names(node))
        return {name: entries for name, entries in bound.items() if name not in taken}


def pick_shaped(value: ast.expr) -> bool:
    """A subscript, a `.get()` or a `getattr()` call: all that `looked_up` and
    `prefixed_getattr` may find a pick in."""
    if isinstance(value, ast.Subscript):
        return True
    if not isinstance(value, ast.Call):
        return False
    func = value.func
    if isinstance(func, ast.Attribute):
        return func.attr == "get"
    return isinstance(func, ast.Name) and func.id in _GETATTR


def changed_names(node: ast.AST) -> list[str]:
    """The names whose dict or list `node` may change: stored into or deleted from
    (`table[key] = f`), a changing method called on (`table.update(...)`), added to
    (`table += [f]`) or handed to a call that may change it (`register(table)`)."""
    held: list[ast.expr] = []
    if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        held.append(node.value)
    elif isinstance(node, ast.AugAssign):
        held.append(node.target)
    elif isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr in _CHANGING:
            held.append(node.func.value)
        if not _reads_only(node.func):
            given = [*node.args, *(k.value for k in node.keywords)]
            held += [g.value if isinstance(g, ast.Starred) else g for g in given]
    return [h.id for h in held if isinstance(h, ast.Name)]


def _reads_only(func: ast.expr) -> bool:
    """A builtin that reads what it is given (`len(table)`, `sorted(table)`), or a string's
    `join` or `format` (`", ".join(table)`)."""
    if isinstance(func, ast.Name):
        return func.id in _READERS
    return (
        isinstance(func, ast.Attribute)
        and func.attr in {"join", "format"}
        and isinstance(func.value, ast.Constant)
    )


_READERS = frozenset(
    {"len", "sorted", "list", "tuple", "set", "frozenset", "iter", "enumerate", "reversed"}
    | {"str", "repr", "any", "all", "zip", "isinstance", "print"}
)


def local_table(
    name: str, assignments: list[ast.Assign] | None, nodes: Sequence[ast.AST]
) -> Entries | None:
    """The functions a function's local table holds: bound once, by its one binding, to
    a display of functions' names (`assignments`: those of `name` when they are all its
    bindings), and changed by none of the function's own `nodes`."""
    if assignments is None or len(assignments) != 1 or len(assignments[0].targets) != 1:
        return None
    entries = entries_of(assignments[0].value)
    if entries is None:
        return None
    if any(name in changed_names(node) for node in nodes):
        return None
    return entries


def looked_up(func: ast.expr, module_table: TableOf, local: TableOf) -> Lookup | None:
    """The table lookup `func` is, when it is one of a known table: `TABLE[key]` or
    `TABLE.get(key)`, `TABLE.get(key, default)` of a dict."""
    default: ast.expr | None = None
    if isinstance(func, ast.Subscript) and isinstance(func.ctx, ast.Load):
        held = func.value
    elif (
        isinstance(func, ast.Call)
        and isinstance(func.func, ast.Attribute)
        and func.func.attr == "get"
        and 1 <= len(func.args) <= 2
        and not func.keywords
        and not any(isinstance(a, ast.Starred) for a in func.args)
    ):
        held = func.func.value
        default = func.args[1] if len(func.args) == 2 else None
    else:
        return None
    if isinstance(held, ast.Dict | ast.List | ast.Tuple):
        # NOTE: `{"csv": as_csv, "json": as_json}[kind](rows)`: the display itself
        written = entries_of(held)
        return None if written is None else Lookup(written, _given(default), local=True)
    if not isinstance(held, ast.Name):
        return None
    found = local(held.id)
    is_local = found is not None
    if found is None:
        found = module_table(held.id)
    if found is None:
        return None
    return Lookup(found, _given(default), is_local)


def _given(default: ast.expr | None) -> ast.expr | None:
    """The fallback a lookup may give that a call runs: not `None`, whose call raises."""
    return None if isinstance(default, ast.Constant) and default.value is None else default


def function_lookup(
    func: ast.expr, function: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
) -> Lookup | None:
    """`looked_up` in `function` as written: the tables it binds itself, else the
    module's (a name it binds or takes as a parameter is not the module's)."""
    # NOTE: the taint package imports this module (its lowering follows these tables).
    from webwarden.analysis.taint.response_types import local_assignments, own_nodes

    nodes = own_nodes(function.body)
    arguments = function.args
    params = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    params.update(a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None)
    bound = params | {
        n.id for n in nodes if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }

    def local(name: str) -> Entries | None:
        if name not in bound or name in params:
            return None
        return local_table(name, local_assignments(name, function.body, nodes), nodes)

    def module(name: str) -> Entries | None:
        return None if name in bound else DispatchTables.of(ctx).table(name)

    return looked_up(func, module, local)


def prefixed_getattr(func: ast.expr) -> Prefixed | None:
    """`getattr(obj, "do_" + action)` (also `f"do_{action}"`, `"do_%s" % action`, `"do_{}"
    .format(action)`), optionally with a fallback: the object's name, the fixed text
    the attribute's name starts with (and ends with, if any), and the fallback."""
    if not (
        isinstance(func, ast.Call)
        and isinstance(func.func, ast.Name)
        and func.func.id in _GETATTR
        and 2 <= len(func.args) <= 3
        and not func.keywords
        and isinstance(func.args[0], ast.Name)
    ):
        return None
    prefix = fixed_start(func.args[1])
    if not prefix:
        return None
    default = func.args[2] if len(func.args) == 3 else None
    return Prefixed(func.args[0].id, prefix, _given(default), fixed_end(func.args[1]))


def fixed_start(node: ast.expr) -> str:
    """The fixed text a string built from a constant and other values starts with ("" when
    none, or when the whole string is fixed)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = node.left
        while isinstance(left, ast.BinOp) and isinstance(left.op, ast.Add):
            left = left.left
        return left.value if isinstance(left, ast.Constant) and isinstance(left.value, str) else ""
    if isinstance(node, ast.JoinedStr) and len(node.values) > 1:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
        return ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _before(node.left, "%")
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        return _before(node.func.value, "{")
    return ""


def fixed_end(node: ast.expr) -> str:
    """The fixed text a string built as `fixed_start` reads ends with ("" when none):
    `"get_%s_display" % name`, `f"get_{name}_display"`, `"get_" + name + "_display"`."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        right = node.right
        return (
            right.value if isinstance(right, ast.Constant) and isinstance(right.value, str) else ""
        )
    if isinstance(node, ast.JoinedStr) and len(node.values) > 1:
        last = node.values[-1]
        return last.value if isinstance(last, ast.Constant) and isinstance(last.value, str) else ""
    template: ast.expr | None = None
    pattern = _ONE_PERCENT
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        template = node.left
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        template, pattern = node.func.value, _ONE_FIELD
    if isinstance(template, ast.Constant) and isinstance(template.value, str):
        found = pattern.fullmatch(template.value)
        return found.group("end") if found else ""
    return ""


_ONE_PERCENT = re.compile(r"[^%]*%[#0 +-]*\d*(?:\.\d+)?[a-zA-Z](?P<end>[^%]*)")
"""A `%` format with one conversion, and the text after it."""
_ONE_FIELD = re.compile(r"[^{}]*\{[^{}]*\}(?P<end>[^{}]*)")
"""A `str.format` template with one field, and the text after it."""


def _before(node: ast.expr, mark: str) -> str:
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return ""
    text = node.value
    at = text.find(mark)
    return text[:at] if at > 0 and not text.startswith(mark * 2, at) else ""
