"""WW1105: request data in a command run by a shell or as the program to run."""

from __future__ import annotations

from webwarden.findings import Confidence, Practice, Severity
from webwarden.rules.base import Framework, TaintRule


class RequestDataInCommand(TaintRule):
    """## What it does
    Follows request data into a command: `os.system`, `os.popen`, `subprocess.*` with
    `shell=True`, `subprocess.getoutput`, `asyncio.create_subprocess_shell`, Paramiko's
    `exec_command`; and into the *program* (first element of the argument list, or the
    path) of `subprocess.*` without a shell, `os.exec*` and
    `asyncio.create_subprocess_exec`. Request data quoted with `shlex.quote` for a shell,
    or passed as a later list element without a shell, is not reported; a list or tuple
    with more added by `+` (`["pdal", "translate", src] + options`) keeps its program,
    and so does a list split from text (`HOOK.split(" ")`, then `cmd.append(path)`): its
    first element is the start of that text.

    ## Why is this bad?
    A shell interprets `;`, `|`, `&&`, `$(...)` and backticks: `8.8.8.8; rm -rf /` in a
    "host" parameter runs a second command as the web server's user. Choosing the program
    itself is the same: the client runs whatever binary it names.

    ## Known problems
    This rule supersedes WW1101 (`subprocess-shell-true`) and WW1102
    (`os-system-non-constant`) on the same call: when both are selected, only this finding
    (with its flow) is kept.

    ## Example
    ```python
    import subprocess

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/ping")
    def ping():
        host = request.args["host"]
        return subprocess.check_output(f"ping -c 1 {host}", shell=True)
    ```

    ## Fix
    ```python
    import subprocess

    from flask import Flask, request

    app = Flask(__name__)

    @app.route("/ping")
    def ping():
        host = request.args["host"]
        return subprocess.check_output(["ping", "-c", "1", "--", host])
    ```
    Pass an argument list without `shell=True` (and `--` before values that could look
    like options); if a shell is unavoidable, quote each value with `shlex.quote`.

    ## Options
    Project sources, sanitisers and guards go in `[tool.webwarden.taint]` (see the README).

    ## References
    - [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)
    - [Python docs: security considerations of subprocess](https://docs.python.org/3/library/subprocess.html#security-considerations)
    - [OWASP: OS Command Injection Defense Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html)
    """

    code = "WW1105"
    name = "request-data-in-command"
    practice = Practice.AUDITING
    severity = Severity.CRITICAL
    confidence = Confidence.HIGH
    cwe = 78
    message = "{source} reaches the command run by `{sink}`"
    fix = (
        "pass an argument list without `shell=True`; quote with `shlex.quote` if a shell is needed"
    )
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    bandit = ("B602", "B605", "B604")
    ruff = ("S602", "S605", "S604")
    supersedes = ("WW1101", "WW1102")
