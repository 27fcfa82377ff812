"""WW011: the local advisory store exists but cannot be read."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class AdvisoryStoreCorrupt(NoticeRule):
    """## What it does
    Reports that the local advisory store (SQLite, in the user cache directory or given
    with `--db`) is damaged, from another webwarden version, or not a store at all.
    Without `--db` the run falls back to the OSV API unless it is offline.

    ## Why is this bad?
    The dependency audit silently losing its data would report vulnerable pins as
    clean. The next `webwarden db update` or `db import` rebuilds the store from
    scratch; a damaged store is never half-used.

    ## Example
    ```text
    webwarden: WW011 advisory store at ~/.cache/webwarden/advisories.sqlite3 is unreadable
    ```

    ## Fix
    ```text
    webwarden db update        # or: webwarden db import path/to/advisory-database
    ```

    ## References
    - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    """

    code = "WW011"
    name = "advisory-store-corrupt"
    practice = Practice.TOOL
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = None
    message = "the local advisory store cannot be used: {reason}"
    fix = "rebuild it with `webwarden db update` or `webwarden db import PATH`"
    example_runnable = False
    """The example needs a damaged file in the user cache, not a project file."""
