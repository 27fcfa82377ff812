"""A module's own environment helpers, followed one level deep.

Settings modules often wrap the environment in a function of their own:

    def envbool(name, default):
        v = os.getenv(name, default=default)
        if v not in ("", "True", "False"):
            raise ImproperlyConfigured(...)
        return v == "True"

    DEBUG = envbool("DEBUG", "True")

`follow_helper` runs such a function's body for one call, with the call's arguments
bound to its parameters, the way the environment is when every variable is unset: it
takes the `if` branches whose tests are known then, and ends at the `return` (or the
`raise`) that path reaches. The caller evaluates each expression on the way (and sees
the environment lookups in them). A lookup in an argument gives its default, so a
conversion helper handed what the environment gives is followed too
(`strtobool(os.environ.get("DEBUG") or "False")`), and past a converter the helper
defines in its body first (`def str_to_bool(s): ...`), whose name holds no value; a
test `name in os.environ` is
false, as is a test `key in CONFIG` of a mapping the module loads from a configuration
file at start-up (`CONFIG = load_config(path)` over `yaml.safe_load`): the deployment's
file leaving the key out, the getter's fallback ships (`config_get("ALLOWED_HOSTS",
["*"])`, its `*args` bound to the extra arguments). Anything the path cannot be followed through (a loop, a `try`, a call statement,
a test whose outcome is unknown, an argument it cannot bind) gives up: the call then has
no value, as before.

A helper imported from another module of the project (`from app.environment import
get_env_bool`) is followed the same way, by the project step: the settings module's
per-file step records the call with its arguments' values (`ImportedCall`), and the
project step follows the function's body in its module (`follow_imported`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final, cast

from webwarden.analysis.constants import NOT_HANDLED, UNKNOWN, Lookup
from webwarden.model.module import FileContext
from webwarden.model.scopes import parameter_defaults

EvaluateIn = Callable[[ast.expr, Lookup], object]
"""Evaluates an expression of the helper's body with the given lookup of names."""
_OVERLOAD = frozenset({"typing.overload", "typing_extensions.overload"})
_MAX_STATEMENTS = 40


class _Raises:
    __slots__ = ()

    def __repr__(self) -> str:
        return "RAISES"


RAISES: Final = _Raises()
"""The path the unset environment takes raises (start-up fails)."""


@dataclass(frozen=True, slots=True)
class HelperPath:
    """Where a helper's body goes when the environment leaves its variables unset."""

    value: object
    """The value returned, `UNKNOWN`, or `RAISES`."""
    returned: ast.expr | None = None
    """The expression of the `return` reached (None for a bare `return` or a `raise`)."""


def container_read(ctx: FileContext, node: ast.expr, value: Callable[[ast.AST], object]) -> object:
    """In a helper's body: `len(args)` and `args[0]` of a known tuple, list or text (the
    extra arguments a `*args` parameter holds). `NOT_HANDLED` otherwise."""
    if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
        held, index = value(node.value), value(node.slice)
        if isinstance(held, tuple | list | str) and isinstance(index, int):
            return held[index] if -len(held) <= index < len(held) else UNKNOWN
    if (
        isinstance(node, ast.Call)
        and ctx.call_name(node) == "len"
        and len(node.args) == 1
        and not node.keywords
    ):
        held = value(node.args[0])
        return len(held) if isinstance(held, tuple | list | str | dict) else NOT_HANDLED
    return NOT_HANDLED


class _CannotFollow(Exception):
    """The body does something the path cannot be followed through."""


def own_helper(ctx: FileContext, call: ast.Call) -> ast.FunctionDef | None:
    """The module-level function of this module `call` calls, if it is one plain `def`
    (`typing.overload` stubs aside) that nothing else rebinds."""
    func = call.func
    if not isinstance(func, ast.Name) or not ctx.names.defines(func.id):
        return None
    if ctx.scopes.binding_scope(func) is not ctx.tree:
        return None
    return module_helper(ctx, func.id)


def module_helper(ctx: FileContext, name: str) -> ast.FunctionDef | None:
    """The module-level function `name` of the module, if it is one plain `def`
    (`typing.overload` stubs aside) that nothing else rebinds."""
    defs = [
        stmt
        for stmt in ctx.tree.body
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef) and stmt.name == name
    ]
    bodies = [d for d in defs if not any(ctx.qualified(n) in _OVERLOAD for n in d.decorator_list)]
    if len(ctx.scopes.bindings(ctx.tree).get(name, ())) != len(defs) or len(bodies) != 1:
        return None
    function = bodies[0]
    if not isinstance(function, ast.FunctionDef) or function.decorator_list:
        return None
    return function


@dataclass(frozen=True, slots=True)
class Arguments:
    """The values a call passes, worked out where the call is (an environment lookup
    among them standing for its default)."""

    positional: tuple[object, ...]
    keywords: tuple[tuple[str, object], ...] = ()


def call_arguments(call: ast.Call, value: Callable[[ast.expr], object]) -> Arguments | None:
    """The values of `call`'s arguments by `value`; None for `*args` or `**kwargs`, whose
    binding is not followed."""
    if any(isinstance(a, ast.Starred) for a in call.args):
        return None
    keywords = []
    for keyword in call.keywords:
        if keyword.arg is None:
            return None
        keywords.append((keyword.arg, value(keyword.value)))
    return Arguments(tuple(value(a) for a in call.args), tuple(keywords))


