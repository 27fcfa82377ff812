"""WW1126: zip archives extracted without looking at their members first."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_INSPECTION = frozenset({"infolist", "namelist", "getinfo", "file_size", "compress_size"})


class ZipfileExtractallUnchecked(PythonRule):
    """## What it does
    Finds `ZipFile.extractall()` in a function that never looks at the archive's members
    (`infolist()`, `namelist()`, `file_size`) before extracting.

    ## Why is this bad?
    `zipfile` strips `..` and absolute paths from member names, but it has no extraction
    filter: a small upload can expand to gigabytes (a "zip bomb") and fill the disk, or
    hold thousands of files. Extracting an archive from outside without checking member
    count and sizes is a denial-of-service risk.

    ## Known problems
    Low severity and confidence: archives you built yourself are fine. Checking the
    members in another function is not seen; suppress the finding there.

    ## Example
    ```python
    import zipfile

    def unpack(upload, target):
        with zipfile.ZipFile(upload) as archive:
            archive.extractall(target)
    ```

    ## Fix
    ```python
    import zipfile

    MAX_BYTES = 100 * 1024 * 1024

    def unpack(upload, target):
        with zipfile.ZipFile(upload) as archive:
            if sum(member.file_size for member in archive.infolist()) > MAX_BYTES:
                raise ValueError("archive too large")
            archive.extractall(target)
    ```

    ## References
    - [CWE-409: Improper Handling of Highly Compressed Data](https://cwe.mitre.org/data/definitions/409.html)
    - [Python docs: zipfile decompression pitfalls](https://docs.python.org/3/library/zipfile.html#decompression-pitfalls)
    """

    code = "WW1126"
    name = "zipfile-extractall-unchecked"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.LOW
    cwe = 409
    message = "`{call}` extracts a zip archive without checking its members' number and size"
    fix = "check `infolist()` sizes and count before extracting archives from outside"
    bandit = ("B202",)
    ruff = ("S202",)
    calls = frozenset({".extractall"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "extractall":
            return
        if ctx.origin(func.value) not in {"zipfile.ZipFile", "zipfile.PyZipFile"}:
            return
        scope = ctx.scopes.enclosing_scope(node)
        for inner in ast.walk(scope):
            if isinstance(inner, ast.Attribute) and inner.attr in _INSPECTION:
                return
        yield self.finding(ctx, node, call="zipfile.ZipFile(...).extractall")
