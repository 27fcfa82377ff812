"""WW1102: a command run through a shell-only API (`os.system`, `os.popen`...) that varies."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._callers import refuted_through_callers, through_callers
from webwarden.rules.auditing._commands import (
    command_callers,
    lowered_for_commands,
    program_tag,
)
from webwarden.rules.auditing._common import (
    describe,
    is_built_string,
    operator_severity,
    quoted_command,
)
from webwarden.rules.auditing._imported_parts import imported_parts, refuted_by_imports
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

SHELL_FUNCTIONS = frozenset(
    {
        "os.system",
        "os.popen",
        "os.popen2",
        "os.popen3",
        "os.popen4",
        "popen2.popen2",
        "popen2.popen3",
        "popen2.popen4",
        "commands.getoutput",
        "commands.getstatusoutput",
        "subprocess.getoutput",
        "subprocess.getstatusoutput",
        "asyncio.create_subprocess_shell",
        "pty.spawn",
    }
)


class OsSystemNonConstant(PythonRule):
    """## What it does
    Finds `os.system`, `os.popen`, `subprocess.getoutput`, `subprocess.getstatusoutput`,
    `asyncio.create_subprocess_shell` and similar functions, which always run their
    command through a shell, when the command is not a constant.
    In a command an operator starts from a shell (a Django management command, a Click or
    Flask CLI command, a script parsing its arguments with `argparse` (or reading
    `sys.argv`) under `if __name__ == "__main__":` with no `else:`, or reading `sys.argv`
    in its top-level code, routing nothing, or a
    standalone Django program that calls
    `django.setup()` itself, such as a scheduler a process manager starts, registering
    no task or signal receiver and binding no ASGI `application`) the finding is low: whoever types its arguments
    may run the app's code already, and no request reaches it. So it is in a module
    function that only such commands call, directly or through other functions of its
    module (`cli.py`'s Click commands calling `ops.log_change(message)`), or that a
    console script the project installs reaches (`setup.py`'s `entry_points=
    {"console_scripts": ["shopctl = shop.cli:main"]}`, `pyproject.toml`'s
    `[project.scripts]`: `main` and the functions of its module only it calls), when no
    module but test code may call it otherwise. So is a call in a program a Dockerfile
    copies into its image and runs as the container's command (`COPY start.py /`, then
    `CMD /start.py`), when it answers no request (routes nothing, reads no `request`,
    starts no server) and no other module but test code imports it: what it reads (the
    environment, the files mounted into the container) the operator sets.

    ## Why is this bad?
    These functions have no list form: the whole string goes to `/bin/sh`. Any outside
    value in it (a request parameter, an uploaded file's name, a database field) can
    carry `;`, `|` or `$()` and run commands of the attacker's choosing.

    ## Known problems
    Bandit (B605) also reports constant commands such as `os.system("clear")`; they
    cannot be injected into and are not reported here (nor is a choice between such
    commands, `"cls" if os.name == "nt" else "clear"`), nor are commands whose only
    varying parts are quoted with `shlex.quote` (word by word too, joined by a constant:
    `" ".join(map(shlex.quote, args))`) or formatted as numbers
    (`"ps -p %d" % pid`, `f"kill {pid:d}"`), which write digits or raise, nor are those
    whose varying part is the variable of a loop over a literal list of strings
    (`for name in ["tls_policy", "transport"]: os.system(f"postmap {name}.map")`) or held
    to one where it is read (inside `if name in NAMES:`, or after `if name not in NAMES:
    return ...`) or a
    path of the program's own files (`os.path.join(os.path.dirname(__file__), "x.sh")`,
    or a part `here, _ = os.path.split(__file__)` unpacks, `here or "."`, or with
    pathlib: `Path(__file__).parent / "x.sh"`), a date
    formatted as digits (`f"rm backup_{now.strftime('%Y%m%d')}.dump"`), a number
    (`int(name)`, `len(items)`, the process id `os.getpid()`), a part of constant
    text split at a constant (`VERSION.split(".")[0]`), or a constant of another module of the project (`from
    app.config import SCRIPTS_DIR`, `config.SOUND_FILE` of `from app import config`, the
    package's `app.__version__` after `import app`, read in `app/__init__.py` even where
    a script `app.py` lies beside the folder, as Python's import finds the package first)
    which that module binds, at its top level only, to such values (also through a
    package re-exporting it); not one it reads from the environment or a function of it
    rebinds (`global`).
    A variable assigned more than once holds the command assigned last before the call,
    in its block or those of the `if` and `with` statements around it. A command varying
    only with the parameters of a module function (`def sh(cmd): os.system("sh -c " +
    cmd)`) is judged as each call in the module makes it (`sh("make")`), when nothing
    else hands the function on and no other module imports it, or reads it through its
    module (one importing the module to call its other functions calls it nowhere);
    so is one of a function nested in another, by the calls of the function holding it.

    ## Example
    ```python
    import os

    def ping(host):
        return os.system("ping -c 1 " + host)
    ```

    ## Fix
    ```python
    import subprocess

    def ping(host):
        return subprocess.run(["ping", "-c", "1", host]).returncode
    ```
    Use `subprocess.run` with a list of arguments, which starts no shell.

    ## References
    - [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)
    - [Python docs: os.system](https://docs.python.org/3/library/os.html#os.system)
    """

    code = "WW1102"
    name = "os-system-non-constant"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 78
    message = "`{call}` runs a shell command built from {source}"
    fix = "use `subprocess.run([...])` with a list of arguments instead of a shell string"
    bandit = ("B605",)
    ruff = ("S605",)
    calls = SHELL_FUNCTIONS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in SHELL_FUNCTIONS:
            return
        command = ctx.argument(node, 0, "cmd") or ctx.argument(node, 0, "command")
        if command is None or ctx.is_constant(command) or quoted_command(ctx, command):
            return
        confidence = Confidence.HIGH if is_built_string(command) else Confidence.MEDIUM
        finding = self.finding(
            ctx,
            node,
            severity=operator_severity(ctx, node),
            confidence=confidence,
            call=name,
            source=describe(ctx, command),
        )
        tags = (
            *through_callers(ctx, command),
            *imported_parts(ctx, command),
            *command_callers(ctx, node),
            *program_tag(ctx),
        )
        yield dataclasses.replace(finding, tags=(*finding.tags, *tags))

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A command every call in its module gives quoted, of a function no other
        module imports, or one whose varying parts are constants of other modules."""
        return refuted_through_callers(finding, project) or refuted_by_imports(finding, project)

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in module functions only shell commands call (`lowered_for_commands`)."""
        return lowered_for_commands(finding, project)
