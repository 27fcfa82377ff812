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
        if name in {"tempfile.mktemp", "os.tempnam", "os.tmpnam"}:
            yield self.finding(ctx, node, call=name)
