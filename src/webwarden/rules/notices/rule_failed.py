"""WW003: a rule failed on a file (a bug in webwarden)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class RuleFailed(NoticeRule):
    """## What it does
    Reports that one rule raised an error on one file. The scan goes on with every other
    rule and file; only that rule's verdict on that file is missing.

    ## Why is this bad?
    It is a bug in webwarden, and the rule did not judge that file. Please report it with
    the message and, if you can, the smallest code that triggers it.

    ## Example
    ```text
    WW003 rule-failed: rule WW1101 failed here: RecursionError: ...
    ```

    ## Fix
    ```text
    Upgrade webwarden, or report the bug with the file that triggers it.
    ```

    ## References
    - [CWE-703: Improper Check or Handling of Exceptional Conditions](https://cwe.mitre.org/data/definitions/703.html)
    """

    code = "WW003"
    name = "rule-failed"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "rule {rule} failed here: {error}"
    fix = "report this webwarden bug; the rest of the scan is unaffected"
    example_runnable = False
