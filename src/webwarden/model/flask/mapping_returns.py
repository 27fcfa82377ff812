"""The config a project function returns as a dict, for `app.config.from_mapping(f())`.

`config = load_config()` then `app.config.from_mapping(config)`, with `load_config` in
another module merging what its helpers return (`config |= func(env)` for each of a list
of loaders, each building a dict literal and setting a few keys): the project step reads
the function where it is defined and lists the keys its dict is sure to hold, the values
of those it sets under no test, and whether other keys may come in that the source does
not name (a comprehension over the environment, a key computed at run time).
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from webwarden.analysis.constants import UNKNOWN
from webwarden.model.flask.facts import SettingFact
from webwarden.model.flask.references import Namer
from webwarden.model.module import FileContext
from webwarden.model.tree import own_returns

_MAX_DEPTH = 4
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_BRANCHES = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.With, ast.AsyncWith, ast.Try)

Functions = Callable[[str], tuple[FileContext, ast.FunctionDef | ast.AsyncFunctionDef] | None]
"""A function's qualified name -> its module and definition, when the project defines it."""


@dataclass(slots=True)
class Returned:
    """What a function's returned dict holds."""

    settings: list[SettingFact] = field(default_factory=list)
    opaque: bool = False
    relpath: str = "."
    """The file of the function `returned_settings` read (its helpers' settings too)."""

    def merge(self, other: Returned) -> None:
        """Adds what `other` holds after what this holds."""
        self.settings.extend(other.settings)
        self.opaque = self.opaque or other.opaque


def returned_settings(ref: str, functions: Functions, depth: int = 0) -> Returned | None:
    """The settings the dict `ref` returns holds, in the order they are set; None when it
    does not return a dict webwarden can follow (a local built in the function, a dict
    literal or `dict(...)`)."""
    found = functions(ref) if depth <= _MAX_DEPTH else None
    if found is None:
        return None
    ctx, function = found
    returned = _returned_name(function)
    if returned is None:
        return None
    reader = _Reader(Namer(ctx), function, functions, depth)
    if isinstance(returned, ast.Name):
        held: Returned | None = reader.built(returned.id)
    else:
        held = reader.literal(returned, conditional=False)
    if held is not None:
        held.relpath = ctx.relpath
    return held


