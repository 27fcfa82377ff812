"""WW1103: `eval()` of a value that is not a constant."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._allow_lists import chosen_from_constants, listed_code
from webwarden.rules.auditing._common import COMPILERS, compiled_here, describe, operator_severity
from webwarden.rules.auditing._configured import configured_code
from webwarden.rules.auditing._shipped_files import read_from_fixed_path
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class EvalNonConstant(PythonRule):
    """## What it does
    Finds calls of the builtin `eval()` whose expression is not a constant. A shell
    command running the file the operator's `PYTHONSTARTUP` names, as Python's own
    interactive prompt and Flask's `flask shell` do (`eval(compile(f.read(), startup,
    "exec"), context)` with `startup = os.environ.get("PYTHONSTARTUP")`), is not reported.
    In a command an operator starts from a shell (a Django management command, a Click or
    Flask CLI command, a script parsing its arguments with `argparse` (or reading
    `sys.argv`) under `if __name__ == "__main__":` with no `else:`, or reading `sys.argv`
    in its top-level code, routing nothing, or a
    standalone Django program calling
    `django.setup()` itself) the finding is low: whoever types its arguments
    may run the app's code already, and no request reaches it.
    Code built only from constants and the deployment's settings (`for path in
    settings.ADMIN_REMOVAL: ... % tuple(path.rsplit(".", 1))`, through string building,
    string methods and locals every binding of which holds only those) is low too: the
    operator writes the settings, no request does. So is code read from the process's
    environment (`if eval(os.environ.get("USE_QUEUE_LIMIT")):`), directly or through a
    module-level name every binding of which holds only those. Nor is an expression reported inside
    an `if` that tests it against a literal collection (`if name in COMMANDS:` or
    `COMMANDS.keys()`): there it is one of those constants; nor one made of constants and
    names an earlier statement holds to a collection of the module's or an import's
    (`eval("a" + op + "b")` after `if op not in OPERATORS: raise ValueError(op)`), or
    the code draws itself (`eval(f"{n} {op} {m}")` with `n = random.randint(1, 9)` and
    `op = random.choice(["+", "-"])`, a captcha's sum). Nor is the code of a file the
    project ships, compiled first (`eval(compile(f.read(), name, "exec"), ns)`, which
    runs a module as `exec` does): at a constant path, one beside the source
    (`os.path.join(os.path.dirname(__file__), "plugins", "x.py")`), or each file a `for`
    loop lists in such a folder (`for name in os.listdir(PLUGINS):`), as WW1104 judges
    `exec`; not a file whose name a parameter gives, which `../` takes elsewhere.

    ## Why is this bad?
    `eval` runs any Python expression, and expressions can import modules, open files
    and start processes (`__import__("os").system(...)`). Passing it anything an attacker
    can influence is remote code execution. Restricting `globals` does not make it safe.

    ## Example
    ```python
    from flask import request

    def calculate():
        return str(eval(request.args["expr"]))
    ```

    ## Fix
    ```python
    import ast

    from flask import request

    def calculate():
        return str(ast.literal_eval(request.args["expr"]))
    ```
    Use `ast.literal_eval` for literals, `json.loads` for data, or a real parser for
    arithmetic.

    ## References
    - [CWE-95: Eval Injection](https://cwe.mitre.org/data/definitions/95.html)
    - [Python docs: ast.literal_eval](https://docs.python.org/3/library/ast.html#ast.literal_eval)
    """

    code = "WW1103"
    name = "eval-non-constant"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 95
    message = "`eval()` evaluates {source}"
    fix = "use `ast.literal_eval`, `json.loads` or a real parser instead of `eval`"
    bandit = ("B307",)
    ruff = ("S307",)
    calls = frozenset({"eval", "builtins.eval"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if ctx.call_name(node) not in self.calls:
            return
        expression = ctx.argument(node, 0, "source")
        if expression is None or ctx.is_constant(expression):
            return
        if _runs_startup_file(ctx, expression) or chosen_from_constants(ctx, node, expression):
            return
        if listed_code(ctx, node, expression) or read_from_fixed_path(ctx, expression):
            return
        severity = operator_severity(ctx, node)
        if configured_code(ctx, expression):
            yield self.finding(ctx, node, severity=Severity.LOW, source=_CONFIGURED)
            return
        flow = compiled_here(ctx, expression)
        yield self.finding(
            ctx, node, severity=severity, source=describe(ctx, expression), flow=flow
        )


_STARTUP = "PYTHONSTARTUP"
_ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv"})


def _runs_startup_file(ctx: FileContext, expression: ast.expr) -> bool:
    """`compile(f.read(), startup, "exec")` where `startup` is the `PYTHONSTARTUP`
    environment variable: the code of a file the operator named for their own prompt."""
    if not isinstance(expression, ast.Call) or ctx.call_name(expression) not in COMPILERS:
        return False
    source = ctx.argument(expression, 0, "source")
    filename = ctx.argument(expression, 1, "filename")
    if isinstance(filename, ast.Name):
        filename = ctx.lookup(filename)
    reads_file = (
        isinstance(source, ast.Call)
        and isinstance(source.func, ast.Attribute)
        and source.func.attr == "read"
    )
    return reads_file and _startup_variable(ctx, filename)


def _startup_variable(ctx: FileContext, node: ast.expr | None) -> bool:
    """`os.environ.get("PYTHONSTARTUP")`, `os.getenv(...)` or `os.environ[...]`."""
    if isinstance(node, ast.Call) and ctx.call_name(node) in _ENVIRONMENT_READS:
        return ctx.evaluate(ctx.argument(node, 0, "key")) == _STARTUP
    if isinstance(node, ast.Subscript) and ctx.qualified(node.value) == "os.environ":
        return ctx.evaluate(node.slice) == _STARTUP
    return False


_CONFIGURED = "code built from the deployment's settings (the operator's, no request's)"
