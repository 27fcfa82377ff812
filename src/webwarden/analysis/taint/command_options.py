"""Where a program reads options: the arguments of a command list that request data may
turn into an option (`["git", "log", rev]` with `rev = "--output=/etc/cron.d/x"`).

An argument list written as a display whose first element names a program with options
that run commands or write files keeps, as its `OPTIONS` part, the data of the elements
that program may read as options: those before a `--` (or git's `--end-of-options`), not
right after an option that takes them as its value (`"-m", message`), and not written
after fixed text (`f"refs/heads/{branch}"`, whose start is the code's own).
"""

from __future__ import annotations

from collections.abc import Sequence

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import Taint, Value, approximate, union

OPTIONS = "<options>"
"""The part of an argument list holding what its program may read as options; its kind is
the program's name."""

OPTION_PROGRAMS = frozenset(
    {
        "git",  # `--upload-pack=`, `-c core.sshCommand=`, `--output=`
        "hg",  # `--config=hooks...`, `--debugger`
        "svn",  # `--config-option=config:tunnels:ssh=...`
        "ssh",  # `-oProxyCommand=`
        "scp",  # `-S program`, `-oProxyCommand=`
        "sftp",  # `-S program`, `-oProxyCommand=`
        "rsync",  # `-e command`, `--rsync-path=`
        "tar",  # `--to-command=`, `--checkpoint-action=exec=`
        "find",  # `-exec`, `-delete`
        "zip",  # `-TT command`
        "curl",  # `-o file`, `-K config`
        "wget",  # `-O file`, `--execute=`, `--use-askpass=`
        "sendmail",  # `-X logfile`, `-C config`
    }
)
"""Programs with options that run a command or write a file of the caller's choosing."""

_END_OF_OPTIONS = frozenset({"--", "--end-of-options"})


def program_options(elts: Sequence[ir.Expr], values: Sequence[Value]) -> Value | None:
    """The `OPTIONS` part of a list or tuple display (`elts`, evaluated to `values`), or
    None when its first element names no program of `OPTION_PROGRAMS`."""
    first = elts[0] if elts else None
    if not (isinstance(first, ir.Const) and isinstance(first.value, str)):
        return None
    program = first.value.rsplit("/", 1)[-1]
    if program not in OPTION_PROGRAMS:
        return None
    read: list[Taint] = []
    for position in range(1, len(elts)):
        elt, before = elts[position], elts[position - 1]
        if isinstance(elt, ir.Const) and elt.value in _END_OF_OPTIONS:
            break
        if _takes_value(before) or (isinstance(elt, ir.Fmt) and elt.prefix):
            continue
        taint = values[position].whole()
        # NOTE: a spread's own `--` is not seen: what it holds is read approximately.
        read.append(approximate(taint) if isinstance(elt, ir.Star) else taint)
    return Value(union(*read), kind=program)


def _takes_value(before: ir.Expr) -> bool:
    """An option written without its value (`"-m"`, `"--branch"`), which may read the
    next argument as that value."""
    return (
        isinstance(before, ir.Const)
        and isinstance(before.value, str)
        and before.value.startswith("-")
        and len(before.value) > 1
        and before.value not in _END_OF_OPTIONS
        and "=" not in before.value
    )
