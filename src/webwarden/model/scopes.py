"""Scopes and bindings of one module: which value a local name was given.

Deliberately flow-insensitive and conservative: a name with one plain assignment in its
scope has that value; a name assigned twice, unpacked, looped over, passed in as a
parameter or bound by an import has no single value, nor has a list, dict or set some
statement changes in place (`ORIGINS = []`, then `ORIGINS.append(site)`, there or in a
function). `Scopes.reaching_value` is the one flow-sensitive question, asked only where a
rule needs it: the assignment written before a read on the straight path to it.
"""

from __future__ import annotations

import ast
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping

from webwarden.model.container_changes import ChangesInPlace, may_hold_container
from webwarden.model.tree import children

ScopeNode = ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef
_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_ENTERED_ONCE = (ast.If, ast.With, ast.AsyncWith)
"""Statements whose bodies run at most once each time the statement runs, from the top:
what was assigned before the statement reaches a read in them (not a loop's body, which
a later statement of it may reach again; not a `try`'s handlers, which start anywhere)."""

_BINDING = (
    ast.Assign,
    ast.AnnAssign,
    ast.NamedExpr,
    ast.withitem,
    ast.AugAssign,
    ast.For,
    ast.AsyncFor,
    ast.Delete,
    *_NESTED,
    ast.Import,
    ast.ImportFrom,
    ast.ExceptHandler,
    ast.Global,
    ast.Nonlocal,
    ast.MatchAs,
    ast.MatchStar,
    ast.MatchMapping,
)
"""The nodes that bind names (one check lets every other node through)."""

UNKNOWN_BINDING: ast.expr = ast.Constant(value=Ellipsis)
"""Marks a binding whose value cannot be known (parameter, loop target, import, ...)."""


CHANGED_BINDING: ast.expr = ast.Constant(value=Ellipsis)
"""Marks a name whose object a statement changes in place (`app.config["X"] = v`): what
the name holds is unknowable after it. Such a statement does not bind the name: it is
among the values of the variable the name reads there, the scope's own or an enclosing
one (`Scopes.values_of`)."""


def _names_in(target: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """(name, marker) for every name in an assignment target: `UNKNOWN_BINDING` for those
    it binds (`a`, `a, *b`), `CHANGED_BINDING` for those whose object it changes (`a.b`,
    `a[k]`, `a.b[k].c`: `a`; not the key `k`, which the statement only reads)."""
    if isinstance(target, ast.Name):
        yield target.id, UNKNOWN_BINDING
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _names_in(element)
    elif isinstance(target, ast.Starred):
        yield from _names_in(target.value)
    else:
        changed: ast.AST = target
        while isinstance(changed, ast.Attribute | ast.Subscript):
            changed = changed.value
        if isinstance(changed, ast.Name):
            yield changed.id, CHANGED_BINDING
            return
        # NOTE: `lookup(a).b = v`: the object a call answered may be one a name holds.
        for node in ast.walk(changed):
            if isinstance(node, ast.Name):
                yield node.id, CHANGED_BINDING


def _comprehension_bound(
    node: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp,
) -> Iterator[int]:
    """The ids of the names in `node` that its own `for` targets bind (see
    `Scopes._comprehension_names`)."""
    bound = {
        name.id
        for generator in node.generators
        for name in ast.walk(generator.target)
        if isinstance(name, ast.Name)
    }
    if not bound:
        return
    first = node.generators[0].iter
    stack: list[ast.AST] = children(node)
    while stack:
        current = stack.pop()
        if current is first:
            continue
        if isinstance(current, ast.Name) and current.id in bound:
            yield id(current)
        elif not isinstance(current, _NESTED):
            stack.extend(children(current))


def scope_statements(scope: ScopeNode) -> Iterator[ast.AST]:
    """Every node of `scope`'s own body, not descending into nested scopes."""
    stack: list[ast.AST] = [scope.body] if isinstance(scope, ast.Lambda) else list(scope.body)
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, _NESTED):
            # NOTE: decorators, bases and defaults belong to the enclosing scope.
            if not isinstance(node, ast.Lambda):
                stack.extend(node.decorator_list)
            if isinstance(node, ast.ClassDef):
                stack.extend(node.bases)
            continue
        stack.extend(children(node))


def bindings_of(scope: ScopeNode) -> dict[str, list[ast.expr]]:
    """Name -> every value bound to it in `scope` itself (`UNKNOWN_BINDING` where
    unknowable, `CHANGED_BINDING` where a statement of the scope changes its object),
    parameters included; not those of scopes nested in it, nor a name the scope only
    changes in place (`CONFIG["k"] = v`), which stays the enclosing scope's."""
    return _bindings(scope)[0]


