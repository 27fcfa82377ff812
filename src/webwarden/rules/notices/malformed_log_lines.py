"""WW030: lines of a log that do not fit its format."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import LogNoticeRule


class MalformedLogLines(LogNoticeRule):
    """## What it does
    Reports, once per log file, how many lines did not fit the file's format (detected
    from its first lines, or given with `--log-format`), with the first few line numbers.
    Lines longer than 64 KiB count too. Reading goes on after each one. A line cut short
    after a whole request (before or in its status or size) counts too, but its request
    is still judged.

    ## Why is this bad?
    A line webwarden cannot parse is a request nobody judged. A few broken lines come
    from a crash mid-write or a log line split by a proxy; many of them mean the format
    is not the one webwarden assumed (a custom nginx `log_format`, a gunicorn
    `access_log_format`, renamed JSON fields), and attacks in those lines go unseen.

    ## Example
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"
    203.0.113.7 - - [01/May/2024:10:00:01 +0000] "GET /about HTTP/1.1" 200 734 "-" "Mozilla/5.0"
    203.0.113.7 - - [01/May/2024 10:00 "GET /cont
    ```

    ## Fix
    ```log
    203.0.113.7 - - [01/May/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "Mozilla/5.0"
    203.0.113.7 - - [01/May/2024:10:00:01 +0000] "GET /about HTTP/1.1" 200 734 "-" "Mozilla/5.0"
    ```
    Tell webwarden the format: `--log-format`, `access-log-format` for gunicorn, or
    `json-fields` for JSON logs in `[tool.webwarden.logs]`. A handful of truncated lines
    after a crash need no action. Django's default console logging writes its
    `django.request` records with no time (`Not Found: /.env`): give the handler a
    formatter with `%(asctime)s` (Django's documented `verbose` format).

    ## References
    - [CWE-778: Insufficient Logging](https://cwe.mitre.org/data/definitions/778.html)
    - [nginx: log_format](https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format)
    - [gunicorn: access_log_format](https://docs.gunicorn.org/en/stable/settings.html#access-log-format)
    """

    code = "WW030"
    name = "malformed-log-lines"
    practice = Practice.TOOL
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = None
    message = "{count} malformed line{s} in this `{format}` log (line {lines})"
    fix = "set the log format (`--log-format`, `access-log-format`, `json-fields`) if it is not the detected one"
