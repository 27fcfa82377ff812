"""WW1147: files and folders made writable by every user of the machine."""

from __future__ import annotations

import ast
import stat
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import walk
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_OS_CHMOD = frozenset({"os.chmod", "os.fchmod", "os.lchmod"})
_UMASK = "`os.umask({mask})` does not mask the world write bit: files the process creates are writable by every user"


class WorldWritablePermissions(PythonRule):
    """## What it does
    Finds permission changes that let every user of the machine write the file or
    folder: `os.chmod(path, 0o777)`, `os.fchmod`, `Path.chmod(0o666)`, an SFTP client's
    `chmod(path, mode)`, with the mode written as a number or with `stat` flags
    (`stat.S_IRWXU | stat.S_IWOTH`); and, at medium severity, `os.umask(0)` (any mask
    without the world write bit), after which every file the process creates with the
    default mode (`0o666`) is world-writable. Reading the umask (`old = os.umask(0)`,
    then `os.umask(old)`, or a mask computed from it: `os.umask(old | 0o077)`) is not
    reported.

    ## Why is this bad?
    Any local account, and any other service on the host, can then change the file:
    replace an uploaded file or a script the app runs, add to a config file, or put its
    own code in a folder the app imports from.

    ## Known problems
    Modes given to `os.mkdir`, `os.makedirs` and `os.open` are not reported: the
    process's umask clears the group and world write bits from them (a umask that does
    not is reported itself).

    ## Example
    ```python
    import os

    def save_upload(path, data):
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o777)
    ```

    ## Fix
    ```python
    import os

    def save_upload(path, data):
        with open(path, "wb") as f:
            f.write(data)
        os.chmod(path, 0o640)
    ```

    ## References
    - [CWE-732: Incorrect Permission Assignment for Critical Resource](https://cwe.mitre.org/data/definitions/732.html)
    - [Python docs: os.chmod](https://docs.python.org/3/library/os.html#os.chmod)
    """

    code = "WW1147"
    name = "world-writable-permissions"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 732
    message = "`{call}` sets mode {mode}: every user of the machine can write it"
    fix = "drop the world write bit (`0o640` for files, `0o750` for folders)"
    bandit = ("B103",)
    ruff = ("S103",)
    calls = frozenset({*_OS_CHMOD, "os.umask", ".chmod"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node) or ""
        if name == "os.umask":
            mask = _mode(ctx, ctx.argument(node, 0, "mask"))
            if mask is not None and not mask & stat.S_IWOTH and not _restored(ctx, node):
                yield self.finding(
                    ctx, node, severity=Severity.MEDIUM, message=_UMASK, mask=oct(mask)
                )
            return
        if name in _OS_CHMOD or len(node.args) + len(node.keywords) >= 2:
            given = ctx.argument(node, 1, "mode")
        else:
            given = ctx.argument(node, 0, "mode")
        mode = _mode(ctx, given)
        if mode is not None and mode & stat.S_IWOTH:
            shown = name if name in _OS_CHMOD else "chmod"
            yield self.finding(ctx, node, call=shown, mode=oct(mode))


def _restored(ctx: FileContext, node: ast.Call) -> bool:
    """`old = os.umask(0)` then `os.umask(old)`: the way to read the umask (there is no
    getter), which puts it back at once; also a mask computed from the old one
    (`os.umask(old | 0o077)`, `os.umask(old and 0o077)`), which a daemon sets next."""
    kept = ctx.assigned_name(node)
    if kept is None:
        return False
    scope = ctx.scopes.enclosing_function(node) or ctx.tree
    return any(
        isinstance(call, ast.Call)
        and call is not node
        and ctx.call_name(call) == "os.umask"
        and any(
            isinstance(n, ast.Name) and n.id == kept
            for given in (*call.args, *(k.value for k in call.keywords))
            for n in ast.walk(given)
        )
        for call in walk(scope)
    )


def _mode(ctx: FileContext, node: ast.expr | None) -> int | None:
    """The mode `node` gives: a number, or `stat` flags joined with `|`."""
    if node is None:
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        left, right = _mode(ctx, node.left), _mode(ctx, node.right)
        return None if left is None or right is None else left | right
    qualified = ctx.qualified(node) or ""
    if qualified.startswith("stat.S_"):
        flag = getattr(stat, qualified[5:], None)
        return flag if isinstance(flag, int) else None
    value = ctx.evaluate(node)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
