"""WW1121: `marshal.load`/`loads` of data that is not a constant."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class MarshalLoad(PythonRule):
    """## What it does
    Finds `marshal.load` and `marshal.loads` on data that is not a constant.

    ## Why is this bad?
    `marshal` is Python's internal format for code objects. It is not designed to be
    secure against erroneous or maliciously constructed data: crafted input can crash the
    interpreter or build code objects that are then executed.

    ## Example
    ```python
    import marshal

    def restore(blob):
        return marshal.loads(blob)
    ```

    ## Fix
    ```python
    import json

    def restore(blob):
        return json.loads(blob)
    ```

    ## References
    - [CWE-502: Deserialization of Untrusted Data](https://cwe.mitre.org/data/definitions/502.html)
    - [Python docs: marshal](https://docs.python.org/3/library/marshal.html)
    """

    code = "WW1121"
    name = "marshal-load"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 502
    message = "`{call}` deserialises data with marshal, which is not safe for outside data"
    fix = "use a data format such as JSON for data you did not produce yourself"
    bandit = ("B302",)
    ruff = ("S302",)
    calls = frozenset({"marshal.load", "marshal.loads"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in {"marshal.load", "marshal.loads"}:
            return
        data = ctx.argument(node, 0)
        if name == "marshal.loads" and data is not None and ctx.is_constant(data):
            return
        yield self.finding(ctx, node, call=name)
