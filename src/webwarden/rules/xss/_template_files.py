"""The file a template's source is read from, when the code names it: `env.from_string(
path.read_text())` after `path = folder / "config.yaml"`, or each of `folder.glob("*.js")`."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_READS = frozenset({"read", "read_text"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})
_GLOBS = frozenset({"glob", "rglob", "iglob"})
_JOINS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath"})
_DEPTH = 6


def source_file(ctx: FileContext, source: ast.expr) -> str | None:
    """The base name (or glob pattern) of the file whose text `source` is: `.read()` of a
    file `open()` or `Path.open()` opened (also as a `with` target), or `.read_text()` of
    a path, the path written out, joined with a literal last (`folder / "config.yaml"`,
    `os.path.join(root, "mail.txt")`), or each path a `glob("*.js")` yields to a loop or
    comprehension; also through a local holding such text. None when no file name is
    written for it."""
    read = read_call(ctx, source, _READS)
    if read is None or not isinstance(read.func, ast.Attribute):
        return None
    holder = read.func.value
    if read.func.attr == "read_text":
        return _path_name(ctx, holder, _DEPTH)
    if isinstance(holder, ast.Name):
        opened = _bound(ctx, holder)
        holder = opened if opened is not None else holder
    path = _opened_path(ctx, holder)
    return _path_name(ctx, path, _DEPTH) if path is not None else None


def read_call(
    ctx: FileContext, source: ast.expr, reads: frozenset[str], *, decoded: bool = False
) -> ast.Call | None:
    """The call `x.read()` (a method of `reads`) that `source` is or a local holding it
    holds; also under `.decode()` when `decoded`."""
    if isinstance(source, ast.Name):
        source = ctx.lookup(source) or source
    if (
        decoded
        and isinstance(source, ast.Call)
        and isinstance(source.func, ast.Attribute)
        and source.func.attr == "decode"
    ):
        source = source.func.value
    if (
        isinstance(source, ast.Call)
        and isinstance(source.func, ast.Attribute)
        and source.func.attr in reads
    ):
        return source
    return None


def _opened_path(ctx: FileContext, node: ast.expr) -> ast.expr | None:
    """`P` of `open(P, ...)` or `P.open(...)`."""
    if not isinstance(node, ast.Call):
        return None
    if ctx.call_name(node) in _OPENERS and node.args:
        return node.args[0]
    if isinstance(node.func, ast.Attribute) and node.func.attr == "open":
        return node.func.value
    return None


def _path_name(ctx: FileContext, node: ast.expr, depth: int) -> str | None:
    if depth <= 0:
        return None
    value = ctx.evaluate(node)
    if isinstance(value, str):
        return value.replace("\\", "/").rsplit("/", 1)[-1] or None
    match node:
        case ast.BinOp(op=ast.Div(), right=right):
            return _path_name(ctx, right, depth - 1)
        case ast.Call(func=ast.Attribute(attr=attr), args=[pattern, *_]) if attr in _GLOBS:
            return _path_name(ctx, pattern, depth - 1)
        case ast.Call(args=[*_, last]) if ctx.call_name(node) in _JOINS | {"glob.glob"}:
            return _path_name(ctx, last, depth - 1)
        case ast.Name():
            bound = _bound(ctx, node)
            return _path_name(ctx, bound, depth - 1) if bound is not None else None
    return None


def _bound(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """What `name` holds: its single assigned value, what a `with` binds it to (`with
    open(p) as f`), or an item of what a loop or comprehension over it iterates (the
    iterable itself is returned: `folder.glob("*.js")`)."""
    single = ctx.lookup(name)
    if single is not None:
        return single
    scope = ctx.scopes.enclosing_function(name) or ctx.tree
    found: list[ast.expr] = []
    for node in ast.walk(scope):
        if isinstance(node, ast.withitem) and _names(node.optional_vars, name.id):
            found.append(node.context_expr)
        elif isinstance(node, ast.comprehension | ast.For) and _names(node.target, name.id):
            found.append(node.iter)
    return found[0] if len(found) == 1 else None


def _names(target: ast.expr | None, name: str) -> bool:
    return isinstance(target, ast.Name) and target.id == name
