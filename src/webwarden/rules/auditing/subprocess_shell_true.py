"""WW1101: a subprocess started through a shell with a command that is not constant."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._callers import (
    refuted_through_callers,
    shell_off_through_callers,
    through_callers,
)
from webwarden.rules.auditing._commands import (
    command_callers,
    lowered_for_commands,
    program_tag,
)
from webwarden.rules.auditing._common import (
    SUBPROCESS_FUNCTIONS,
    describe,
    is_built_string,
    operator_severity,
    quoted_command,
    truthiness,
)
from webwarden.rules.auditing._constant_members import constant_member
from webwarden.rules.auditing._imported_parts import imported_parts, refuted_by_imports
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext


class SubprocessShellTrue(PythonRule):
    """## What it does
    Finds `subprocess.run`, `call`, `Popen`, `check_call` and `check_output` called with
    `shell=True` (or a `shell` value that may be true) when the command is not a constant.
    In a command an operator starts from a shell (a Django management command, a Click or
    Flask CLI command, a script parsing its arguments with `argparse` (or reading
    `sys.argv`) under `if __name__ == "__main__":` with no `else:`, or reading `sys.argv`
    in its top-level code, routing nothing, or a
    standalone Django program calling
    `django.setup()` itself) the finding is low: whoever types its arguments
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
    With `shell=True` the command is handed to `/bin/sh`, which interprets `;`, `|`, `$()`
    and backticks. If any part of the command comes from a request, a file name or any
    other outside value, an attacker can append commands of their own (OS command
    injection). A constant command is not reported: nobody can change it; nor is a
    member of `self` that the module sets only on `self` and only to constants, grown
    only by constants (`self.install_command = ["npm", "install"]`, then
    `.append("--no-audit")`; also read through a local bound to it, `command =
    self.build_command`), the class's own words; nor is one
    whose varying parts are quoted with `shlex.quote` (also word by word, joined by a
    constant: `" ".join(quote(d) for d in downloads)`, `map(shlex.quote, args)`), formatted as numbers
    (`"ps -p %d" % pid`), taken in turn from a literal list of strings
    (`for unit in ["nginx", "redis"]:`) or of argument lists (`for cmd in [["rm -rf
    dist"], ["npm ci"]]:`, the list held in a local too), held to a literal collection of
    words where it is read (inside `if action in ["start", "stop"]:`, or after `if action
    not in ACTIONS: return ...` turned every other value away) or a path of the program's own files
    (`os.path.join(os.path.dirname(__file__), "version.sh")`: where the code is
    installed, which no outside value chooses; a part of it unpacked from `os.path.split`
    too, and pathlib's `Path(__file__).resolve().parent / "version.sh"`), nor a date
    formatted as digits (`now.strftime("%Y%m%d")`), nor a number (`int(name)`,
    `len(items)`, the process id `os.getpid()`), nor a part of constant text
    split at a constant (`VERSION.split(".")[0]`), nor a constant of another module of the project (`from app.config import SCRIPTS_DIR`,
    `config.LOG_FILE` of `from app import config`) which that module binds, at its top
    level only, to such values (also through a package re-exporting it); not one it
    reads from the environment or a function of it rebinds (`global`). A variable assigned more than once holds
    the command assigned last before the call, in its block or those of the `if` and
    `with` statements around it (`if windows: command = ...` / `else: command = "ps " +
    shlex.quote(name)`): each branch's own. A command varying only with the parameters of
    a module function (`def run(cmd): subprocess.call("sh -c " + cmd, shell=True)`) is
    judged as each call in the module makes it (`run("make")`), when nothing else hands
    the function on and no other module imports it, or reads it through its module (one
    importing the module to call its other functions, `shell.report()`, calls it nowhere);
    so is one of a function nested in another (`def run_ps_command(command)` inside a
    method), by the calls of the function holding it, which no other module can reach.
    So is a `shell=` value that is a parameter of such a function (`def process(command,
    shell=False)` running `Popen(command, shell=shell)`): when every call in the module
    leaves it at a false default or gives it a constant false, no shell runs.

    ## Known problems
    Bandit (B602) reports every `shell=True`, constant or not; webwarden reports only
    commands that can vary. Whether the varying part is attacker-controlled is the job of
    the taint rules, which report such flows at higher confidence.

    ## Example
    ```python
    import subprocess

    def archive(name):
        subprocess.run(f"tar czf /backups/{name}.tgz /srv/data", shell=True)
    ```

    ## Fix
    ```python
    import subprocess

    def archive(name):
        subprocess.run(["tar", "czf", f"/backups/{name}.tgz", "/srv/data"])
    ```
    Pass a list of arguments without `shell=True`; if a shell is unavoidable, quote every
    outside value with `shlex.quote`.

    ## References
    - [CWE-78: OS Command Injection](https://cwe.mitre.org/data/definitions/78.html)
    - [Python docs: security considerations of subprocess](https://docs.python.org/3/library/subprocess.html#security-considerations)
    - [OWASP: Command Injection](https://owasp.org/www-community/attacks/Command_Injection)
    """

    code = "WW1101"
    name = "subprocess-shell-true"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 78
    message = "`{call}` runs a shell command built from {source}"
    fix = "pass the command as a list without `shell=True`, or quote outside values with `shlex.quote`"
    bandit = ("B602",)
    ruff = ("S602",)
    calls = SUBPROCESS_FUNCTIONS

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if name not in SUBPROCESS_FUNCTIONS:
            return
        given = ctx.keyword(node, "shell")
        shell = truthiness(ctx, given)
        if shell is False or given is None:
            return
        command = ctx.argument(node, 0, "args")
        if command is None or ctx.is_constant(command) or quoted_command(ctx, command):
            return
        if constant_member(ctx, command):
            return  # NOTE: a list the class writes itself, grown only by its own flags
        tags = through_callers(ctx, command)
        if shell is None:
            tags = (*tags, *shell_off_through_callers(ctx, given))
            confidence = Confidence.LOW
        elif is_built_string(command):
            confidence = Confidence.HIGH
        else:
            confidence = Confidence.MEDIUM
        finding = self.finding(
            ctx,
            node,
            severity=operator_severity(ctx, node),
            confidence=confidence,
            call=name,
            source=describe(ctx, command),
        )
        tags = (*tags, *imported_parts(ctx, command), *command_callers(ctx, node))
        tags = (*tags, *program_tag(ctx))
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
