"""WW002: an accepted risk in the configuration whose expiry date has passed."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import NoticeRule


class ExpiredAcceptedRisk(NoticeRule):
    """## What it does
    Reports each `[[tool.webwarden.ignore]]` entry whose `expires` date is in the past.
    From that day the findings it covered are reported again; this notice says why
    they came back.

    ## Why is this bad?
    An accepted risk is a decision with a deadline ("we fix this after the migration").
    When the deadline passes the decision must be taken again, not forgotten.

    ## Example
    ```toml
    [[tool.webwarden.ignore]]
    rule = "WW1101"
    path = "scripts/*.py"
    reason = "deploy scripts run by operators only"
    expires = 2020-01-31
    ```

    ## Fix
    ```toml
    [[tool.webwarden.ignore]]
    rule = "WW1101"
    path = "scripts/*.py"
    reason = "deploy scripts run by operators only; reviewed again in January"
    expires = 2099-01-31
    ```
    Fix the findings, or review the risk and set a new date.

    ## References
    - [CWE-1164: Irrelevant Code](https://cwe.mitre.org/data/definitions/1164.html)
    """

    code = "WW002"
    name = "expired-accepted-risk"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "accepted risk for {rule} expired on {date}: {reason}"
    fix = "fix the findings it covered, or review the decision and set a new `expires` date"
    example_filename = "pyproject.toml"
