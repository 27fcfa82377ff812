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
from webwarden.analysis.taint.command_flags import takes_value
from webwarden.analysis.taint.shapes import position_of
from webwarden.analysis.taint.values import Taint, Value, approximate, union

OPTIONS = "<options>"
"""The part of an argument list holding what its program may read as options; its kind is
the program's name, with `ENDED` after it once a `--` ended the options."""
ENDED = "<ended>"

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
        "nmap",  # `-oN file`, `--script=` (Lua it runs), `-iL file`, `--datadir=`
        "sslscan",  # `--xml=file`
        "rg",  # `--pre=command` (run on every file searched), `--pre-glob`
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
    read, ended = _read(program, elts[1:], values[1:], elts[0])
    return Value(union(*read), kind=program + ENDED if ended else program)


def options_added(options: Value, added: ir.Expr, value: Value, *, one: bool) -> Value:
    """The `OPTIONS` part of an argument list once more is added to its end: `value`, the
    list `+` or `.extend()` adds (a display's elements are read as a display's are), or
    (`one`) the element `.append()` adds. What is added after an option written alone in
    the list is not told apart from an option: it is read approximately."""
    if options.kind.endswith(ENDED):
        return options
    if one:
        added, value = ir.Seq("list", (added,)), Value(parts={"#0": value}, kind="<list>")
    if isinstance(added, ir.Seq) and not any(isinstance(e, ir.Star) for e in added.elts):
        values = [position_of(value, index) for index in range(len(added.elts))]
        read, ended = _read(options.kind, added.elts, values, None)
        taint = approximate(union(*read))
    else:
        taint, ended = approximate(value.whole()), False
    kind = options.kind + ENDED if ended else options.kind
    return Value(union(options.taint, taint), kind=kind)


def _read(
    program: str, elts: Sequence[ir.Expr], values: Sequence[Value], before: ir.Expr | None
) -> tuple[list[Taint], bool]:
    """The data of the elements a program may read as options, and whether a `--` ended
    its options among them."""
    read: list[Taint] = []
    for elt, value in zip(elts, values, strict=True):
        if isinstance(elt, ir.Const) and elt.value in _END_OF_OPTIONS:
            return read, True
        if not (before is not None and _takes_value(program, before)) and not (
            isinstance(elt, ir.Fmt) and elt.prefix
        ):
            # NOTE: a spread's own `--` is not seen: what it holds is read approximately.
            taint = value.whole()
            read.append(approximate(taint) if isinstance(elt, ir.Star) else taint)
        before = elt
    return read, False


def _takes_value(program: str, before: ir.Expr) -> bool:
    """An option written without its value (`"-m"`, `"--branch"`), which may read the
    next argument as that value (not one of the program's flags: `command_flags`)."""
    return (
        isinstance(before, ir.Const)
        and isinstance(before.value, str)
        and before.value.startswith("-")
        and len(before.value) > 1
        and before.value not in _END_OF_OPTIONS
        and "=" not in before.value
        and takes_value(program, before.value)
    )
