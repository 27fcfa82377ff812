"""Paths a module builds inside the folder its Flask app serves at `/static`."""

from __future__ import annotations

import ast
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field

from webwarden.model.templates.paths import FolderPath, folder_path, joined
from webwarden.rules.context import FileContext

_ENV_READS = frozenset({"os.getenv", "os.environ.get"})


@dataclass(slots=True)
class _Module:
    """The module's Flask app, the folder it serves and its top-level config values."""

    app: str = ""
    static: str | None = None
    config: dict[str, list[ast.expr]] = field(default_factory=dict)


def served_by_flask(ctx: FileContext, parts: Sequence[ast.expr]) -> str | None:
    """`app.static_folder` when the path joined from `parts` lies inside the folder the
    module's Flask app serves (`os.path.join(app.config["DATA"], "keys")` with `DATA`
    set to `os.path.join(os.path.dirname(__file__), "static")`); an environment variable
    read with a default is taken at its default, what runs when nobody sets it."""
    module = _module(ctx)
    if module.static is None or not parts:
        return None
    path = joined(ctx, list(parts), known=_Known(ctx, module))
    if path is None or not path.anchored or path.module:
        return None
    inside = path.path == module.static or path.path.startswith(module.static + "/")
    return f"{module.app}.static_folder" if inside else None


@dataclass(frozen=True, slots=True)
class _Known:
    """What a Flask module's own names say of a folder (see `paths.Known`)."""

    ctx: FileContext
    module: _Module

    def __call__(self, node: ast.expr) -> ast.expr | FolderPath | None:
        if (key := _config_key(node, self.module.app)) is not None:
            bound = self.module.config.get(key, [])
            return bound[0] if len(bound) == 1 else _UNKNOWN
        if isinstance(node, ast.Attribute) and _is_name(node.value, self.module.app):
            return _here(self.ctx) if node.attr == "root_path" else _UNKNOWN
        if isinstance(node, ast.Call) and self.ctx.call_name(node) in _ENV_READS:
            return node.args[1] if len(node.args) == 2 else _UNKNOWN
        return None


_UNKNOWN = ast.Constant(value=None)
"""An expression holding no path: what a folder unknown here reads as."""


def _here(ctx: FileContext) -> FolderPath:
    """The module's folder, the app's `root_path` for `Flask(__name__)`."""
    return FolderPath(posixpath.dirname(ctx.relpath), True)


def _module(ctx: FileContext) -> _Module:
    found = ctx.memo.get(_Module)
    if isinstance(found, _Module):
        return found
    module = _Module()
    ctx.memo[_Module] = module
    apps: list[ast.expr] = []
    for statement in _top_level(ctx.tree.body):
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target, value = statement.targets[0], statement.value
        if isinstance(target, ast.Name):
            if isinstance(value, ast.Call) and ctx.call_name(value) == "flask.Flask":
                module.app = target.id
                apps.append(value)
        elif isinstance(target, ast.Subscript) and (key := _subscript_key(target)):
            module.config.setdefault(key, []).append(value)
    module.config = {
        key.partition(".")[2]: values
        for key, values in module.config.items()
        if key.partition(".")[0] == module.app
    }
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


def _static_folder(ctx: FileContext, module: _Module, app: ast.Call) -> str | None:
    """The folder `Flask(__name__, static_folder=...)` serves, under the module's own."""
    if not app.args or not _is_name(app.args[0], "__name__"):
        return None  # NOTE: another import name makes another root path
    folder = ctx.keyword(app, "static_folder")
    if folder is None:
        folder = ast.Constant("static")
    if isinstance(folder, ast.Constant) and isinstance(folder.value, str):
        # NOTE: Flask reads a relative static folder from the app's root path, not the
        # working directory.
        if folder.value.startswith("/"):
            return None
        return posixpath.normpath(posixpath.join(_here(ctx).path, folder.value))
    found = folder_path(ctx, folder, known=_Known(ctx, module))
    return found.path if found is not None and found.anchored and not found.module else None


def _config_key(node: ast.expr, app: str) -> str | None:
    """`KEY` of `app.config["KEY"]`."""
    if isinstance(node, ast.Subscript) and (key := _subscript_key(node)):
        holder, _, name = key.partition(".")
        return name if holder == app else None
    return None


def _subscript_key(node: ast.Subscript) -> str:
    """`app.KEY` for `app.config["KEY"]`, else ""."""
    holder, key = node.value, node.slice
    if not isinstance(holder, ast.Attribute) or holder.attr != "config":
        return ""
    if isinstance(holder.value, ast.Name) and isinstance(key, ast.Constant):
        return f"{holder.value.id}.{key.value}" if isinstance(key.value, str) else ""
    return ""


def _is_name(node: ast.expr, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
