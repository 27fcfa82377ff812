"""WW1190: path traversal and local file inclusion payloads in requests."""

from __future__ import annotations

import re

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import PayloadRule

# NOTE: lower-case, bounded repetition only. Browsers normalise `../` away before
# sending, so a raw or encoded `../` in a request was put there on purpose.
_TRAVERSAL = re.compile(
    r"\.\.[/\\]|[/\\]\.\.(?:$|[?;&#])|\.\.;/"
    r"|%c0%ae|%c0%af|%c1%9c|%e0%80%ae|%u002e|%uff0e"
    r"|/etc/(?:passwd|shadow|group|hosts|issue)\b|/proc/self/(?:environ|cmdline|fd)"
    r"|\bc:[/\\]{1,2}windows[/\\]|\bwin\.ini\b|\bboot\.ini\b"
    r"|[\w./]\x00"  # NOTE: a NUL ending a file name; not in a TLS handshake's bytes
    r"|\bfile:/{1,3}[a-z]|\bphp://(?:filter|input)|\b(?:expect|phar|zip)://"
)


class PathTraversalAttempt(PayloadRule):
    """## What it does
    Finds requests that try to climb out of a directory or read local files: `../` and
    `..\\` (also encoded once, twice, or as overlong UTF-8 such as `%c0%ae`), `..;/`,
    targets such as `/etc/passwd`, `/proc/self/environ` or `win.ini`, NUL bytes
    (`%00`), and `file://` or `php://filter` wrappers. Requests from one client are
    reported together, one finding per burst.

    ## Why is this bad?
    Someone is looking for a view that opens a file named by the request:
    `open(os.path.join(BASE, request.args["name"]))`, `send_file()` with a user path, or
    an upload handler that trusts the file name. A hit reads your settings, keys and
    environment. `send_from_directory()` and `safe_join()` reject these paths; check the
    targeted routes use them.

    ## Example
    ```log
    203.0.113.50 - - [01/May/2024:12:00:00 +0000] "GET /download?file=..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1" 404 153 "-" "Mozilla/5.0"
    ```

    ## Fix
    File names with dots are not reported:
    ```log
    203.0.113.50 - - [01/May/2024:12:00:00 +0000] "GET /download?file=report.2024..final.pdf HTTP/1.1" 200 48213 "-" "Mozilla/5.0"
    ```
    Serve user-named files only through a function that confines them to a directory:
    ```python
    return send_from_directory(app.config["UPLOAD_DIR"], name)  # Flask
    ```

    ## Options
    `[tool.webwarden.logs.path-traversal-attempt]`: `threshold` (default 1) and
    `window` (default `"1h"`).

    ## References
    - [CWE-22: Path Traversal](https://cwe.mitre.org/data/definitions/22.html)
    - [Flask: send_from_directory](https://flask.palletsprojects.com/en/stable/api/#flask.send_from_directory)
    - [OWASP: Path Traversal](https://owasp.org/www-community/attacks/Path_Traversal)
    """

    code = "WW1190"
    name = "path-traversal-attempt"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 22
    message = "{client} sent {count} path traversal probe{s} to {route} {window}: {detail}"
    fix = "check that the targeted routes confine file names (`send_from_directory`, `safe_join`); block the client"
    pattern = _TRAVERSAL
    trigger = re.compile(r"\.\.|[%\\\x00:]|/etc/|/proc/|win\.ini|boot\.ini")
