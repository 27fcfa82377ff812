"""Functions of the project that return the content of the file their caller names.

`read_html(fname)` returning `markup`, bound to `None` or to `f.read().strip()` of a
`with fname.open() as f:`: what a call returns is the text of the file the caller named
(or nothing). Given a path made of configuration and literals (`read_html(
app.config["LOCAL_DIR"] / "credits.html")`), it is the operator's text, as the file's
content read in place is (see `configured.configured_path`).
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_READS = frozenset({"read", "read_text"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})
_PATHS = frozenset({"pathlib.Path", "pathlib.PurePath", "os.path.join", "str"})
_TRIMS = frozenset({"strip", "rstrip", "lstrip"})
_Function = ast.FunctionDef | ast.AsyncFunctionDef
_NOT_CONTENT: ast.expr = ast.Tuple(elts=[], ctx=ast.Load())
"""Stands for a value bound some other way than by a plain assignment: no content."""


def path_readers(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions every `return` of which gives `None` or the
    content of a file whose path is made of the function's parameters and literals
    only (trimmed of white space or not), at least one `return` giving such content.
    A function reading a path of its own choosing (a file the app writes at run time)
    is none."""
    if not ctx.mentions(".read"):
        return ()
    return tuple(
        statement.name
        for statement in ctx.tree.body
        if isinstance(statement, _Function) and _reads_given_path(ctx, statement)
    )


def _reads_given_path(ctx: FileContext, function: _Function) -> bool:
    arguments = function.args
    parameters = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    if not parameters:
        return False
    reader = _Reader(ctx, function, parameters)
    returns = [node.value for node in ast.walk(function) if isinstance(node, ast.Return)]
    # NOTE: a nested function's `return` counts as the owner's: that can only refuse one.
    content = [value for value in returns if not _is_none(value)]
    return bool(content) and all(reader.content(value) for value in content)


def _is_none(value: ast.expr | None) -> bool:
    return value is None or (isinstance(value, ast.Constant) and value.value is None)


class _Reader:
    """Judges the values of one function: file content of a path its parameters name."""

    def __init__(self, ctx: FileContext, function: _Function, parameters: set[str]) -> None:
        self.ctx = ctx
        self.function = function
        self.parameters = parameters

    def content(self, value: ast.expr | None, depth: int = 0) -> bool:
        """`f.read()`, `open(path).read()`, `path.read_text()`, such a value `.strip()`ped,
        or a local (not a parameter) every value of which is one or `None`."""
        if value is None or depth > 3:
            return False
        if isinstance(value, ast.Name):
            assigned = self._assigned(value.id)
            return bool(assigned) and all(
                _is_none(each) or self.content(each, depth + 1) for each in assigned
            )
        if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute)):
            return False
        if value.args or value.keywords:
            return False
        source = value.func.value
        if value.func.attr in _TRIMS:
            return self.content(source, depth)
        if value.func.attr not in _READS:
            return False
        if value.func.attr == "read_text":
            return self.named_by_caller(source)
        if isinstance(source, ast.Name):
            opened = self._with_bound(source.id)
            return opened is not None and self.opens_given_path(opened)
        return isinstance(source, ast.Call) and self.opens_given_path(source)

    def opens_given_path(self, call: ast.expr) -> bool:
        """`open(path)`, `io.open(path, ...)`, `path.open()`, `Path(path).open()`."""
        if not isinstance(call, ast.Call):
            return False
        if self.ctx.call_name(call) in _OPENERS:
            return bool(call.args) and self.named_by_caller(call.args[0])
        func = call.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr == "open"
            and self.named_by_caller(func.value)
        )

    def named_by_caller(self, node: ast.expr) -> bool:
        """A path made of the function's parameters and literals, naming one parameter at
        least: a literal path alone is a file of the function's choosing."""
        return self.given_path(node) and any(
            isinstance(part, ast.Name) and part.id in self.parameters for part in ast.walk(node)
        )

    def given_path(self, node: ast.expr) -> bool:
        """A path made of the function's parameters and string literals only."""
        if isinstance(node, ast.Name):
            return node.id in self.parameters and not self._assigned(node.id)
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div | ast.Add):
            return self.given_path(node.left) and self.given_path(node.right)
        if isinstance(node, ast.Call) and self.ctx.call_name(node) in _PATHS:
            return bool(node.args) and all(self.given_path(a) for a in node.args)
        return False

    def _assigned(self, name: str) -> list[ast.expr]:
        """The values plain assignments bind `name` to; a name bound any other way too (a
        loop, `+=`, a `with`, a tuple's unpacking) gets a value that is no content."""
        found: list[ast.expr] = []
        stores = 0
        for node in ast.walk(self.function):
            if isinstance(node, ast.Assign) and any(_names(t, name) for t in node.targets):
                found.append(node.value if len(node.targets) == 1 else _NOT_CONTENT)
            elif isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                stores += 1
        return found if stores <= len(found) else [*found, _NOT_CONTENT]

    def _with_bound(self, name: str) -> ast.expr | None:
        """What `with <call> as name:` binds `name` to, when that is its one binding."""
        bound = [
            item.context_expr
            for node in ast.walk(self.function)
            if isinstance(node, ast.With | ast.AsyncWith)
            for item in node.items
            if _names(item.optional_vars, name)
        ]
        stores = sum(
            isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store)
            for node in ast.walk(self.function)
        )
        return bound[0] if len(bound) == 1 and stores == 1 else None


def _names(node: ast.expr | None, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
