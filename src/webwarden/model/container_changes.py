"""Statements that change a list, dict or set in place, and the names whose object they change.

`ORIGINS = []` then `ORIGINS.append(site)`: the name is bound once, but the list it holds
is not the empty one the assignment wrote. `Scopes.single_value` asks here which names of
a module such a statement reaches (`ORIGINS.append(...)`, `CONFIG["k"] = v`,
`del HOSTS[0]`, `CONFIG["k"].append(v)`), and whether the value a name is bound to can
be a container the constant evaluation would read (`[]`, `{...}`, `set()`, `a + b`, not
`hashlib.md5()`, whose `update` is no change to a constant).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable

CHANGING_METHODS = frozenset(
    {"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse"}
    | {"update", "setdefault", "popitem", "add", "discard"}
    | {"difference_update", "intersection_update", "symmetric_difference_update"}
)
"""Methods of `list`, `dict` and `set` that change the object they are called on."""

_CONTAINER_BUILDERS = frozenset(
    {"list", "dict", "set", "sorted", "OrderedDict", "defaultdict", "deque", "copy", "deepcopy"}
    | {"split", "rsplit", "splitlines", "fromkeys"}
)
"""Callees (by their last name) whose answer is a new list, dict or set: `list(x)`,
`collections.OrderedDict()`, `ALLOWED.copy()`, `text.split(",")`."""

_NOT_CONTAINERS = (ast.Constant, ast.JoinedStr, ast.Lambda, ast.Name, ast.Attribute)
"""Values that are no container of their own: text and numbers, functions, and another
name or attribute (whose object `changed_names` counts as changed when this one is)."""


def changed_receiver(node: ast.AST, parent: Callable[[ast.AST], ast.AST | None]) -> ast.Name | None:
    """The name whose object `node` changes in place, when `node` is the method of such a
    call (`x.append` in `x.append(v)`, `x["k"].update` in `x["k"].update(v)`) or an item
    assigned or deleted (`x[0]` in `x[0] = v`, `x["k"]["j"]` in `del x["k"]["j"]`)."""
    if isinstance(node, ast.Attribute):
        if node.attr not in CHANGING_METHODS:
            return None
        call = parent(node)
        if not (isinstance(call, ast.Call) and call.func is node):
            return None
        return _item_root(node.value)
    if isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load):
        return _item_root(node.value)
    return None


def _item_root(node: ast.expr) -> ast.Name | None:
    """`x` for `x`, `x[0]` or `x["k"]["j"]`; None for an attribute or a call on the way
    (`self.items`, `get()["k"]`): an object's attribute is no item of a constant."""
    while isinstance(node, ast.Subscript):
        node = node.value
    return node if isinstance(node, ast.Name) else None


def held_alias(value: ast.expr) -> ast.Name | None:
    """The name whose object `value` is, or an item of (`y = x`, `y = x["k"]`): what
    changes `y`'s object changes `x`'s. None for a slice (`x[:]`, a copy) or another
    value."""
    node = value
    while isinstance(node, ast.Subscript):
        if isinstance(node.slice, ast.Slice):
            return None
        node = node.value
    return node if isinstance(node, ast.Name) else None


def may_hold_container(value: ast.expr) -> bool:
    """Whether `value` may be a list, dict or set of its own: a display, a comprehension,
    an operation on such values (`BASE + [x]`, `a or []`), or a call building one
    (`list(x)`, `dict(a=1)`, `ALLOWED.copy()`); not text, a number, a function, another
    name, or a call making some other object."""
    if isinstance(value, ast.Call):
        func = value.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        return name in _CONTAINER_BUILDERS
    return not isinstance(value, _NOT_CONTAINERS)


class ChangesInPlace:
    """The variables of one module whose list, dict or set some statement changes in
    place. The statements are listed once (`nodes`: the module's attributes, subscripts
    and assignments, or any nodes); which variable each changes is worked out only for
    the names asked about, as asked."""

    __slots__ = ("_aliases", "_answers", "_binding_scope", "_parent", "_reads")

    def __init__(
        self,
        nodes: Iterable[ast.AST],
        parent: Callable[[ast.AST], ast.AST | None],
        binding_scope: Callable[[ast.Name], ast.AST | None],
    ) -> None:
        self._parent = parent
        self._binding_scope = binding_scope
        """The scope binding the name read (`CONFIG["k"] = v` in a function reads, and
        changes, the module's `CONFIG`)."""
        self._reads: dict[str, list[ast.Name]] = {}
        """Name -> each read of it whose object a statement changes in place."""
        self._aliases: dict[str, list[tuple[ast.Name, ast.Name]]] = {}
        """Name -> (target, read) of each `target = name` (or `= name["k"]`): what
        changes the target's object changes the name's."""
        self._answers: dict[tuple[int, str], bool] = {}
        for node in nodes:
            if isinstance(node, ast.Assign | ast.AnnAssign):
                alias = held_alias(node.value) if node.value is not None else None
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets if alias is not None else ():
                    if isinstance(target, ast.Name) and alias is not None:
                        self._aliases.setdefault(alias.id, []).append((target, alias))
                continue
            receiver = changed_receiver(node, parent)
            if receiver is not None:
                self._reads.setdefault(receiver.id, []).append(receiver)

    def changes(self, scope: ast.AST, name: str) -> bool:
        """Whether the object `scope`'s variable `name` holds is changed in place, there
        or through another name bound to it (`hosts = ALLOWED_HOSTS`, then
        `hosts.append(v)`)."""
        key = (id(scope), name)
        found = self._answers.get(key)
        if found is None:
            self._answers[key] = False  # NOTE: ends a cycle of names bound to each other
            found = self._directly(scope, name) or self._through_alias(scope, name)
            self._answers[key] = found
        return found

    def _directly(self, scope: ast.AST, name: str) -> bool:
        first = getattr(scope, "lineno", None)
        last = getattr(scope, "end_lineno", None)
        for read in self._reads.get(name, ()):
            # NOTE: a function's variable is read inside the function's lines only.
            if first is not None and last is not None and not first <= read.lineno <= last:
                continue
            if self._binding_scope(read) is scope:
                return True
        return False

    def _through_alias(self, scope: ast.AST, name: str) -> bool:
        for target, read in self._aliases.get(name, ()):
            if self._binding_scope(read) is not scope:
                continue
            target_scope = self._binding_scope(target)
            if target_scope is not None and self.changes(target_scope, target.id):
                return True
        return False

    def within(self, name: str, statements: list[ast.AST]) -> bool:
        """Whether one of `statements` changes in place an object a name `name` holds."""
        reads = self._reads.get(name)
        if not reads or not statements:
            return False
        passed = {id(statement) for statement in statements}
        for read in reads:
            node: ast.AST | None = read
            while node is not None and id(node) not in passed:
                node = self._parent(node)
            if node is not None:
                return True
        return False
