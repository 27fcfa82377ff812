"""Config files named by a path the source builds: `from_pyfile(os.path.join(
os.path.dirname(__file__), "default.py"))`, or a constant of another module holding one
(`from_pyfile(config.DEFAULT_CONF_PATH)` after `import config`).

Flask reads a relative file name against the app's root (or instance) folder; a path
built from a module's `__file__` is absolute where the app runs, and names that module's
neighbour in the project whatever the app's root is. The per-file step records the project
path, or the qualified name of the imported constant; the project step reads that
constant in its module, as settings naming other modules' constants are read.
"""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import ConfigOp
from webwarden.model.imported import Modules
from webwarden.model.module import FileContext
from webwarden.model.templates.paths import candidates, folder_path

IN_PROJECT = "project"
"""`ConfigOp.path_from`: the reference is a path in the project."""
IN_CONSTANT = "constant"
"""`ConfigOp.path_from`: the reference names a module constant holding such a path."""


def file_op(ctx: FileContext, owner: str, method: str, call: ast.Call) -> ConfigOp:
    """A `from_pyfile` or `from_file` call as data."""
    location = ctx.location(call)
    argument = ctx.argument(call, 0, "filename")
    name = ctx.evaluate(argument)
    if isinstance(name, str):
        return ConfigOp(owner, method, location, references=(name,))
    path = project_path(ctx, argument)
    if path:
        return ConfigOp(owner, method, location, references=(path,), path_from=IN_PROJECT)
    constant = _imported_constant(ctx, argument)
    if constant:
        return ConfigOp(owner, method, location, references=(constant,), path_from=IN_CONSTANT)
    return ConfigOp(owner, method, location, opaque=True)


def project_path(ctx: FileContext, node: ast.AST | None) -> str:
    """The project path an expression built from the module's `__file__` names, else ""."""
    found = folder_path(ctx, node)
    if found is None or not found.anchored:
        return ""
    return next(iter(candidates(ctx, found, module_relative=False)), "")


def _imported_constant(ctx: FileContext, node: ast.AST | None) -> str:
    """`config.DEFAULT_CONF_PATH` (`import config`) or `DEFAULT_CONF_PATH` (`from config
    import DEFAULT_CONF_PATH`), an import the function does not rebind: its qualified name."""
    attribute = ""
    if isinstance(node, ast.Attribute):
        attribute, node = node.attr, node.value
    if not isinstance(node, ast.Name) or ctx.scopes.binding_scope(node) is not ctx.tree:
        return ""
    imported = ctx.names.aliases.get(node.id)
    if imported is None:
        return ""
    return f"{imported}.{attribute}" if attribute else imported


def constant_path(modules: Modules | None, ref: str) -> str:
    """The project path the module-level constant `ref` holds, built from its module's
    `__file__` ("" when it holds none or the module is not the project's)."""
    module, _, name = ref.rpartition(".")
    ctx = modules(module) if modules is not None and module else None
    if ctx is None:
        return ""
    values = ctx.scopes.bindings(ctx.tree).get(name, [])
    return project_path(ctx, values[0]) if len(values) == 1 else ""
