"""WW1104: `exec()` of code that is not a constant."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._common import describe, operator_severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class ExecNonConstant(PythonRule):
    """## What it does
    Finds calls of the builtin `exec()` whose code is not a constant string.
    In a command an operator starts from a shell (a Django management command, a Click or
    Flask CLI command) the finding is low: whoever types its arguments may run the
    app's code already, and no request reaches it.

    ## Why is this bad?
    `exec` runs arbitrary Python statements. Code assembled from outside values lets an
    attacker run their own code inside your application process, with its secrets and
    database access.

    ## Known problems
    A management command running the code its operator passed on the command line
    (`exec(options["command"])`, as Django's own `shell -c` does) is not reported: whoever
    runs it has a shell already. Code a command reads from a file or the database is.

    ## Example
    ```python
    def apply_plugin(source_code):
        exec(source_code)
    ```

    ## Fix
    ```python
    import importlib

    def apply_plugin(module_name):
        return importlib.import_module(f"myapp.plugins.{module_name}")
    ```
    Dispatch to code you ship (a dict of functions, `importlib` on an allow-list of
    modules) instead of executing code text.

    ## References
    - [CWE-95: Eval Injection](https://cwe.mitre.org/data/definitions/95.html)
    - [Python docs: exec](https://docs.python.org/3/library/functions.html#exec)
    """

    code = "WW1104"
    name = "exec-non-constant"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 95
    message = "`exec()` runs {source}"
    fix = "call code you ship (a dispatch table, an allow-listed import) instead of `exec`"
    bandit = ("B102",)
    ruff = ("S102",)
    calls = frozenset({"exec", "builtins.exec"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) not in {"exec", "builtins.exec"}:
            return
        code = ctx.argument(node, 0, "source")
        if code is None or ctx.is_constant(code) or _typed_by_operator(ctx, code):
            return
        severity = operator_severity(ctx, node)
        yield self.finding(ctx, node, severity=severity, source=describe(ctx, code))


def _typed_by_operator(ctx: FileContext, code: ast.expr) -> bool:
    """`exec(options["command"])` in a management command's `handle`: the code the
    operator passed on the command line (Django's own `shell -c`), who runs it from a
    shell already."""
    if not ctx.is_management_command:
        return False
    function = ctx.scopes.enclosing_function(code)
    if function is None or function.name != "handle":
        return False
    given = {a.arg for a in (function.args.vararg, function.args.kwarg) if a is not None}
    if isinstance(code, ast.Call) and isinstance(code.func, ast.Attribute):
        if code.func.attr != "get":
            return False
        code = code.func.value
    elif isinstance(code, ast.Subscript):
        code = code.value
    else:
        return False
    return isinstance(code, ast.Name) and code.id in given
