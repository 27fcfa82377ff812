"""Code to run built only from constants and the operator's settings.

`for path in settings.ADMIN_REMOVAL: exec("from %s import %s" % tuple(path.rsplit(".", 1)))`
(Mezzanine's lazy admin) runs what the deployment's settings name: whoever writes them
can change the code already, and no request reaches them. The process's environment
(`os.environ.get("FLAG")`) is the operator's the same way, also through a module-level
name every binding of which holds only those (`FLAG = os.environ.get("FLAG")`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TypeGuard

from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.rules.context import FileContext

_SETTINGS = frozenset({"django.conf.settings"})
_MAX_DEPTH = 6
_STRING_METHODS = frozenset(
    {"split", "rsplit", "partition", "rpartition", "strip", "lower", "upper", "format", "join"}
)
_ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv"})
_COPIES = frozenset({"tuple", "list", "str", "builtins.tuple", "builtins.list", "builtins.str"})
_JOINS = frozenset({"os.path.join", "posixpath.join"})


def configured_code(ctx: FileContext, node: ast.expr) -> bool:
    """Whether `node` holds only constants and the settings' values, through string
    building, string methods, and locals every binding of which (an assignment, or a
    loop over such a value) holds only those, in the function around it."""
    return _configured(ctx, node, ctx.scopes.enclosing_function(node), 0, set(), settings=True)


def environment_path(ctx: FileContext, node: ast.expr) -> bool:
    """Whether the path `node` builds holds only constants and the process's environment
    (`os.path.join(os.environ["VIRTUAL_ENV"], "bin/activate_this.py")`), through
    `os.path.join` and the locals and module names `configured_code` follows: a file
    where the operator's environment puts it; not a setting's folder, which may be one
    the app writes to (`MEDIA_ROOT`)."""
    return _configured(ctx, node, ctx.scopes.enclosing_function(node), 0, set(), settings=False)


def _configured(
    ctx: FileContext,
    node: ast.expr,
    function: ast.FunctionDef | ast.AsyncFunctionDef | None,
    depth: int,
    seen: set[str],
    *,
    settings: bool,
) -> bool:
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.Constant):
        return True
    if (settings and _settings_read(ctx, node)) or _environment_read(ctx, node):
        return True

    def inner(part: ast.expr) -> bool:
        return _configured(ctx, part, function, depth + 1, seen, settings=settings)

    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return inner(node.left) and inner(node.right)
    if isinstance(node, ast.JoinedStr):
        return all(inner(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
    if isinstance(node, ast.Tuple | ast.List):
        return all(inner(e) for e in node.elts)
    if isinstance(node, ast.Subscript):
        return inner(node.value) and inner(node.slice)
    if isinstance(node, ast.Call) and not node.keywords:
        func = node.func
        if ctx.call_name(node) in _COPIES or ctx.call_name(node) in _JOINS:
            return all(inner(a) for a in node.args)
        if isinstance(func, ast.Attribute) and func.attr in _STRING_METHODS:
            return inner(func.value) and all(inner(a) for a in node.args)
        return False
    if isinstance(node, ast.Name) and ctx.scopes.binding_scope(node) is ctx.tree:
        loop = _module_loop(ctx, node)
        if loop is not None and node.id not in seen:
            # NOTE: `for app in settings.INSTALLED_APPS:` at module level (a shell's
            # start-up script): each turn starts from the loop's item.
            seen.add(node.id)
            bound = _bindings(loop, node.id)
            return bool(bound) and all(inner(value) for value in bound)
        return node.id in seen or _module_name(ctx, node, inner, seen)
    if isinstance(node, ast.Name) and function is not None:
        if node.id in seen:
            return True  # NOTE: judged where it was first met; a loop feeds it back
        seen.add(node.id)
        bound = _bindings(_region(ctx, node, function), node.id)
        return bool(bound) and all(inner(value) for value in bound)
    return False


def _settings(ctx: FileContext, node: ast.expr) -> bool:
    """Django's settings, or an app's settings object built on them
    (`from mezzanine.conf import settings`)."""
    qualified = ctx.qualified(node) or ""
    return qualified in _SETTINGS or qualified.endswith(".conf.settings")


def _settings_read(ctx: FileContext, node: ast.expr) -> bool:
    """`settings.X`, `settings.X[...]`, or `getattr(settings, "X", default)` with a
    constant default."""
    if isinstance(node, ast.Attribute):
        return _settings(ctx, node.value)
    if isinstance(node, ast.Call) and ctx.call_name(node) in {"getattr", "builtins.getattr"}:
        args = node.args
        return (
            len(args) in {2, 3}
            and _settings(ctx, args[0])
            and all(isinstance(a, ast.Constant | ast.List | ast.Tuple) for a in args[1:])
        )
    return False


def _environment_read(ctx: FileContext, node: ast.expr) -> bool:
    """`os.environ.get("NAME")`, `os.getenv("NAME", "default")` or `os.environ["NAME"]`
    with constant names and defaults: what the operator started the process with."""
    if isinstance(node, ast.Subscript):
        return ctx.qualified(node.value) == "os.environ" and isinstance(node.slice, ast.Constant)
    return (
        isinstance(node, ast.Call)
        and ctx.call_name(node) in _ENVIRONMENT_READS
        and all(
            isinstance(a, ast.Constant) for a in (*node.args, *(k.value for k in node.keywords))
        )
    )


def _module_name(
    ctx: FileContext, node: ast.Name, holds: Callable[[ast.expr], bool], seen: set[str]
) -> bool:
    """A module-level name whose every binding holds only constants, settings and the
    environment, and which no function rebinds through `global` (the module's scopes
    give such a name an unknown binding)."""
    seen.add(node.id)
    values = ctx.scopes.values_of(node) or []
    if any(v is UNKNOWN_BINDING or v is CHANGED_BINDING for v in values):
        return False
    return bool(values) and all(holds(v) for v in values)


_Region = ast.FunctionDef | ast.AsyncFunctionDef | ast.For | ast.AsyncFor


def _region(ctx: FileContext, use: ast.Name, function: _Region) -> _Region:
    """Where the bindings that reach `use` are: the innermost `for` loop around it that
    binds the name itself (each turn starts from its item, so nothing bound before the
    loop reaches inside), else the whole function."""
    for ancestor in ctx.ancestors(use):
        if ancestor is function:
            break
        if _loop_binding(ancestor, use):
            return ancestor
    return function


def _module_loop(ctx: FileContext, use: ast.Name) -> ast.For | ast.AsyncFor | None:
    """The innermost module-level `for` loop around `use`, outside any function, that
    binds the name itself (`for app in settings.INSTALLED_APPS: exec(f"... {app} ...")`):
    the module's scopes know a loop's target only as bound somehow."""
    for ancestor in ctx.ancestors(use):
        if isinstance(ancestor, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return None
        if _loop_binding(ancestor, use):
            return ancestor
    return None


def _loop_binding(node: ast.AST, use: ast.Name) -> TypeGuard[ast.For | ast.AsyncFor]:
    """A `for` loop whose target is the name `use` reads, `use` not in what it loops over."""
    return (
        isinstance(node, ast.For | ast.AsyncFor)
        and isinstance(node.target, ast.Name)
        and node.target.id == use.id
        and not any(n is use for n in ast.walk(node.iter))
    )


def _bindings(region: _Region, name: str) -> list[ast.expr]:
    """What the region binds `name` to: assigned values, and what a `for` loop over a
    value gives (judged as that value); empty when anything else binds it (a parameter,
    an augmented assignment, a `with`, an unpacking)."""
    if isinstance(region, ast.FunctionDef | ast.AsyncFunctionDef):
        arguments = region.args
        parameters = (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)
        if any(a.arg == name for a in parameters):
            return []
    found: list[ast.expr] = []
    for node in ast.walk(region):
        if isinstance(node, ast.Assign):
            if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                found.append(node.value)
            elif any(name in _names(t) for t in node.targets):
                return []
        elif isinstance(node, ast.For | ast.AsyncFor):
            if isinstance(node.target, ast.Name) and node.target.id == name:
                found.append(node.iter)
            elif name in _names(node.target):
                return []
        elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.withitem | ast.NamedExpr):
            target = node.optional_vars if isinstance(node, ast.withitem) else node.target
            if target is not None and name in _names(target):
                return []
        elif _binds_otherwise(node, name):
            return []
    return found


def _binds_otherwise(node: ast.AST, name: str) -> bool:
    """A comprehension, `except ... as`, an import, a nested definition or a `global`
    binding `name`."""
    if isinstance(node, ast.comprehension):
        return name in _names(node.target)
    if isinstance(node, ast.ExceptHandler):
        return node.name == name
    if isinstance(node, ast.Import | ast.ImportFrom):
        return any((a.asname or a.name.split(".")[0]) == name for a in node.names)
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name == name
    return isinstance(node, ast.Global | ast.Nonlocal) and name in node.names


def _names(target: ast.expr) -> set[str]:
    return {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
