"""WW1106: request data run as Python code (`eval`, `exec`, `compile`)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInCode(TaintRule):
    """## What it does
    Follows request data into `eval()`, `exec()`, `compile()` and Pillow's
    `ImageMath.eval()` (`unsafe_eval()`), which evaluates its expression with `eval()`.

    ## Why is this bad?
    Python code can do anything the server process can: `__import__("os").system(...)`
    in a "formula" parameter is remote code execution. Restricting `globals` or
    `__builtins__` does not make `eval` safe.

    ## Known problems
    This rule supersedes WW1103 (`eval-non-constant`) and WW1104 (`exec-non-constant`) on
    the same call, and on the `exec()` or `eval()` of the code object a `compile()` it
    reports made (`code = compile(text, path, "exec")`, then `exec(code)`): when both are
    selected, only this finding (with its flow) is kept.

    ## Example
    ```python
    from django.http import JsonResponse

    def calculate(request):
        expression = request.GET["expr"]
        return JsonResponse({"result": eval(expression)})
    ```

    ## Fix
    ```python
    import ast

    from django.http import JsonResponse

    def calculate(request):
        expression = request.GET["expr"]
        return JsonResponse({"result": ast.literal_eval(expression)})
    ```
    Use `ast.literal_eval` for literals, `json.loads` for data, or a real expression
    parser for arithmetic.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-95: Eval Injection](https://cwe.mitre.org/data/definitions/95.html)
    - [Python docs: ast.literal_eval](https://docs.python.org/3/library/ast.html#ast.literal_eval)
    """

    code = "WW1106"
    name = "request-data-in-code"
    practice = Practice.AUDITING
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 95
    message = "{source} is run as Python code by `{sink}`"
    fix = "use `ast.literal_eval`, `json.loads` or a real parser; never `eval` request data"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B307", "B102")
    ruff = ("S307", "S102")
    supersedes = ("WW1103", "WW1104")
