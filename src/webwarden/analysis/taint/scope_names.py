"""The names each scope of a module binds, worked out from the engine's node index.

Lowering a function needs the names its body binds (its locals), the names it declares
`global` and those it declares `nonlocal`. Walking every function body for them is a
second traversal of the whole module; here only the binding nodes are visited (from the
type index), each climbing the parent map to the scope whose walk would meet it.

What a scope's walk meets (the rules `walk_scope_names` follows, kept in step):

- a function's or lambda's scope is its body, the module's its body;
- a nested `def` or `class` binds its name in the scope around it, whose walk also reads
  its decorators and (for a `def`) its parameter defaults, and nothing else of it;
- a lambda binds nothing around it, and its parameter defaults are read by no scope;
- a class body, base list and keywords, and every annotation, are read by no scope;
- a comprehension's targets are noted apart (`comprehended`): they bind only inside it.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from webwarden.model.module import FileContext
from webwarden.model.tree import children


@dataclass(slots=True)
class ScopeNames:
    """The names one scope binds, declares `global`, and declares `nonlocal`."""

    bound: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)
    nonlocal_names: set[str] = field(default_factory=set)
    comprehended: set[str] = field(default_factory=set)
    """Names the targets of its comprehensions bind (`x` of `[x.id for x in rows]`): in
    Python 3 each comprehension's own, not the scope's."""


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_BINDING = (
    ast.Name,
    ast.comprehension,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Lambda,
    ast.Global,
    ast.Nonlocal,
    ast.ExceptHandler,
    ast.MatchAs,
    ast.MatchStar,
    ast.MatchMapping,
)
"""The nodes `walk_scope_names` looks at (one check lets every other node through)."""


def walk_scope_names(body: Sequence[ast.AST]) -> ScopeNames:
    """The names of the scope made of `body`, in one walk that does not descend into
    nested scopes; imports are left to the name resolver."""
    names = ScopeNames()
    stack: list[ast.AST] = list(body)
    while stack:
        node = stack.pop()
        if not isinstance(node, _BINDING):
            stack.extend(children(node))
            continue
        if isinstance(node, ast.Name):
            if not isinstance(node.ctx, ast.Load):
                names.bound.add(node.id)
            continue
        if isinstance(node, ast.comprehension):
            names.comprehended.update(target_names(node.target))
            stack.extend((node.iter, *node.ifs))
            continue
        if isinstance(node, _DEFINITIONS):
            names.bound.add(node.name)
            stack.extend(node.decorator_list)
            if not isinstance(node, ast.ClassDef):
                stack.extend(d for d in node.args.defaults + node.args.kw_defaults if d)
            continue
        if isinstance(node, ast.Lambda):
            continue
        _note(names, node)
        stack.extend(children(node))
    return names


def _note(names: ScopeNames, node: ast.AST) -> None:
    """Record what a binding node other than a name or a definition binds."""
    if isinstance(node, ast.Global):
        names.declared.update(node.names)
    elif isinstance(node, ast.Nonlocal):
        names.nonlocal_names.update(node.names)
    elif isinstance(node, ast.ExceptHandler | ast.MatchAs | ast.MatchStar) and node.name:
        names.bound.add(node.name)
    elif isinstance(node, ast.MatchMapping) and node.rest:
        names.bound.add(node.rest)


def target_names(target: ast.expr) -> Iterator[str]:
    """The names an assignment target binds (`x`, `(k, v)`, `[first, *rest]`)."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)


_UNPACKING = (ast.Tuple, ast.List, ast.Starred)


def _comprehension_target(name: ast.Name, parents: Mapping[int, ast.AST]) -> bool:
    """Whether `name` is (part of) the target of a comprehension's `for`."""
    child: ast.AST = name
    holder = parents.get(id(child))
    while isinstance(holder, _UNPACKING):
        child, holder = holder, parents.get(id(holder))
    return isinstance(holder, ast.comprehension) and holder.target is child


