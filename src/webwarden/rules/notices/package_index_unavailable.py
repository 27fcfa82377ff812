"""WW013: `--outdated` could not learn the newest releases from the package index."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class PackageIndexUnavailable(NoticeRule):
    """## What it does
    Reports that `--outdated` could not read the newest release of some packages from
    the package index's JSON API (offline with nothing cached, a timeout, an error).
    Packages it could read are still reported.

    ## Why is this bad?
    A run that asked for outdated dependencies and quietly reported none would suggest
    everything is current.

    ## Example
    ```text
    webwarden deps --outdated --offline     # with an empty cache
    ```

    ## Fix
    ```text
    webwarden deps --outdated               # online, or with --index-url of a mirror
    ```

    ## References
    - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    - [PyPI JSON API](https://docs.pypi.org/api/json/)
    """

    code = "WW013"
    name = "package-index-unavailable"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "newest releases could not be read: {reason}"
    fix = "run online, or point `--index-url` at a reachable PyPI-compatible index"
    example_runnable = False
    """The example needs the network state of a run, not a project file."""
