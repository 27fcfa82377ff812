"""WW010: the dependency audit had no advisory data (no store, offline, service down)."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class AdvisoryDataUnavailable(NoticeRule):
    """## What it does
    Reports, once per run, that the dependencies were read but could not be checked for
    known vulnerabilities: there is no local advisory store and the run is offline, or
    the OSV API could not be reached or did not answer in time. The rest of the audit
    runs (unauditable and unparseable dependencies are still reported).

    ## Why is this bad?
    Without advisory data a clean dependency report means nothing. The notice says so
    instead of passing silently, and says how to get the data.

    ## Example
    ```text
    flask==2.0.1
    ```
    Audited offline, with no local advisory store.

    ## Fix
    ```text
    flask==2.0.1
    ```
    After `webwarden db update` (online) or `webwarden db import PATH` (a copy of the
    PyPA advisory database or OSV's PyPI export), the store holds records such as:
    ```json
    {"id": "PYSEC-0000-1", "modified": "2024-01-01T00:00:00Z",
     "affected": [{"package": {"name": "some-other-package", "ecosystem": "PyPI"},
                   "versions": ["1.0"]}]}
    ```

    ## References
    - [CWE-1104: Use of Unmaintained Third Party Components](https://cwe.mitre.org/data/definitions/1104.html)
    - [OSV: PyPI data export](https://google.github.io/osv.dev/data/)
    """

    code = "WW010"
    name = "advisory-data-unavailable"
    practice = Practice.TOOL
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = None
    message = "dependencies were not checked for known vulnerabilities: {reason}"
    fix = "{how}"
    example_filename = "requirements.txt"