def _bindings(scope: ScopeNode) -> tuple[dict[str, list[ast.expr]], frozenset[str]]:
    """The names `scope` binds, with their values (see `bindings_of`), and the names it
    only changes in place: those of an enclosing scope, or of no scope (a builtin)."""
    found: dict[str, list[ast.expr]] = {}
    declared: set[str] = set()

    def bind(name: str, value: ast.expr) -> None:
        found.setdefault(name, []).append(value)

    if isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        args = scope.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg):
            if arg is not None:
                bind(arg.arg, UNKNOWN_BINDING)
    for node in scope_statements(scope):
        if not isinstance(node, _BINDING):
            continue
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    bind(target.id, node.value)
                else:
                    for name, marker in _names_in(target):
                        bind(name, marker)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            bind(node.target.id, node.value if node.value is not None else UNKNOWN_BINDING)
        elif isinstance(node, ast.NamedExpr):
            bind(node.target.id, node.value)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            if isinstance(node.optional_vars, ast.Name):
                bind(node.optional_vars.id, node.context_expr)
            else:
                for name, marker in _names_in(node.optional_vars):
                    bind(name, marker)
        elif isinstance(node, ast.AugAssign | ast.For | ast.AsyncFor | ast.Delete):
            target = node.targets[0] if isinstance(node, ast.Delete) else node.target
            for name, marker in _names_in(target):
                bind(name, marker)
        elif isinstance(node, _NESTED) and not isinstance(node, ast.Lambda):
            bind(node.name, UNKNOWN_BINDING)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bind((alias.asname or alias.name).split(".")[0], UNKNOWN_BINDING)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bind(node.name, UNKNOWN_BINDING)
        elif isinstance(node, ast.Global | ast.Nonlocal):
            declared.update(node.names)
        elif isinstance(node, ast.MatchAs | ast.MatchStar) and node.name:
            bind(node.name, UNKNOWN_BINDING)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            bind(node.rest, UNKNOWN_BINDING)
    # NOTE: only a bare name bound makes it the scope's: `CONFIG["k"] = v` in a
    # function reads the module's `CONFIG` and changes its object.
    changed = frozenset(
        name for name, values in found.items() if all(v is CHANGED_BINDING for v in values)
    )
    for name in changed:
        del found[name]
    if not isinstance(scope, ast.Module):
        # NOTE: a name the scope declares `global` (`nonlocal`) is the module's (the
        # enclosing function's) wherever the scope reads or assigns it: `global APP`,
        # then `APP = app` and `return APP`, keeps the app in the module's `APP`.
        for name in declared:
            found.pop(name, None)
    return found, changed