class ModuleScopes:
    """The `ScopeNames` of every scope of a module, by the scope's node (the module, a
    function or a lambda), from one pass over the binding nodes of the index."""

    def __init__(self, ctx: FileContext) -> None:
        self._parents = ctx.parent_map()
        self._owners: dict[int, ast.AST | None] = {}
        self._names: dict[int, ScopeNames] = {}
        load = ast.Load
        # NOTE: most names of a module are read, so the check is kept to one test.
        parents = self._parents
        for name in cast(list[ast.Name], ctx.nodes(ast.Name)):
            if type(name.ctx) is not load:
                if _comprehension_target(name, parents):
                    self._bind(name).comprehended.add(name.id)
                else:
                    self._bind(name).bound.add(name.id)
        for node in ctx.nodes(*_DEFINITIONS):
            if isinstance(node, _DEFINITIONS):
                self._bind(node).bound.add(node.name)
        kinds = (ast.Global, ast.Nonlocal, ast.ExceptHandler, ast.MatchAs, ast.MatchStar)
        for node in ctx.nodes(*kinds, ast.MatchMapping):
            _note(self._bind(node), node)

    def of(self, scope: ast.AST) -> ScopeNames:
        """The names of `scope` (a module, function or lambda node)."""
        return self._names.get(id(scope)) or ScopeNames()

    def _bind(self, node: ast.AST) -> ScopeNames:
        """Where a binding by `node` goes (a throwaway when no scope's walk meets it)."""
        scope = self._scope_of(node)
        if scope is None:
            return ScopeNames()
        names = self._names.get(id(scope))
        if names is None:
            names = self._names[id(scope)] = ScopeNames()
        return names

    def _scope_of(self, node: ast.AST) -> ast.AST | None:
        """The scope whose walk meets `node`, or None when none does.

        NOTE: a loop, not recursion: a long `a + b + ...` nests deeper than the recursion
        limit. Every node on the way up shares the answer, so each is remembered.
        """
        owners = self._owners
        parents = self._parents
        path: list[int] = []
        current = node
        found: ast.AST | None = None
        while True:
            key = id(current)
            if key in owners:
                found = owners[key]
                break
            path.append(key)
            holder = parents.get(key)
            if holder is None:
                break
            step = _STEPS.get(type(holder))
            if step is not None:
                done, found = step(holder, current)
                if done:
                    break
            current = holder
        for key in path:
            owners[key] = found
        return found


Step = tuple[bool, ast.AST | None]
"""(True, the scope meeting a child) when its holder decides it; (False, None) when the
child is met by whatever scope meets the holder."""


def _function_step(holder: ast.AST, child: ast.AST) -> Step:
    if isinstance(child, ast.stmt):
        return True, holder
    # decorators and (through `arguments`) defaults are the outer scope's
    return (True, None) if child is getattr(holder, "returns", None) else (False, None)


def _lambda_step(holder: ast.AST, child: ast.AST) -> Step:
    return True, holder if child is getattr(holder, "body", None) else None


def _class_step(holder: ast.AST, child: ast.AST) -> Step:
    decorators = getattr(holder, "decorator_list", ())
    return (False, None) if any(d is child for d in decorators) else (True, None)


def _arguments_step(_: ast.AST, child: ast.AST) -> Step:
    # NOTE: of the parameters only the defaults are read (by the scope around a `def`,
    # by none around a lambda); names and annotations are not.
    return (True, None) if isinstance(child, ast.arg) else (False, None)


def _module_step(holder: ast.AST, _: ast.AST) -> Step:
    return True, holder


_STEPS: dict[type[ast.AST], Callable[[ast.AST, ast.AST], Step]] = {
    ast.FunctionDef: _function_step,
    ast.AsyncFunctionDef: _function_step,
    ast.Lambda: _lambda_step,
    ast.ClassDef: _class_step,
    ast.arguments: _arguments_step,
    ast.Module: _module_step,
}
"""The holders that decide which scope meets a child, by type (any other passes the
question up)."""


def module_strings(ctx: FileContext) -> dict[str, str]:
    """Names the module body binds once, to a string constant, and nothing else binds or
    declares `global` anywhere: `STORE_URL = "https://store.example.com"` -> its text."""
    found: dict[str, tuple[str | None, ast.AST]] = {}
    for statement in ctx.tree.body:
        if (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            target = statement.targets[0]
            first = target.id not in found
            found[target.id] = (statement.value.value, target) if first else (None, target)
    if not found:
        return {}
    # NOTE: a name stored, defined, imported or declared global elsewhere (even in a
    # function, where it may be a local of the same name) is left out: it may change.
    taken = {n for n in ctx.names.aliases if n in found}
    for node in ctx.nodes(ast.Name, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "name", "")
        stored = not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load)
        if stored and name in found and found[name][1] is not node:
            taken.add(name)
    for node in ctx.nodes(ast.Global):
        taken.update(n for n in getattr(node, "names", ()) if n in found)
    return {
        name: text for name, (text, _) in found.items() if name not in taken and text is not None
    }
