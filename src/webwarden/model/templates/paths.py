"""Folder expressions in code (`BASE_DIR / "templates"`) as paths in the project.

`Path(__file__).resolve().parent.parent / "templates"` (or `.parents[1]`),
`os.path.join(BASE_DIR, "templates")` and plain `"templates"` strings are the usual shapes. A path made from
`__file__` is anchored in the project; a bare relative string is relative to the working
directory the app runs in, so both the module's folder and the project root are tried.
"""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Callable
from dataclasses import dataclass

from webwarden.model.module import FileContext

_SAME = frozenset(
    {
        "os.path.abspath",
        "os.path.realpath",
        "os.path.normpath",
        "os.fspath",
        "str",
        "pathlib.Path",
        "pathlib.PurePath",
        "pathlib.PosixPath",
    }
)
_MAX_DEPTH = 12
PATH_KEEPING = _SAME
"""Calls that return the path they are given (`os.path.abspath(path)`, `str(path)`)."""
OTHER_FILE = "/" + "/".join(["@"] * _MAX_DEPTH) + "/__file__"
"""Where `FolderPath.module`'s file stands in its path: deep enough that every step up
the expression may take stays below it (see `relative_to_module`)."""


@dataclass(frozen=True, slots=True)
class FolderPath:
    """A path in the project: anchored (from `__file__`) or relative to the working dir."""

    path: str
    anchored: bool
    module: str = ""
    """The module imported whose `__file__` the path was built from (`os.path.dirname(
    conf.__file__)`), its file standing at `OTHER_FILE`; "" for the module's own."""


def _join(base: FolderPath, part: str) -> FolderPath | None:
    if part.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(base.path, part))
    return FolderPath(joined, base.anchored, base.module)


def _up(base: FolderPath, levels: int = 1) -> FolderPath:
    path = base.path
    for _ in range(levels):
        path = posixpath.dirname(path)
    return FolderPath(path, base.anchored, base.module)


Known = Callable[[ast.expr], "ast.expr | FolderPath | None"]
"""A caller's own reading of an expression, asked before `folder_path`'s: the path it
holds, another expression that holds the same path, or None to read it as usual."""


def folder_path(
    ctx: FileContext,
    node: ast.AST | None,
    depth: int = 0,
    *,
    other_files: bool = False,
    known: Known | None = None,
) -> FolderPath | None:
    """The path an expression builds, or None when it is not known from the source.
    With `other_files`, also one built from `__file__` of a module the module imports
    (`FolderPath.module`); with `known`, what the caller knows of some expressions."""
    if node is None or depth > _MAX_DEPTH:
        return None
    if known is not None and isinstance(node, ast.expr):
        held = known(node)
        if isinstance(held, FolderPath):
            return held
        if held is not None:
            return folder_path(ctx, held, depth + 1, other_files=other_files, known=known)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return None if node.value.startswith("/") else FolderPath(node.value or ".", False)
    if isinstance(node, ast.Name):
        if node.id == "__file__":
            return FolderPath(ctx.relpath, True)
        return folder_path(
            ctx, _value_of(ctx, node), depth + 1, other_files=other_files, known=known
        )
    if isinstance(node, ast.Attribute) and node.attr == "__file__" and other_files:
        module = _imported(ctx, node.value)
        return FolderPath(OTHER_FILE, True, module) if module else None
    if isinstance(node, ast.Attribute) and node.attr == "parent":
        base = folder_path(ctx, node.value, depth + 1, other_files=other_files, known=known)
        return None if base is None else _up(base)
    up = _parents(node) if isinstance(node, ast.Subscript) else None
    if up is not None:
        # NOTE: `Path(__file__).resolve().parents[1]`: the parent `index + 1` levels up.
        base = folder_path(ctx, up[0], depth + 1, other_files=other_files, known=known)
        return None if base is None else _up(base, up[1] + 1)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return joined(ctx, [node.left, node.right], depth, other_files, known)
    if isinstance(node, ast.Call):
        return _call_path(ctx, node, depth, other_files, known)
    return None


