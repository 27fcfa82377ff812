"""Paths a module builds inside the folder its Flask app serves at `/static`."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field

from webwarden.rules.context import FileContext

_HERE = "<module folder>"
"""The folder of the module: `os.path.dirname(__file__)`, the app's `root_path`."""
_JOINS = frozenset({"os.path.join", "posixpath.join"})
_ENV_READS = frozenset({"os.getenv", "os.environ.get"})
_ABSOLUTE = frozenset({"os.path.abspath", "os.path.realpath", "os.path.normpath"})
_DEPTH = 12

Path = tuple[str, ...]


@dataclass(slots=True)
class _Module:
    """The module's Flask app and the values bound once at its top level."""

    app: str = ""
    static: Path | None = None
    names: dict[str, list[ast.expr]] = field(default_factory=dict)
    config: dict[tuple[str, str], list[ast.expr]] = field(default_factory=dict)


def served_by_flask(ctx: FileContext, parts: Sequence[ast.expr]) -> str | None:
    """`app.static_folder` when the path joined from `parts` lies inside the folder the
    module's Flask app serves (`os.path.join(app.config["DATA"], "keys")` with `DATA`
    set to `os.path.join(os.path.dirname(__file__), "static")`); an environment variable
    read with a default is taken at its default, what runs when nobody sets it."""
    module = _module(ctx)
    if module.static is None or not parts:
        return None
    path = _resolve(ctx, module, parts[0], 0)
    for part in parts[1:]:
        path = _append(path, part)
    if path is None or path[: len(module.static)] != module.static:
        return None
    return f"{module.app}.static_folder"


def _module(ctx: FileContext) -> _Module:
    found = ctx.memo.get(_Module)
    if isinstance(found, _Module):
        return found
    module = _Module()
    for statement in _top_level(ctx.tree.body):
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target, value = statement.targets[0], statement.value
        if isinstance(target, ast.Name):
            module.names.setdefault(target.id, []).append(value)
            if isinstance(value, ast.Call) and ctx.call_name(value) == "flask.Flask":
                module.app = target.id
        elif (key := _config_key(target)) is not None:
            module.config.setdefault(key, []).append(value)
    ctx.memo[_Module] = module
    apps = module.names.get(module.app, [])
    if len(apps) == 1 and isinstance(app := apps[0], ast.Call):
        module.static = _static_folder(ctx, module, app)
    return module


def _top_level(body: list[ast.stmt]) -> list[ast.stmt]:
    """The module's statements, also those under its `if` and `try` blocks."""
    found: list[ast.stmt] = []
    for statement in body:
        found.append(statement)
        if isinstance(statement, ast.If | ast.Try):
            for block in ("body", "orelse", "finalbody"):
                found.extend(_top_level(getattr(statement, block, [])))
    return found


def _static_folder(ctx: FileContext, module: _Module, app: ast.Call) -> Path | None:
    """The folder `Flask(__name__, static_folder=...)` serves, under the module's own."""
    if not app.args or not (isinstance(app.args[0], ast.Name) and app.args[0].id == "__name__"):
        return None  # NOTE: another import name makes another root path
    folder = ctx.keyword(app, "static_folder")
    if folder is None:
        return (_HERE, "static")
    if isinstance(folder, ast.Constant) and isinstance(folder.value, str):
        return _append((_HERE,), folder)
    return _resolve(ctx, module, folder, 0)


def _resolve(ctx: FileContext, module: _Module, node: ast.expr, depth: int) -> Path | None:
    """The folder path `node` holds, from the module's folder, or None when unknown."""
    if depth > _DEPTH:
        return None
    depth += 1
    if isinstance(node, ast.Name):
        bound = module.names.get(node.id, [])
        return _resolve(ctx, module, bound[0], depth) if len(bound) == 1 else None
    if (key := _config_key(node)) is not None:
        bound = module.config.get(key, []) if key[0] == module.app else []
        return _resolve(ctx, module, bound[0], depth) if len(bound) == 1 else None
    if isinstance(node, ast.Attribute) and _is_name(node.value, module.app):
        return (_HERE,) if node.attr == "root_path" else None
    if not isinstance(node, ast.Call) or not node.args:
        return None
    name = ctx.call_name(node)
    if name in _JOINS:
        path = _resolve(ctx, module, node.args[0], depth)
        for part in node.args[1:]:
            path = _append(path, part)
        return path
    if name in _ENV_READS and len(node.args) == 2:
        return _resolve(ctx, module, node.args[1], depth)
    if name in _ABSOLUTE:
        return _resolve(ctx, module, node.args[0], depth)
    if name == "os.path.dirname" and _is_this_file(ctx, node.args[0]):
        return (_HERE,)
    return None


def _is_this_file(ctx: FileContext, node: ast.expr) -> bool:
    """`__file__`, also made absolute (`os.path.abspath(__file__)`)."""
    while isinstance(node, ast.Call) and ctx.call_name(node) in _ABSOLUTE and node.args:
        node = node.args[0]
    return _is_name(node, "__file__")


def _append(path: Path | None, part: ast.expr) -> Path | None:
    """`path` joined with a constant relative part (`"config"`, `"keys/api"`)."""
    if path is None or not isinstance(part, ast.Constant) or not isinstance(part.value, str):
        return None
    segments = [s for s in part.value.split("/") if s not in ("", ".")]
    if part.value.startswith("/") or ".." in segments:
        return None
    return (*path, *segments)


def _config_key(node: ast.expr) -> tuple[str, str] | None:
    """(`app`, `KEY`) of `app.config["KEY"]`."""
    if not isinstance(node, ast.Subscript) or not isinstance(node.value, ast.Attribute):
        return None
    holder = node.value
    if holder.attr != "config" or not isinstance(holder.value, ast.Name):
        return None
    key = node.slice
    if isinstance(key, ast.Constant) and isinstance(key.value, str):
        return holder.value.id, key.value
    return None


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
