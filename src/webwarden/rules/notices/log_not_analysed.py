"""WW031: a log webwarden could not read or did not recognise."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import LogNoticeRule


class LogNotAnalysed(LogNoticeRule):
    """## What it does
    Reports a log that could not be analysed, with the reason: it cannot be opened, a
    compressed file is truncated or corrupt (the lines before the damage are still
    judged), it is binary, or none of its first lines is in a format webwarden reads.

    ## Why is this bad?
    A log that is not read is a log whose attacks nobody reports. Saying so, instead of
    skipping it silently, keeps a clean report from meaning "nothing was looked at".

    ## Example
    ```log
    Remember to rotate the logs on Friday.
    This file is a note, not a log.
    ```

    ## Fix
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"
    ```
    Point webwarden at the log files themselves, fix the permissions, or give the
    format with `--log-format` (`combined`, `gunicorn`, `uwsgi`, `werkzeug`,
    `runserver`, `json`, `app`).

    ## References
    - [CWE-778: Insufficient Logging](https://cwe.mitre.org/data/definitions/778.html)
    - [Django: logging](https://docs.djangoproject.com/en/stable/topics/logging/)
    - [Flask: logging](https://flask.palletsprojects.com/en/stable/logging/)
    """

    code = "WW031"
    name = "log-not-analysed"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "log could not be analysed: {reason}"
    fix = "fix the file's permissions or give its format with `--log-format`"
