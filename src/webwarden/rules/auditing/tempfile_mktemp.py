"""WW1181: `tempfile.mktemp()`, which returns a name another process can take first."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class TempfileMktemp(PythonRule):
    """## What it does
    Finds calls of `tempfile.mktemp()` (and the long-gone `os.tempnam`/`os.tmpnam`).
    Not when the name is bound to a local whose first use creates the file exclusively:
    `os.open(path, os.O_CREAT | os.O_EXCL | ...)` or `open(path, "x")`, which fail when
    another process made the path (or a symlink there) first (the way Django's old
    `FileSystemStorage` streamed uploads).

    ## Why is this bad?
    `mktemp` only returns a name; the file is created later. In between, another process
    on the machine can create that path, often as a symlink to a file it wants you to
    overwrite or read (a time-of-check/time-of-use race). Python deprecated it in 2.3.

    ## Example
    ```python
    import tempfile

    def export(rows):
        path = tempfile.mktemp(suffix=".csv")
        with open(path, "w") as handle:
            handle.writelines(rows)
        return path
    ```

    ## Fix
    ```python
    import tempfile

    def export(rows):
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as handle:
            handle.writelines(rows)
        return handle.name
    ```

    ## References
    - [CWE-377: Insecure Temporary File](https://cwe.mitre.org/data/definitions/377.html)
    - [Python docs: tempfile.mktemp](https://docs.python.org/3/library/tempfile.html#tempfile.mktemp)
    """

    code = "WW1181"
    name = "tempfile-mktemp"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 377
    message = "`{call}()` returns a temporary file name that another process can create first"
    fix = "use `tempfile.NamedTemporaryFile`, `mkstemp` or `TemporaryDirectory`"
    bandit = ("B306",)
    ruff = ("S306",)
    calls = frozenset({"tempfile.mktemp", "os.tempnam", "os.tmpnam"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name in self.calls and not _first_use_creates_exclusively(node, ctx):
            yield self.finding(ctx, node, call=name)


def _first_use_creates_exclusively(call: ast.Call, ctx: FileContext) -> bool:
    """`path = mktemp(...)`, and the first read of `path` after it (in the same function)
    is the path of an exclusive creation."""
    name = ctx.assigned_name(call)
    statement = ctx.parent(call)
    if name is None or not isinstance(statement, ast.Assign):
        return False
    scope: ast.AST = ctx.scopes.enclosing_function(statement) or ctx.tree
    end = (statement.end_lineno or statement.lineno, statement.end_col_offset or 0)
    reads = [
        node
        for node in ast.walk(scope)
        if isinstance(node, ast.Name)
        and node.id == name
        and isinstance(node.ctx, ast.Load)
        and (node.lineno, node.col_offset) >= end
    ]
    if not reads:
        return False
    first = min(reads, key=lambda node: (node.lineno, node.col_offset))
    opener = ctx.parent(first)
    return (
        isinstance(opener, ast.Call)
        and bool(opener.args)
        and opener.args[0] is first
        and _creates_exclusively(opener, ctx)
    )


def _creates_exclusively(call: ast.Call, ctx: FileContext) -> bool:
    """`os.open(path, os.O_CREAT | os.O_EXCL ...)` or `open(path, "x")`."""
    callee = ctx.call_name(call)
    if callee == "os.open":
        flags = ctx.argument(call, 1, "flags")
        named = {ctx.qualified(n) for n in ast.walk(flags)} if flags is not None else set()
        return {"os.O_CREAT", "os.O_EXCL"} <= named
    if callee in {"open", "io.open", "builtins.open"}:
        mode = ctx.evaluate(ctx.argument(call, 1, "mode"))
        return isinstance(mode, str) and "x" in mode
    return False
