"""XML documents that no outside value can give entity declarations.

Entities are declared in a document type declaration, which may come only before the
root element. A document whose text the code starts with a constant start tag
(`"<files>" + rendered + "</files>"`) can declare none, whatever it wraps; nor can a file
shipped with the program (`open(os.path.join(os.path.dirname(__file__), "schema.xsd"))`,
a package's data file `pkg_resources.resource_stream("app", "schema.rng")`), which
whoever installs the program wrote, or a value an installed library's module
fixes (`from cwe2.mappings import xml_database_path`: the path of a data file the library
ships).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from webwarden.model.templates.paths import folder_path
from webwarden.rules.context import FileContext

_ROOT_FIRST = re.compile(r"\s*(?:<\?xml[^>]*\?>\s*)?<[A-Za-z_:]")
"""Text starting with the root's start tag (after an XML declaration, if any)."""
_WRAPPERS = frozenset({"io.BytesIO", "io.StringIO", "str", "bytes"})
_OPENERS = frozenset({"open", "builtins.open", "io.open", "codecs.open"})
_MAX_DEPTH = 8
_PACKAGE_RESOURCES = frozenset(
    {
        *(f"pkg_resources.resource_{how}" for how in ("stream", "string", "filename")),
        "pkgutil.get_data",
        *(f"importlib.resources.{how}" for how in ("open_binary", "open_text", "path")),
        *(f"importlib.resources.{how}" for how in ("read_binary", "read_text")),
        *(f"importlib_resources.{how}" for how in ("open_binary", "read_binary", "path")),
    }
)
"""Readers of a package's data file: (package, resource name)."""
_PACKAGE_ROOTS = frozenset({"importlib.resources.files", "importlib_resources.files"})
_RESOURCE_METHODS = frozenset({"joinpath", "open", "read_bytes", "read_text"})


def cannot_declare_entities(ctx: FileContext, document: ast.expr) -> bool:
    """Whether `document` is text starting with a constant root start tag, or a file
    (or its path) of the program's own."""
    return _root_first(ctx, document, 0) or _own_file(ctx, document)


def _root_first(ctx: FileContext, node: ast.expr, depth: int) -> bool:
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes):
        text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
        return _ROOT_FIRST.match(text) is not None
    first = _first_part(ctx, node)
    return first is not None and _root_first(ctx, first, depth + 1)


def _first_part(ctx: FileContext, node: ast.expr) -> ast.expr | None:
    """The expression that gives the start of `node`'s text."""
    if isinstance(node, ast.Name):
        return ctx.lookup(node) or ctx.reaching_value(node)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return node.left
    if isinstance(node, ast.JoinedStr) and node.values:
        return node.values[0]
    if isinstance(node, ast.Call):
        func = node.func
        if ctx.call_name(node) in _WRAPPERS and len(node.args) >= 1:
            return node.args[0]
        if isinstance(func, ast.Attribute) and func.attr in {"encode", "format"}:
            return func.value
    return None


def _own_file(ctx: FileContext, node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        bound = ctx.lookup(node)
        node = bound if bound is not None else node
    if isinstance(node, ast.Call) and ctx.call_name(node) in _OPENERS and node.args:
        node = node.args[0]
    if _package_data(ctx, node, 0):
        return True
    found = folder_path(ctx, node)
    return found is not None and found.anchored


def _package_data(ctx: FileContext, node: ast.expr, depth: int) -> bool:
    """A data file a package ships, named by a constant: `pkg_resources.resource_stream(
    "app", "schema/job.rng")`, `pkgutil.get_data(__name__, "feed.xsd")`,
    `importlib.resources.files("app").joinpath("a.xml").read_bytes()` (or `/ "a.xml"`)."""
    if depth > _MAX_DEPTH:
        return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return ctx.is_constant(node.right) and _package_data(ctx, node.left, depth + 1)
    if not isinstance(node, ast.Call):
        return False
    name = ctx.call_name(node)
    if name in _PACKAGE_RESOURCES:
        return len(node.args) >= 2 and _package(ctx, node.args[0]) and ctx.is_constant(node.args[1])
    if name in _PACKAGE_ROOTS:
        return len(node.args) == 1 and _package(ctx, node.args[0])
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in _RESOURCE_METHODS:
        return False
    if func.attr == "joinpath" and not all(map(ctx.is_constant, node.args)):
        return False
    return _package_data(ctx, func.value, depth + 1)


def _package(ctx: FileContext, node: ast.expr) -> bool:
    """A package named by a constant, or the module's own (`__name__`, `__package__`)."""
    return ctx.is_constant(node) or (
        isinstance(node, ast.Name) and node.id in {"__name__", "__package__"}
    )


def imported_from(ctx: FileContext, document: ast.expr) -> str | None:
    """The module `document` comes from when it is a name bound only by `from module
    import name` (absolute): a value of that module's (`from cwe2.mappings import
    xml_database_path`), whose own code fixed it when it was imported; None otherwise."""
    if not isinstance(document, ast.Name):
        return None
    scope = ctx.scopes.binding_scope(document)
    if scope is None or len(ctx.scopes.bindings(scope).get(document.id, ())) != 1:
        return None
    for node in ctx.nodes(ast.ImportFrom):
        if not (isinstance(node, ast.ImportFrom) and node.module and node.level == 0):
            continue
        binds = any((alias.asname or alias.name) == document.id for alias in node.names)
        if binds and ctx.scopes.enclosing_scope(node) is scope:
            return node.module
    return None


def installed_library(module: str, relpaths: Iterable[str]) -> bool:
    """Whether `module`'s top package is none of the project's files or folders (among
    `relpaths`): a library installed beside the program, whose data files its installer
    wrote."""
    top = module.split(".")[0]
    for relpath in relpaths:
        path = PurePosixPath(relpath)
        if top in path.parts[:-1] or path.stem == top:
            return False
    return True
