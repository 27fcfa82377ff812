"""WW1191: operating system command injection payloads in requests."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from webwarden.findings import Confidence, Practice, Severity
from webwarden.logs.events import Evidence, LogEvent
from webwarden.logs.payloads import find_payload
from webwarden.rules.base import PayloadRule

if TYPE_CHECKING:
    from webwarden.logs.facts import StreamFacts

_COMMANDS = (
    r"cat|id|whoami|uname|ls|pwd|ping|nslookup|dig|curl|wget|nc|ncat|netcat|bash|sh|zsh"
    r"|python[23]?|perl|php|ruby|powershell|cmd|echo|sleep|rm|chmod|busybox|telnet|ifconfig"
)
# NOTE: lower-case, bounded repetition only. A single `&` separates query parameters,
# so only `;`, `|`, a backquote, a newline, `&&` and `$(` count as command separators;
# `(?![=\w])` keeps `;id=3` (a path parameter) out.
_COMMAND = re.compile(
    rf"(?:[;|`\n]|&&|\$\()\s{{0,5}}(?:{_COMMANDS})(?![=\w.-])"
    r"|\$\{ifs\}|\$ifs\b"
    r"|/bin/(?:ba|z|da)?sh\b|\bcmd(?:\.exe)?\s{1,5}/c\s"
    r"|\bnc(?:at)?\s{1,5}-[a-z]{0,4}e\s"
    r"|\b(?:curl|wget)\s{1,5}[^\s;|&]{0,60}\s{0,5}https?://"
    r"|\bpowershell(?:\.exe)?\s{1,5}-(?:enc|e|c|nop)\b"
)


class CommandInjectionAttempt(PayloadRule):
    """## What it does
    Finds requests that try to run shell commands: a separator (`;`, `|`, `&&`,
    backquotes, `$(`, a newline) followed by a command such as `id`, `cat`, `wget` or
    `sleep`, `${IFS}` tricks, `/bin/sh`, `nc -e`, `cmd /c` and `powershell -enc`, as
    sent or URL-encoded once or twice, and Shellshock's function definition
    (`() { :; };`) in the user agent or referrer. Requests from one client are reported
    together.

    ## Why is this bad?
    Someone is looking for a view that passes a parameter to a shell:
    `subprocess.run(f"ping {host}", shell=True)`, `os.system()`, `os.popen()`. A hit
    runs their commands on your server with the app's rights (WW1101 and WW1103 find
    such calls in code).

    ## Example
    ```log
    192.0.2.44 - - [01/May/2024:13:00:00 +0000] "GET /tools/ping?host=127.0.0.1%3Bcat%20/etc/shadow HTTP/1.1" 500 145 "-" "Mozilla/5.0"
    ```

    ## Fix
    Parameters with semicolons or ampersands in ordinary use are not reported:
    ```log
    192.0.2.44 - - [01/May/2024:13:00:00 +0000] "GET /items;jsessionid=1F2E?q=salt+%26+pepper&cat=spices HTTP/1.1" 200 2210 "-" "Mozilla/5.0"
    ```
    Never build shell commands from requests; pass an argument list without a shell:
    ```python
    subprocess.run(["ping", "-c", "1", host], check=True, timeout=5)
    ```

    ## Options
    `[tool.webwarden.logs.command-injection-attempt]`: `threshold` (default 1) and
    `window` (default `"1h"`).

    ## References
    - [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)
    - [Python: subprocess security considerations](https://docs.python.org/3/library/subprocess.html#security-considerations)
    - [OWASP: Command Injection](https://owasp.org/www-community/attacks/Command_Injection)
    """

    code = "WW1191"
    name = "command-injection-attempt"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 78
    message = "{client} sent {count} command injection probe{s} to {route} {window}: {detail}"
    fix = "check that the targeted routes never pass request data to a shell; block the client"
    pattern = _COMMAND
    trigger = re.compile(r"[;|`\n$]|&&|/bin/|cmd|\bnc(?:at)?\s|curl|wget|powershell")
    fields = ("target", "agent", "referrer")
    """The commands are looked for in the target; the headers hold Shellshock only."""

    def match(self, event: LogEvent, facts: StreamFacts) -> Evidence | None:
        """The command patterns in the request target; Shellshock's function definition
        in the headers too (`() { :; }; /bin/bash -c ...` in the user agent)."""
        detail = find_payload(event, ("target",), self.trigger, self.pattern)
        if detail is None:
            detail = find_payload(event, ("agent", "referrer"), _SHELLSHOCK_TRIGGER, _SHELLSHOCK)
        return Evidence(event.client or "", detail) if detail is not None else None


_SHELLSHOCK = re.compile(r"\(\)\s{0,3}\{[^}]{0,40}\}\s{0,3};")
"""CVE-2014-6271: a function definition bash imports from an environment variable, which
CGI makes of every header."""
_SHELLSHOCK_TRIGGER = re.compile(r"\(\)")