class Scopes:
    """Answers "what single value does this name have here?" for one module."""

    __slots__ = (
        "_bindings",
        "_changed",
        "_changed_only",
        "_comprehended",
        "_indexed",
        "_nonlocals",
        "_parent",
        "_rebound",
        "_rebound_inside",
        "tree",
    )

    def __init__(
        self,
        tree: ast.Module,
        parent: Callable[[ast.AST], ast.AST | None],
        rebound: frozenset[str] = frozenset(),
        nonlocals: tuple[ast.Nonlocal, ...] = (),
        indexed: Mapping[type[ast.AST], list[ast.AST]] | None = None,
    ) -> None:
        self.tree = tree
        self._parent = parent
        self._rebound = rebound
        """Names a function of the module declares `global`: it may bind them anew."""
        self._nonlocals = nonlocals
        """The module's `nonlocal` statements: each lets a nested function bind a name of
        an enclosing function anew."""
        self._rebound_inside: set[tuple[int, str]] | None = None
        self._bindings: dict[int, dict[str, list[ast.expr]]] = {}
        self._changed_only: dict[int, frozenset[str]] = {}
        """Scope id -> the names the scope changes in place without binding them."""
        self._indexed = indexed
        """Every node of the module by its type, when an index holds them: the
        attributes, subscripts and assignments where a change in place can be (else the
        tree is walked, once, if asked)."""
        self._changed: ChangesInPlace | None = None
        self._comprehended: frozenset[int] | None = None

    def enclosing_scope(self, node: ast.AST) -> ScopeNode:
        """The function, lambda, class or module whose body holds `node`: a `def`'s
        decorators, parameter defaults and annotations are read in the scope around it."""
        current = self._parent(node)
        while current is not None:
            if isinstance(current, ScopeNode) and not in_header(current, node):
                return current
            current = self._parent(current)
        return self.tree

    def enclosing_function(self, node: ast.AST) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
        """The innermost `def` holding `node`, if any."""
        current = self._parent(node)
        while current is not None:
            if isinstance(current, ast.FunctionDef | ast.AsyncFunctionDef):
                return current
            current = self._parent(current)
        return None

    def reads_of_assigned(self, statement: ast.AST | None) -> list[ast.Name]:
        """For `name = value` (one plain name), every read of the variable it binds, in
        the function holding the statement (the module outside one) and the functions
        nested in it, where they do not bind a name of their own so called. Empty for any
        other statement."""
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            return []
        return self.reads_of_bound(statement, statement.targets[0].id)

    def reads_of_bound(self, statement: ast.AST, name: str) -> list[ast.Name]:
        """Every read of the variable `name` that `statement` binds (one of a tuple it
        unpacks: `prefix, suffix = ...`), as `reads_of_assigned` finds them."""
        scope: ast.AST = self.enclosing_function(statement) or self.tree
        return [
            node
            for node in ast.walk(scope)
            if isinstance(node, ast.Name)
            and node.id == name
            and isinstance(node.ctx, ast.Load)
            and self.binding_scope(node) is scope
        ]

    def bindings(self, scope: ScopeNode) -> dict[str, list[ast.expr]]:
        """Name -> every value bound to it in `scope` (`UNKNOWN_BINDING` where unknowable)."""
        key = id(scope)
        if key not in self._bindings:
            found, self._changed_only[key] = _bindings(scope)
            if scope is self.tree:
                for name in self._rebound:
                    found.setdefault(name, []).append(UNKNOWN_BINDING)
            elif self._nonlocals:
                for name, values in found.items():
                    if (key, name) in self._nonlocal_targets():
                        values.append(UNKNOWN_BINDING)
            self._bindings[key] = found
        return self._bindings[key]

    def _nonlocal_targets(self) -> set[tuple[int, str]]:
        """(scope id, name) for each function variable a nested function declares
        `nonlocal`: the nearest enclosing function binding the name, as Python resolves
        it (class bodies skipped)."""
        if self._rebound_inside is None:
            self._rebound_inside = set()
            for statement in self._nonlocals:
                for name in statement.names:
                    scope = self.enclosing_scope(self.enclosing_scope(statement))
                    while isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                        if not isinstance(scope, ast.ClassDef) and name in _bindings(scope)[0]:
                            self._rebound_inside.add((id(scope), name))
                            break
                        scope = self.enclosing_scope(scope)
        return self._rebound_inside

    def values_of(self, name: ast.Name) -> list[ast.expr] | None:
        """Every value `name` may have where it is read; None when it is bound nowhere.
        `CHANGED_BINDING` among them when a statement of the scope binding it, or of a
        scope between that one and the read, changes its object in place
        (`CONFIG["debug"] = True` in the function reading the module's `CONFIG`)."""
        return self._binding(name)[1]

    def _binding(self, name: ast.Name) -> tuple[ScopeNode | None, list[ast.expr] | None]:
        """`binding_scope` and `values_of`, for one lookup."""
        scope, changed = self._lookup(name)
        if scope is None:
            return None, None
        values = self.bindings(scope)[name.id]
        if changed and CHANGED_BINDING not in values:
            values = [*values, CHANGED_BINDING]
        return scope, values

    def binding_scope(self, name: ast.Name) -> ScopeNode | None:
        """The scope whose binding of `name` is the one read there; None when no scope
        binds it (a builtin, or a name only a star import binds). A class body reads its
        own names (`TALISMAN = {"force_https": FORCE_HTTPS}` after `FORCE_HTTPS = False`);
        the functions within it do not. Only a bare name bound makes it a scope's:
        `CONFIG["k"] = v` in a function reads, and changes, the module's `CONFIG`."""
        return self._lookup(name)[0]

    def _lookup(self, name: ast.Name) -> tuple[ScopeNode | None, bool]:
        """The scope binding `name` (see `binding_scope`), and whether a scope passed
        over on the way up to it changes the name's object in place."""
        if id(name) in self._comprehension_names():
            return None, False
        scope = self.enclosing_scope(name)
        if isinstance(scope, ast.ClassDef) and name.id in self.bindings(scope):
            return scope, False
        changed = False
        while True:
            if name.id in self.bindings(scope) and not isinstance(scope, ast.ClassDef):
                return scope, changed
            changed = changed or name.id in self._changed_only[id(scope)]
            if scope is self.tree:
                return None, changed
            scope = self.enclosing_scope(scope)

    def _comprehension_names(self) -> frozenset[int]:
        """The ids of the names a comprehension binds, where it binds and reads them
        (`x` in `[x.upper() for x in items if x]`): Python gives a comprehension a scope
        of its own, so they are no variable of the function or module around it (whose
        own `x` they leave alone). Not the first iterable (`items`), which the
        enclosing scope evaluates, nor a function or lambda within."""
        if self._comprehended is None:
            kinds = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
            nodes: Iterable[ast.AST] = (
                (node for node in ast.walk(self.tree) if isinstance(node, kinds))
                if self._indexed is None
                else itertools.chain.from_iterable(self._indexed.get(k, ()) for k in kinds)
            )
            found: set[int] = set()
            for node in nodes:
                assert isinstance(node, kinds)  # noqa: S101 - nodes of those kinds
                found.update(_comprehension_bound(node))
            self._comprehended = frozenset(found)
        return self._comprehended

    def changed_in_place(self, name: str, scope: ScopeNode) -> bool:
        """Whether a statement of the module changes in place the object `scope`'s
        variable `name` holds (`name.append(v)`, `name["k"] = v`, also in a function
        reading the module's `name`, or through another name holding it: `hosts =
        ALLOWED_HOSTS`, then `hosts.append(v)`)."""
        return self._changes().changes(scope, name)

    def bound_then_changed(self, target: ast.Name, value: ast.expr) -> bool:
        """Whether `target = value` binds a list, dict or set that a statement of the
        module changes in place (`JWT_TOKEN_LOCATION = ["headers"]`, then
        `JWT_TOKEN_LOCATION.append("cookies")`): `value` is not what the name holds."""
        if not may_hold_container(value):
            return False
        scope = self.binding_scope(target)
        return scope is not None and self.changed_in_place(target.id, scope)

    def _changes(self) -> ChangesInPlace:
        if self._changed is None:
            kinds = (ast.Attribute, ast.Subscript, ast.Assign, ast.AnnAssign)
            nodes: Iterable[ast.AST] = (
                (node for node in ast.walk(self.tree) if isinstance(node, kinds))
                if self._indexed is None
                else itertools.chain.from_iterable(self._indexed.get(k, ()) for k in kinds)
            )
            self._changed = ChangesInPlace(nodes, self._parent, self.binding_scope)
        return self._changed

    def reaching_value(self, name: ast.Name) -> ast.expr | None:
        """The value of the plain assignment `name = value` that every path to this read
        passes last: the nearest one before the statement reading it, in its block or
        the blocks of the `if` and `with` statements holding it, with no other binding of
        the name between (`if windows: cmd = [...]` / `else: cmd = "ps"; run(cmd)`: the
        `else` branch's). None when there is none or the path is not straight, or when a
        statement between changes in place the list, dict or set it holds
        (`cmd.append(q)`)."""
        statement = self._statement_of(name)
        if statement is None or _binds(statement, name.id):
            return None
        return self._reaching_from(statement, name.id)

    def value_before(self, name: ast.Name) -> ast.expr | None:
        """The value `name` holds where an assignment reads it on its right side, also one
        rebinding it (`DEBUG = section.getboolean("debug", DEBUG)`): Python evaluates the
        right side first, so it reads the binding before, found as `reaching_value` finds
        one. None when `name` is read elsewhere, or the right side binds it too (a
        walrus)."""
        statement = self._statement_of(name)
        if not isinstance(statement, ast.Assign) or _binds(statement.value, name.id):
            return None
        if not any(inner is name for inner in ast.walk(statement.value)):
            return None
        return self._reaching_from(statement, name.id)

    def _statement_of(self, node: ast.AST) -> ast.AST | None:
        statement: ast.AST | None = node
        while statement is not None and not isinstance(statement, ast.stmt):
            statement = self._parent(statement)
        return statement

    def _reaching_from(self, statement: ast.AST, name: str) -> ast.expr | None:
        """The value of the nearest plain assignment of `name` every path to `statement`
        passes last (see `reaching_value`)."""
        passed: list[ast.AST] = []
        while True:
            holder = self._parent(statement)
            block = block_holding(holder, statement) if holder is not None else None
            if holder is None or block is None:
                return None
            position = next(i for i, s in enumerate(block) if s is statement)
            for earlier in reversed(block[:position]):
                value = _assigned(earlier, name)
                if value is not None:
                    if _binds(value, name):
                        return None
                    changed = may_hold_container(value) and self._changes().within(name, passed)
                    return None if changed else value
                if _binds(earlier, name):
                    return None
                passed.append(earlier)
            if not isinstance(holder, _ENTERED_ONCE):
                return None
            statement = holder

    def made_by(self, name: ast.Name, *, past_none: bool = False) -> ast.expr | None:
        """The one value `name` was bound to, whatever statements changed that object
        since (`s = requests.Session(); s.verify = False`: still the session made). With
        `past_none`, a `None` it is also set to is left aside (`s = None` in an `except`
        after the request failed): an object's methods and attributes are only ever those
        of the value made."""
        values = self.values_of(name)
        bound = [v for v in values or () if v is not CHANGED_BINDING]
        if past_none:
            bound = [v for v in bound if not _is_none(v)] or bound
        if len(bound) != 1 or bound[0] is UNKNOWN_BINDING:
            return None
        return bound[0]

    def entered_value(self, name: ast.Name) -> ast.expr | None:
        """What the `with` statement holding the read binds `name` to (`with open(path)
        as f: exec(f.read())`: the `open(path)` call), when nothing in its body binds the
        name again; for a name the scope binds several times (a second `with open(...)
        as f:` further down), whose single value `made_by` cannot give."""
        node: ast.AST | None = self._parent(name)
        while node is not None and not isinstance(node, (*_NESTED, ast.Module)):
            if isinstance(node, ast.With | ast.AsyncWith):
                for item in node.items:
                    target = item.optional_vars
                    if isinstance(target, ast.Name) and target.id == name.id:
                        rebound = any(_binds(s, name.id) for s in node.body)
                        return None if rebound else item.context_expr
                if any(_binds(item, name.id) for item in node.items):
                    return None
            node = self._parent(node)
        return None

    def single_value(self, name: ast.Name) -> ast.expr | None:
        """The one value `name` was assigned, or None when it has none or several. In a
        class body, which runs once from top to bottom, a name bound several times holds
        what the straight path to the read bound it last (`FORCE_HTTPS = False` under an
        earlier `FORCE_HTTPS = CommonConfig.FORCE_HTTPS`). None too for a list, dict or
        set that a statement of the module changes in place (`ORIGINS = []`, then
        `ORIGINS.append(site)`, before the read or after it: the object read is the one
        changed), but not one whose copy is changed (`list(ORIGINS).append(site)`)."""
        scope, values = self._binding(name)
        if scope is None or values is None:
            return None
        if len(values) > 1 and isinstance(scope, ast.ClassDef):
            value = self.reaching_value(name)
        elif len(values) != 1 or values[0] in (UNKNOWN_BINDING, CHANGED_BINDING):
            return None
        else:
            value = values[0]
        if value is not None and may_hold_container(value):
            return None if self.changed_in_place(name.id, scope) else value
        return value