def follow_helper(
    ctx: FileContext, function: ast.FunctionDef, arguments: Arguments, evaluate_in: EvaluateIn
) -> HelperPath | None:
    """The path `function`'s body (of the module of `ctx`) takes for a call passing
    `arguments` when the environment is unset; None when it cannot be followed."""
    path = _Path(ctx, function, evaluate_in)
    try:
        path.bind(arguments)
        return path.block(function.body) or HelperPath(None)
    except _CannotFollow:
        return None


class _Path:
    """One run through a helper's body, its locals holding values, not expressions."""

    def __init__(self, ctx: FileContext, function: ast.FunctionDef, evaluate_in: EvaluateIn):
        self.ctx = ctx
        self.function = function
        self.evaluate_in = evaluate_in
        self.locals: dict[str, object] = {}
        self.local_names = frozenset(ctx.scopes.bindings(function))
        self.steps = 0

    def value(self, node: ast.expr) -> object:
        return self.evaluate_in(node, self.lookup)

    def lookup(self, name: ast.Name) -> ast.expr | None:
        """A local's value (as a constant node), else the module's single value."""
        if name.id in self.locals:
            value = self.locals[name.id]
            # NOTE: `evaluate` gives a constant node's value as it is: a node made only to
            # hand it a value already worked out (a list, say), never compiled.
            return None if value is UNKNOWN else ast.Constant(value=cast(Any, value))
        if name.id in self.local_names:
            return None  # NOTE: bound later, or in a way the path does not follow.
        return self.ctx.lookup(name)

    def bind(self, arguments: Arguments) -> None:
        """The call's arguments to the parameters; a parameter's default is read in the
        helper's module."""
        args = self.function.args
        positional = [*args.posonlyargs, *args.args]
        if len(arguments.positional) > len(positional) and args.vararg is None:
            raise _CannotFollow
        for param, value in zip(positional, arguments.positional, strict=False):
            self.locals[param.arg] = value
        by_keyword = {p.arg for p in (*args.args, *args.kwonlyargs)}
        for name, value in arguments.keywords:
            if name in self.locals or (name not in by_keyword and args.kwarg is None):
                raise _CannotFollow  # NOTE: the call itself fails (TypeError).
            self.locals[name] = value
        defaults = parameter_defaults(args)
        for param in (*positional, *args.kwonlyargs):
            if param.arg not in self.locals:
                if param.arg not in defaults:
                    raise _CannotFollow
                self.locals[param.arg] = self.evaluate_in(defaults[param.arg], self.ctx.lookup)
        if args.vararg is not None:
            # NOTE: `def config_get(key, *args)` then `return args[0]`: the extra
            # positional arguments, as a tuple.
            self.locals[args.vararg.arg] = tuple(arguments.positional[len(positional) :])
        if args.kwarg is not None:
            self.locals[args.kwarg.arg] = UNKNOWN

    def block(self, body: list[ast.stmt]) -> HelperPath | None:
        """Run `body`; the path's end when it returns or raises, None if it falls through."""
        for stmt in body:
            self.steps += 1
            if self.steps > _MAX_STATEMENTS:
                raise _CannotFollow
            end = self.statement(stmt)
            if end is not None:
                return end
        return None

    def statement(self, stmt: ast.stmt) -> HelperPath | None:
        match stmt:
            case ast.Expr(value=ast.Constant()) | ast.Pass():
                return None  # NOTE: a docstring.
            case (
                ast.Assign(targets=[ast.Name(id=name)], value=value)
                | ast.AnnAssign(target=ast.Name(id=name), value=ast.expr() as value)
            ):
                self.locals[name] = self.value(value)
                return None
            case ast.Return(value=value):
                return HelperPath(None if value is None else self.value(value), value)
            case ast.Raise():
                return HelperPath(RAISES)
            case ast.FunctionDef(name=name, decorator_list=[]):
                # NOTE: a converter the helper defines for itself (`def to_bool(s): ...`)
                # before it reads the environment: a path that calls it cannot be
                # followed (its local holds no value), one returning the default can.
                self.locals[name] = UNKNOWN
                return None
            case ast.If(test=test, body=body, orelse=orelse):
                return self.block(self.branch(test, body, orelse))
            case _:
                raise _CannotFollow

    def branch(
        self, test: ast.expr, body: list[ast.stmt], orelse: list[ast.stmt]
    ) -> list[ast.stmt]:
        """The branch the path takes. When the test's outcome is unknown, a branch that
        ends in `raise` is not a path that returns a value: the other one is taken."""
        if isinstance(test, ast.NamedExpr):
            # NOTE: `if secret_path := os.getenv(name + "_FILE"):` binds as it tests.
            truth = self.locals[test.target.id] = self.value(test.value)
        else:
            truth = self.value(test)
        if truth is not UNKNOWN:
            return body if truth else orelse
        if _raises(body) and not _raises(orelse):
            return orelse
        if _raises(orelse) and not _raises(body):
            return body
        raise _CannotFollow


def _raises(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], ast.Raise)
