"""Where a module looks a key up in a dict it writes: the screen before `looked_up_guards`,
and the module's and its classes' fixed tables (dicts of constant keys nothing changes)."""

from __future__ import annotations

import ast
import bisect

from webwarden.model.module import FileContext
from webwarden.model.rebound_names import rebound_names


class DictLookups:
    """The lines of a module's `{...}[k]` and `table[k]` reads, `table` being a name some
    assignment of the module binds to a dict display. `looked_up_guards` finds a guard
    only in such a read, so a statement spanning none of these lines has none (most
    statements: walking each one's value was a tenth of the lowering)."""

    def __init__(self, ctx: FileContext) -> None:
        self._ctx = ctx
        self._lines: list[int] | None = None
        self._grown_found: tuple[frozenset[str], frozenset[str]] | None = None
        self._module_found: frozenset[str] | None = None

    def may_hold(self, value: ast.expr) -> bool:
        """Whether a dict lookup may start on a line `value` spans."""
        first = getattr(value, "lineno", None)
        if first is None:
            return True  # NOTE: a node the lowering made itself: walk it
        lines = self._lines if self._lines is not None else self._find()
        last = value.end_lineno or first
        at = bisect.bisect_left(lines, first)
        return at < len(lines) and lines[at] <= last

    def _find(self) -> list[int]:
        tables = {
            written.id
            for node in self._ctx.nodes(ast.Assign)
            if isinstance(node, ast.Assign) and made_dict(node.value)
            for written in node.targets
            if isinstance(written, ast.Name)
        }
        self._lines = sorted(
            node.lineno
            for node in self._ctx.nodes(ast.Subscript)
            if isinstance(node, ast.Subscript)
            and isinstance(node.ctx, ast.Load)
            and (
                isinstance(node.value, ast.Dict)
                or (isinstance(node.value, ast.Name) and node.value.id in tables)
                or (isinstance(node.value, ast.Attribute) and node.value.attr in tables)
            )
        )
        return self._lines

    def module_tables(self) -> frozenset[str]:
        """Names the module body binds once to a dict display of constant keys, which
        nothing else binds, declares `global` or adds a key to anywhere in the module
        (`MODELS = {"property": Property, "tax_lot": TaxLot}`): `MODELS[kind]` succeeds
        only for one of those keys."""
        if self._module_found is None:
            self._module_found = self._module_tables()
        return self._module_found

    def _module_tables(self) -> frozenset[str]:
        once = _tables_bound_once(self._ctx.tree.body)
        if not once:
            return frozenset()
        # NOTE: the module-level assignment is the one store of the name: any other (in a
        # function too, or a `def`, an import, a `global`) may bind something else.
        return frozenset(once - rebound_names(self._ctx, once) - self._grown()[0])

    def class_tables(self, node: ast.ClassDef) -> frozenset[str]:
        """Attributes the class body binds once to a dict display of constant keys, which
        no code of the module assigns (`self.models = ...`) or adds a key to: a method's
        `self.models[kind]` succeeds only for one of those keys (a subclass may set its
        own table, a dict too)."""
        once = _tables_bound_once(node.body)
        if not once:
            return frozenset()
        assigned = {
            n.attr
            for n in self._ctx.nodes(ast.Attribute)
            if isinstance(n, ast.Attribute) and not isinstance(n.ctx, ast.Load)
        }
        return frozenset(once - assigned - self._grown()[1])

    def _grown(self) -> tuple[frozenset[str], frozenset[str]]:
        """Names and attribute names whose dict some code of the module may add a key to:
        `table[key] = ...`, `del table[key]`, `table.update(...)`, `table.setdefault(...)`,
        `table |= ...`."""
        if self._grown_found is not None:
            return self._grown_found
        names: set[str] = set()
        attributes: set[str] = set()
        for node in self._ctx.nodes(ast.Subscript, ast.Call, ast.AugAssign):
            held: ast.expr | None = None
            if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
                held = node.value
            elif isinstance(node, ast.AugAssign):
                held = node.target
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in _GROWING
            ):
                held = node.func.value
            if isinstance(held, ast.Name):
                names.add(held.id)
            elif isinstance(held, ast.Attribute):
                attributes.add(held.attr)
        self._grown_found = (frozenset(names), frozenset(attributes))
        return self._grown_found


_GROWING = frozenset({"update", "setdefault", "__setitem__"})
"""Methods of a dict that may add keys to it."""


def _tables_bound_once(body: list[ast.stmt]) -> set[str]:
    """Names a body binds, once only, to a dict display of constant keys."""
    bound = [
        statement.targets[0].id
        for statement in body
        if isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and _fixed_keys(statement.value)
    ]
    return {name for name in bound if bound.count(name) == 1}


def _fixed_keys(value: ast.expr) -> bool:
    """A dict display whose every key is a constant (no `**spread`)."""
    return (
        isinstance(value, ast.Dict)
        and bool(value.keys)
        and all(isinstance(key, ast.Constant) for key in value.keys)
    )


def made_dict(value: ast.expr) -> bool:
    """A dict literal, or a dict built by `dict(...)` (`choices = dict(cls.get_choices())`):
    looking a key up in it raises unless the key is one of the dict's; the interpreter
    still judges what the dict holds, as for the literal."""
    if isinstance(value, ast.Dict):
        return True
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == "dict"
        and len(value.args) <= 1
    )