def parameter_defaults(arguments: ast.arguments) -> dict[str, ast.expr]:
    """Parameter name -> its default value (`def f(a, b=1, *, c=2)`: `b` and `c`), the
    positional parameters first, in order."""
    positional = [*arguments.posonlyargs, *arguments.args]
    defaulted = positional[len(positional) - len(arguments.defaults) :]
    found = {a.arg: d for a, d in zip(defaulted, arguments.defaults, strict=True)}
    found |= {
        a.arg: d
        for a, d in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if d is not None
    }
    return found


def in_header(function: ast.AST, node: ast.AST) -> bool:
    """Whether `node` is in a `def`'s header (a decorator, a parameter default or an
    annotation), which Python evaluates in the scope around the function, before its body
    runs: `@user.route(...)` over a view binding a local `user` reads the module's."""
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef) or not function.body:
        return False
    first = function.body[0]
    where = (getattr(node, "lineno", first.lineno), getattr(node, "col_offset", first.col_offset))
    return where < (first.lineno, first.col_offset)


def _is_none(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value is None


def block_holding(holder: ast.AST, statement: ast.AST) -> list[ast.stmt] | None:
    """The statement list of `holder` (`body`, `orelse`...) that holds `statement`."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(holder, field, None)
        if isinstance(block, list) and any(s is statement for s in block):
            return block
    return None


def _assigned(statement: ast.stmt, name: str) -> ast.expr | None:
    """The value of `name = value` (one target), None for any other statement."""
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return None
    target = statement.targets[0]
    return statement.value if isinstance(target, ast.Name) and target.id == name else None


def _binds(node: ast.AST, name: str) -> bool:
    """Whether anything in `node` (nested functions and classes included) may bind `name`."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and inner.id == name and not isinstance(inner.ctx, ast.Load):
            return True
        if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if inner.name == name:
                return True
        elif isinstance(inner, ast.Import | ast.ImportFrom):
            if any((a.asname or a.name).split(".")[0] == name for a in inner.names):
                return True
        elif isinstance(inner, ast.ExceptHandler | ast.Global | ast.Nonlocal):
            names = inner.names if isinstance(inner, ast.Global | ast.Nonlocal) else [inner.name]
            if name in names:
                return True
    return False