def _returned_name(function: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.expr | None:
    """What the function returns when its last statement is its one `return`."""
    returns = own_returns(function)
    last = function.body[-1] if function.body else None
    if len(returns) != 1 or returns[0] is not last or last.value is None:
        return None
    return last.value


@dataclass(slots=True)
class _Reader:
    namer: Namer
    function: ast.FunctionDef | ast.AsyncFunctionDef
    functions: Functions
    depth: int

    def built(self, name: str) -> Returned:
        """The dict local `name` holds when the function returns it."""
        found = Returned()
        for statement, conditional in _statements(self.function.body, conditional=False):
            self._step(statement, name, conditional, found)
        return found

    def _step(self, statement: ast.stmt, name: str, conditional: bool, found: Returned) -> None:
        match statement:
            case (
                ast.Assign(targets=[ast.Name(id=target)], value=value)
                | ast.AnnAssign(target=ast.Name(id=target), value=value)
            ) if target == name and value is not None:
                found.merge(self.literal(value, conditional) or Returned(opaque=True))
            case ast.Assign(targets=[ast.Subscript(value=ast.Name(id=target), slice=key)]) if (
                target == name
            ):
                found.merge(self._item(key, statement.value, conditional))
            case ast.AugAssign(target=ast.Name(id=target), op=ast.BitOr(), value=value) if (
                target == name
            ):
                found.merge(self.merged(value, conditional))
            case ast.Expr(
                value=ast.Call(
                    func=ast.Attribute(value=ast.Name(id=target), attr="update"), args=[value]
                )
            ) if target == name:
                found.merge(self.merged(value, conditional))
            case _:
                if _touches(statement, name):
                    found.opaque = True

    def literal(self, value: ast.expr, conditional: bool) -> Returned | None:
        """A dict display or `dict(...)` call: its constant keys."""
        if isinstance(value, ast.Dict):
            pairs = list(zip(value.keys, value.values, strict=True))
        elif (
            isinstance(value, ast.Call)
            and isinstance(value.func, ast.Name)
            and self.namer.ctx.qualified(value.func) == "dict"
            and not value.args
        ):
            pairs = [
                (ast.copy_location(ast.Constant(k.arg), k) if k.arg else None, k.value)
                for k in value.keywords
            ]
        else:
            return None
        found = Returned()
        for key, item in pairs:
            found.merge(self._item(key, item, conditional))
        return found

    def _item(self, key: ast.expr | None, value: ast.expr, conditional: bool) -> Returned:
        name = self.namer.ctx.evaluate(key) if key is not None else UNKNOWN
        if not isinstance(name, str):
            return Returned(opaque=True)
        # NOTE: a key set under a test may hold anything, or be missing.
        held = UNKNOWN if conditional else self.namer.setting_value(value)
        location = self.namer.ctx.location(key if key is not None else value)
        return Returned([SettingFact(name, held, location)])

    def merged(self, value: ast.expr, conditional: bool) -> Returned:
        """What `name |= value` or `name.update(value)` adds: a dict display, or what
        the functions called return (each of a literal list a loop goes over, when the
        callee is its variable)."""
        literal = self.literal(value, conditional)
        if literal is not None:
            return literal
        if not isinstance(value, ast.Call):
            return Returned(opaque=True)
        found = Returned()
        for callee in self._callees(value):
            returned = returned_settings(callee, self.functions, self.depth + 1)
            if returned is None:
                found.opaque = True  # NOTE: a loader webwarden cannot follow may add any key
                continue
            if conditional:
                returned.settings = [
                    SettingFact(s.key, UNKNOWN, s.location) for s in returned.settings
                ]
            found.merge(returned)
        return found if found.settings or found.opaque else Returned(opaque=True)

    def _callees(self, call: ast.Call) -> list[str]:
        """The functions a call may be: the one it names, or each a loop over a literal
        list or tuple binds its variable to (`for func in [_load_a, _load_b]:`)."""
        func = call.func
        if isinstance(func, ast.Name):
            loop = next(
                (
                    holder
                    for holder in self.namer.ctx.ancestors(call)
                    if isinstance(holder, ast.For)
                    and isinstance(holder.target, ast.Name)
                    and holder.target.id == func.id
                ),
                None,
            )
            if loop is not None:
                if not isinstance(loop.iter, ast.List | ast.Tuple):
                    return []
                return [ref for e in loop.iter.elts if (ref := self.namer.ref(e)) is not None]
        ref = self.namer.ref(func)
        return [] if ref is None else [ref]


def _statements(body: list[ast.stmt], conditional: bool) -> Iterator[tuple[ast.stmt, bool]]:
    """The statements of a body in order, those of its branches and loops too, each with
    whether a test or a loop may skip it (a loop over a literal list runs its body)."""
    for statement in body:
        if not isinstance(statement, _BRANCHES):
            yield statement, conditional
            continue
        runs = isinstance(statement, ast.With | ast.AsyncWith) or (
            isinstance(statement, ast.For)
            and isinstance(statement.iter, ast.List | ast.Tuple)
            and bool(statement.iter.elts)
        )
        for name in ("body", "orelse", "handlers", "finalbody"):
            inner = getattr(statement, name, [])
            stmts = [s for s in inner if isinstance(s, ast.stmt)]
            for handler in (h for h in inner if isinstance(h, ast.ExceptHandler)):
                stmts.extend(handler.body)
            yield from _statements(stmts, conditional or not (runs and name == "body"))


def _touches(statement: ast.stmt, name: str) -> bool:
    """Whether a statement webwarden does not read as a dict's step stores into `name`
    or hands it on (`data.pop(k)`, `merge_into(data)`): it may hold anything after."""
    if isinstance(statement, (*_FUNCTIONS, ast.ClassDef)):
        return False
    return any(
        isinstance(node, ast.Name) and node.id == name
        for node in ast.walk(statement)
        if not isinstance(statement, ast.Return)
    )
