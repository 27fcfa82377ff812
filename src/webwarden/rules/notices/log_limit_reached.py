"""WW032: a memory limit of the log monitor cut its analysis short."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import LogNoticeRule


class LogLimitReached(LogNoticeRule):
    """## What it does
    Reports that a log rule hit one of the limits that keep the monitor's memory
    bounded: it tracked `max-clients` clients (or accounts) at once and had to drop the
    least recent ones, or it found more incidents than `max-findings` and listed only
    the first ones.

    ## Why is this bad?
    The report is then incomplete: a dropped client's burst may be missed, and the
    unlisted incidents are not in the report (only their number is). Very many
    attacking clients at once usually mean a distributed scan or a botnet.

    ## Example
    ```toml
    [tool.webwarden.logs]
    max-findings = 1
    ```
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /?id=1%27%20or%201=1-- HTTP/1.1" 200 512 "-" "Mozilla/5.0"
    198.51.100.23 - - [01/May/2024:10:00:05 +0000] "GET /?id=1%27%20or%201=1-- HTTP/1.1" 200 512 "-" "Mozilla/5.0"
    ```

    ## Fix
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET /?id=1%27%20or%201=1-- HTTP/1.1" 200 512 "-" "Mozilla/5.0"
    ```
    Raise `max-clients` or `max-findings` in `[tool.webwarden.logs]` if the machine has
    the memory, or split the log by time.

    ## References
    - [CWE-770: Allocation of Resources Without Limits or Throttling](https://cwe.mitre.org/data/definitions/770.html)
    - [OWASP: Logging Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html)
    """

    code = "WW032"
    name = "log-limit-reached"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "{what}"
    fix = "raise `max-clients` or `max-findings` in `[tool.webwarden.logs]`"