def _imported(ctx: FileContext, node: ast.expr) -> str:
    """The qualified name of `conf` or `pkg.conf`, a name the module imports (and does not
    bind again where it is read) or an attribute of one; else ""."""
    root = node
    while isinstance(root, ast.Attribute):
        root = root.value
    if not isinstance(root, ast.Name) or root.id not in ctx.names.aliases:
        return ""
    if ctx.scopes.binding_scope(root) is not ctx.tree:
        return ""
    return ctx.qualified(node) or ""


def relative_to_module(found: FolderPath) -> str:
    """The path `found` names relative to its module's file, which stands for a folder
    (`../default.py` for `os.path.join(os.path.dirname(conf.__file__), "default.py")`);
    "" when it climbs above what the expression can tell."""
    relative = posixpath.relpath(found.path, OTHER_FILE)
    climbed = posixpath.relpath(found.path, "/").split("/")
    return relative if climbed[0] == "@" else ""


def _value_of(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """The value `name` holds where it is read: its one assignment, else the one written
    last on the straight path to the read; for a name built step by step (`path =
    dirname(__file__)`, then `path = join(path, "conf")`) the read inside a rebinding
    assignment is the value before it."""
    return ctx.lookup(name) or ctx.reaching_value(name) or ctx.scopes.value_before(name)


def _parents(node: ast.Subscript) -> tuple[ast.expr, int] | None:
    """The path and index of `<path>.parents[<small constant index>]`."""
    index = node.slice
    if (
        isinstance(node.value, ast.Attribute)
        and node.value.attr == "parents"
        and isinstance(index, ast.Constant)
        and type(index.value) is int
        and 0 <= index.value < _MAX_DEPTH
    ):
        return node.value.value, index.value
    return None


def _call_path(
    ctx: FileContext, node: ast.Call, depth: int, other_files: bool, known: Known | None
) -> FolderPath | None:
    name = ctx.call_name(node) or ""
    if name in _SAME or name.endswith("Path"):
        if len(node.args) != 1:
            return None
        return folder_path(ctx, node.args[0], depth + 1, other_files=other_files, known=known)
    if name == "os.path.dirname" and node.args:
        base = folder_path(ctx, node.args[0], depth + 1, other_files=other_files, known=known)
        return None if base is None else _up(base)
    if name in ("os.path.join", "posixpath.join"):
        return joined(ctx, node.args, depth, other_files, known)
    if isinstance(node.func, ast.Attribute):
        method = node.func.attr
        if method in ("resolve", "absolute", "expanduser") and not node.args:
            return folder_path(
                ctx, node.func.value, depth + 1, other_files=other_files, known=known
            )
        if method == "joinpath":
            return joined(ctx, [node.func.value, *node.args], depth, other_files, known)
    return None


def joined(
    ctx: FileContext,
    parts: list[ast.expr],
    depth: int = 0,
    other_files: bool = False,
    known: Known | None = None,
) -> FolderPath | None:
    """The path `os.path.join(*parts)` builds, or None when it is not known."""
    if not parts:
        return None
    result = folder_path(ctx, parts[0], depth + 1, other_files=other_files, known=known)
    for part in parts[1:]:
        if result is None:
            return None
        value = ctx.evaluate(part)
        if isinstance(value, str):
            result = _join(result, value)
        else:
            sub = folder_path(ctx, part, depth + 1, known=known)
            if sub is None or sub.anchored:
                return None
            result = _join(result, sub.path)
    return result


def candidates(
    ctx: FileContext, found: FolderPath | None, *, module_relative: bool
) -> tuple[str, ...]:
    """Project-relative folders a path may be: anchored as is; relative ones tried
    against the module's folder (Flask `template_folder`) and the project root."""
    if found is None or found.module:
        return ()
    if found.anchored:
        return (_clip(found.path),)
    module_dir = posixpath.dirname(ctx.relpath)
    options = [posixpath.normpath(posixpath.join(module_dir, found.path))]
    if not module_relative:
        options.append(posixpath.normpath(found.path))
    return tuple(dict.fromkeys(_clip(p) for p in options))


def _clip(path: str) -> str:
    """Paths above the project root are clipped to it (a settings file at the root)."""
    parts = [p for p in path.split("/") if p not in ("", ".")]
    while parts and parts[0] == "..":
        parts.pop(0)
    return "/".join(parts)
