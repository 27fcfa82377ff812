"""WW1145: SSH connections that accept any host key."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.switches import TESTING, under_switch
from webwarden.rules.auditing._ssh_options import OPTION, option_entry_off, option_text_off
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_TRUSTING = frozenset(
    f"{module}.{policy}"
    for module in ("paramiko", "paramiko.client")
    for policy in ("AutoAddPolicy", "WarningPolicy")
)
"""Paramiko's policies that accept a host key they have never seen (`WarningPolicy`
logs it, then connects all the same)."""
_ASYNCSSH = frozenset(
    {"asyncssh.connect", "asyncssh.connection.connect", "asyncssh.SSHClientConnectionOptions"}
)


_NAMED = OPTION.lower()
"""The option named anywhere in a file's text, in any case (found in the lowered text: a
search ignoring case runs a character at a time, some forty times slower on every file)."""


class SshHostKeyUnverified(PythonRule):
    """## What it does
    Finds SSH clients that connect to a server whose host key they do not know:
    Paramiko's `set_missing_host_key_policy(AutoAddPolicy())` (or `WarningPolicy`, the
    class or an instance), AsyncSSH's `connect(..., known_hosts=None)`, and OpenSSH's
    `StrictHostKeyChecking` option turned off in the text of a command or configuration
    the code builds (`"ssh -o StrictHostKeyChecking=no"` for `GIT_SSH_COMMAND` or
    `subprocess`, `StrictHostKeyChecking no`) or in a dictionary of options joined into
    one (`{"StrictHostKeyChecking": "no"}`).

    ## Why is this bad?
    The host key is how an SSH client knows it talks to the right server. Accepting any
    key lets whoever sits on the network path pose as the server: they get the password
    or run the commands themselves, and read what is copied.

    ## Known problems
    A policy set in the body of an `if` on a test switch (`if settings.RUNNING_TEST:`,
    `if app.testing:`) is reported at low severity, and so is an SSH option written
    there: it is what the test suite runs.
    `StrictHostKeyChecking=accept-new` is not reported: it trusts a server's first key
    but refuses a changed one. Docstrings naming the option are not read.

    ## Example
    ```python
    import paramiko

    def run_backup(host, key_file):
        client = paramiko.SSHClient()
        client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        client.connect(host, username="backup", key_filename=key_file)
        return client.exec_command("backup --all")
    ```

    ## Fix
    ```python
    import paramiko

    def run_backup(host, key_file):
        client = paramiko.SSHClient()
        client.load_system_host_keys()
        client.set_missing_host_key_policy(paramiko.RejectPolicy())
        client.connect(host, username="backup", key_filename=key_file)
        return client.exec_command("backup --all")
    ```
    Ship the servers' host keys (a `known_hosts` file, `load_host_keys`) and reject
    unknown ones.

    ## References
    - [CWE-295: Improper Certificate Validation](https://cwe.mitre.org/data/definitions/295.html)
    - [Paramiko: host key policies](https://docs.paramiko.org/en/stable/api/client.html#paramiko.client.MissingHostKeyPolicy)
    - [AsyncSSH: known_hosts](https://asyncssh.readthedocs.io/en/latest/api.html#specifying-known-hosts)
    """

    code = "WW1145"
    name = "ssh-host-key-unverified"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 295
    message = "{what}: the server's identity is not checked"
    fix = (
        "load the known host keys and use `RejectPolicy` (AsyncSSH: pass `known_hosts`;"
        " OpenSSH: `StrictHostKeyChecking=yes` with a `known_hosts` file)"
    )
    bandit = ("B507",)
    ruff = ("S507",)
    calls = frozenset({".set_missing_host_key_policy"} | _ASYNCSSH)

    def visit_Module(self, node: ast.Module, ctx: FileContext) -> Iterator[Finding]:
        # NOTE: the strings and dicts are screened here, once the file's text names the
        # option (in any case, as OpenSSH reads it), rather than handed to a visitor one
        # by one: a tree has hundreds of thousands of constants and almost none is it.
        if _NAMED not in ctx.text.lower():
            return
        for constant in ctx.by_type.get(ast.Constant, ()):
            if isinstance(constant, ast.Constant) and option_text_off(constant, ctx):
                yield self._found(ctx, constant, f"`{OPTION}` off accepts any host key")
        for mapping in ctx.by_type.get(ast.Dict, ()):
            key = option_entry_off(mapping) if isinstance(mapping, ast.Dict) else None
            if key is not None:
                yield self._found(ctx, key, f"`{OPTION}` off accepts any host key")

    def _found(self, ctx: FileContext, node: ast.expr, what: str) -> Finding:
        finding = self.finding(ctx, node, what=what)
        if under_switch(ctx, node, TESTING):
            return lower_for_context(finding, Severity.LOW, "under a test switch")
        return finding

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if name in _ASYNCSSH:
            hosts = ctx.keyword(node, "known_hosts")
            if isinstance(hosts, ast.Constant) and hosts.value is None:
                yield self.finding(ctx, node, what="`known_hosts=None` accepts any host key")
            return
        policy = ctx.argument(node, 0, "policy")
        if isinstance(policy, ast.Call):
            policy = policy.func
        chosen = ctx.qualified(policy) if policy is not None else None
        if chosen in _TRUSTING:
            shown = chosen.rsplit(".", 1)[-1]
            yield self._found(ctx, node, f"`{shown}` accepts any host key")
