"""Config files named by a path the source builds: `from_pyfile(os.path.join(
os.path.dirname(__file__), "default.py"))`, the same from `__file__` of another module of
the project (`os.path.dirname(conf.__file__)` after `import conf`), or a constant of
another module holding one (`from_pyfile(config.DEFAULT_CONF_PATH)` after `import config`).

Flask reads a relative file name against the app's root (or instance) folder; a path
built from a module's `__file__` is absolute where the app runs, and names that module's
neighbour in the project whatever the app's root is. The per-file step records the project
path, the imported module with the path relative to its file, or the qualified name of the
imported constant; the project step finds that module's file, or reads that constant in
its module, as settings naming other modules' constants are read.

A name the function binds several ways (its parameter, else a file in the working
directory, else the package's own default file) is a choice among the files it may name:
each binding is read so, `None` (no file loaded) left aside (`choices`).
"""

from __future__ import annotations

import ast
import posixpath

from webwarden.model.flask.facts import ConfigOp
from webwarden.model.imported import Modules
from webwarden.model.module import FileContext
from webwarden.model.scopes import CHANGED_BINDING, UNKNOWN_BINDING
from webwarden.model.templates.paths import (
    PATH_KEEPING,
    candidates,
    folder_path,
    relative_to_module,
)

IN_PROJECT = "project"
"""`ConfigOp.path_from`: the reference is a path in the project."""
IN_CONSTANT = "constant"
"""`ConfigOp.path_from`: the reference names a module constant holding such a path."""
IN_MODULE = "module"
"""`ConfigOp.path_from`: the reference is `module:path`, a path relative to the file of
an imported module (`../default.py`: beside it)."""
_MAX_CHOICES = 8


def file_op(ctx: FileContext, owner: str, method: str, call: ast.Call) -> ConfigOp:
    """A `from_pyfile` or `from_file` call as data."""
    location = ctx.location(call)
    argument = ctx.argument(call, 0, "filename")
    found = _reference(ctx, argument)
    if found is not None:
        path_from, reference = found
        return ConfigOp(owner, method, location, references=(reference,), path_from=path_from)
    choices, unknown = _choices(ctx, argument)
    if choices:
        return ConfigOp(owner, method, location, opaque=unknown, choices=choices)
    return ConfigOp(owner, method, location, opaque=True)


def _reference(ctx: FileContext, node: ast.AST | None) -> tuple[str, str] | None:
    """(`path_from`, reference) of the file an expression names; None when unknown."""
    name = ctx.evaluate(node)
    if isinstance(name, str):
        return "", name
    path = project_path(ctx, node)
    if path:
        return IN_PROJECT, path
    beside = _module_path(ctx, node)
    if beside:
        return IN_MODULE, beside
    constant = _imported_constant(ctx, node)
    if constant:
        return IN_CONSTANT, constant
    return None


def _choices(ctx: FileContext, node: ast.AST | None) -> tuple[tuple[tuple[str, str], ...], bool]:
    """The files a name bound several ways may name (`path.abspath(config_file)`, with
    `config_file` a parameter, then assigned one path or another), and whether some
    binding is known only at run time. Nothing when the name is not so bound. Only the
    bindings written above the read count, unless a loop holds it."""
    while isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords:
        if ctx.call_name(node) not in PATH_KEEPING:
            break
        node = node.args[0]
    if not isinstance(node, ast.Name):
        return (), True
    looped = _in_loop(ctx, node)
    values = [
        v
        for v in ctx.scopes.values_of(node) or ()
        if v is not CHANGED_BINDING and (looped or getattr(v, "lineno", 0) < node.lineno)
    ]
    if len(values) < 2 or len(values) > _MAX_CHOICES:
        return (), True
    found: list[tuple[str, str]] = []
    unknown = False
    for value in values:
        if isinstance(value, ast.Constant) and value.value is None:
            continue  # NOTE: `None` loads no file (the call is guarded, or fails).
        reference = None if value is UNKNOWN_BINDING else _reference(ctx, value)
        if reference is None:
            unknown = True
        elif reference not in found:
            found.append(reference)
    return tuple(found), unknown


def _in_loop(ctx: FileContext, node: ast.AST) -> bool:
    """Whether a loop of the function holds `node`: a binding written below the read may
    reach it then; otherwise only those above do (a parameter among them)."""
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.For | ast.AsyncFor | ast.While):
            return True
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            return False
    return False


def project_path(ctx: FileContext, node: ast.AST | None) -> str:
    """The project path an expression built from the module's `__file__` names, else ""."""
    found = folder_path(ctx, node)
    if found is None or not found.anchored:
        return ""
    return next(iter(candidates(ctx, found, module_relative=False)), "")


def _module_path(ctx: FileContext, node: ast.AST | None) -> str:
    """`conf:../default.py` for a path built from `__file__` of the module `conf` the
    module imports (`os.path.join(os.path.dirname(conf.__file__), "default.py")`)."""
    found = folder_path(ctx, node, other_files=True)
    if found is None or not found.module:
        return ""
    relative = relative_to_module(found)
    return f"{found.module}:{relative}" if relative else ""


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


def module_path(modules: Modules | None, ref: str) -> str:
    """The project path `module:relative` names: relative to the file of that module of
    the project ("" when the module is not the project's, or the path leaves it)."""
    module, _, relative = ref.partition(":")
    ctx = modules(module) if modules is not None and module else None
    if ctx is None:
        return ""
    path = posixpath.normpath(posixpath.join(ctx.relpath, relative))
    return "" if path.startswith("../") or path in {".", ".."} else path
