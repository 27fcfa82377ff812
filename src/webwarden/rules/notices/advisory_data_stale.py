"""WW012: the local advisory store has not been updated for a long time."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class AdvisoryDataStale(NoticeRule):
    """## What it does
    Reports that the local advisory store was last imported more than `stale-days`
    days ago (30 by default, `[tool.webwarden.deps] stale-days`). The audit still uses
    it.

    ## Why is this bad?
    New advisories are published every day. An old store reports a dependency as clean
    when its vulnerability was published after the last import.

    ## Example
    ```text
    webwarden db status
    store: ~/.cache/webwarden/advisories.sqlite3, updated 94 days ago
    ```

    ## Fix
    ```text
    webwarden db update
    ```
    Update the store regularly, e.g. as a CI step before `webwarden check`.

    ## References
    - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    """

    code = "WW012"
    name = "advisory-data-stale"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "advisory data may be out of date: {reason}"
    fix = "run `webwarden db update` (or import a newer copy with `webwarden db import PATH`)"
    example_runnable = False
    """The example needs a store imported long ago, which lives outside the project."""
