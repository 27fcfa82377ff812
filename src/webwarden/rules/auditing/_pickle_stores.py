"""Pickle files a module keeps for itself: it unpickles a file it also pickles, at the
same path (`load_object` and `save_object` over `data_dir() / f"{key}.pickle"`).

Such a file holds only what the program wrote; whoever could write it first can write
the program's own data directory. A path in the shared temporary directory is not the
program's own: any local user may create the file before it does.
"""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_DUMPERS = frozenset(f"{m}.dump" for m in ("pickle", "cPickle", "_pickle", "dill", "cloudpickle"))
_OPENERS = frozenset({"open", "builtins.open", "io.open"})
_SHARED_DIRECTORIES = ("/tmp", "/var/tmp", "/dev/shm")  # noqa: S108
_TEMPORARY = frozenset({"tempfile.gettempdir", "tempfile.gettempdirb", "tempfile.mkdtemp"})


def written_by_module(ctx: FileContext, stream: ast.expr | None) -> bool:
    """Whether `stream` (of `pickle.load(stream)`) was opened for reading from a path the
    module also opens for writing and hands to a pickle dumper, in any of its functions."""
    path = _opened_path(ctx, stream, writing=False)
    if path is None or _shared(ctx, path):
        return False
    shape = ast.unparse(path)
    return any(
        (written := _opened_path(ctx, ctx.argument(call, 1, "file"), writing=True)) is not None
        and ast.unparse(written) == shape
        for call in ast.walk(ctx.tree)
        if isinstance(call, ast.Call) and ctx.call_name(call) in _DUMPERS
    )


def _opened_path(ctx: FileContext, stream: ast.expr | None, *, writing: bool) -> ast.expr | None:
    """The path `stream` was opened from (`open(path, "rb")`, `Path(p).open("rb")`,
    `path.open("wb")`, directly or through `with ... as f` or a local), when its mode
    writes (`writing`) or only reads; None otherwise."""
    opened = stream
    if isinstance(stream, ast.Name):
        opened = ctx.scopes.made_by(stream) or ctx.scopes.entered_value(stream)
    if not isinstance(opened, ast.Call):
        return None
    func = opened.func
    if ctx.call_name(opened) in _OPENERS:
        path, mode = ctx.argument(opened, 0, "file"), ctx.argument(opened, 1, "mode")
    elif isinstance(func, ast.Attribute) and func.attr == "open":
        path, mode = func.value, ctx.argument(opened, 0, "mode")
    else:
        return None
    if mode is None:
        return None if writing else path
    if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)):
        return None
    writes = not set(mode.value).isdisjoint("wax+")
    return path if writes is writing else None


def _shared(ctx: FileContext, path: ast.expr) -> bool:
    """A path in the shared temporary directory (`/tmp/...`, `tempfile.gettempdir()`)."""
    for node in ast.walk(path):
        if isinstance(node, ast.Name):
            node = ctx.lookup(node) or node
        if isinstance(node, ast.Constant) and str(node.value).startswith(_SHARED_DIRECTORIES):
            return True
        if isinstance(node, ast.Call) and ctx.call_name(node) in _TEMPORARY:
            return True
    return False
