"""Code the import system finds for a module by its name: what `import` would run."""

from __future__ import annotations

import ast

from webwarden.rules.auditing._common import COMPILERS
from webwarden.rules.context import FileContext

_FINDERS = frozenset({"importlib.util.find_spec", "importlib.machinery.PathFinder.find_spec"})
"""Calls answering a module spec, whose `loader` reads the module's code."""
_LOADER_GETTERS = frozenset({"pkgutil.get_loader", "pkgutil.find_loader", "importlib.find_loader"})
"""Calls answering the loader itself."""
_CODE_READS = frozenset({"get_code", "get_source"})


def module_code(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(spec.loader.get_code(name), settings)` after `spec =
    importlib.util.find_spec(name)`, also `pkgutil.get_loader(name).get_source(name)`
    compiled first, the name a constant or a name of the source (a settings package
    running its optional `local_settings` module into its namespace): the code of the
    module the import path holds under that name, which `import` would run as well."""
    code = _value(ctx, code)
    if isinstance(code, ast.Call) and ctx.call_name(code) in COMPILERS:
        code = _value(ctx, ctx.argument(code, 0, "source") or code)
    if not (
        isinstance(code, ast.Call)
        and isinstance(code.func, ast.Attribute)
        and code.func.attr in _CODE_READS
    ):
        return False
    loader = _value(ctx, code.func.value)
    if isinstance(loader, ast.Attribute) and loader.attr == "loader":
        found, getters = _value(ctx, loader.value), _FINDERS
    else:
        found, getters = loader, _LOADER_GETTERS
    if not (isinstance(found, ast.Call) and ctx.call_name(found) in getters):
        return False
    name = ctx.argument(found, 0, "name") or ctx.argument(found, 0, "fullname")
    return isinstance(name, ast.Name) or ctx.is_constant(name)


def _value(ctx: FileContext, node: ast.expr) -> ast.expr:
    """The value of the local `node` names, or `node`."""
    if isinstance(node, ast.Name):
        return ctx.lookup(node) or node
    return node
