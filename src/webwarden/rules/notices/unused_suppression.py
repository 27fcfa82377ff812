"""WW001: a `# webwarden: ignore` marker that suppresses nothing."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class UnusedSuppression(NoticeRule):
    """## What it does
    With `--report-unused-ignores`, reports each `# webwarden: ignore` or
    `# webwarden: ignore[CODE, ...]` comment that silenced no finding on its statement.

    ## Why is this bad?
    A stale suppression hides the next real finding on that line: someone reviewed a
    different problem long ago, the code changed, and the marker now silences whatever
    comes. Removing unused markers keeps suppressions meaningful.

    ## Example
    ```python
    TIMEOUT = 30  # webwarden: ignore
    ```

    ## Fix
    ```python
    TIMEOUT = 30
    ```

    ## References
    - [CWE-1164: Irrelevant Code](https://cwe.mitre.org/data/definitions/1164.html)
    """

    code = "WW001"
    name = "unused-suppression"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "{what}"
    fix = "remove the marker, or the codes in it that no longer apply"
