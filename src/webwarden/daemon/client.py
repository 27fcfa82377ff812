"""`webwarden check --daemon`, the client side: hand the check to a resident server.

A one-shot `check` after an edit spends most of its time starting Python, importing
webwarden and reading the whole project's results back from the cache. With `--daemon`
the command only sends its arguments, folder and environment to a server that stays up
(`webwarden.daemon.server`, started when none runs) and prints what it answers. The
server keeps webwarden imported and every result in memory between checks, as
`check --watch` does, and stops after `IDLE_SECONDS` without a request or on
`webwarden daemon stop`.

This module imports nothing of webwarden but `wire`: it is what such a check costs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence

from webwarden.daemon.wire import DaemonError, ask, socket_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from webwarden.daemon.wire import Message

IDLE_SECONDS = 1800.0
"""How long a server waits for the next request before it stops (30 minutes); the
environment variable WEBWARDEN_DAEMON_IDLE_SECONDS sets it for a server started anew."""
START_SECONDS = 20.0
"""How long a client waits for the server it started to listen."""
_STARTED: list[object] = []
"""The servers this process started: it never waits for them, and a dropped `Popen` of
a running process warns."""


def wants_daemon(argv: Sequence[str]) -> bool:
    """Whether `argv` is a `check` with `--daemon` (before any `--`) that a daemon may
    serve (`--watch` stays here, where the command line refuses the pair)."""
    return "--daemon" in _options(argv) and servable(argv)


def servable(argv: Sequence[str]) -> bool:
    """Whether a daemon runs `argv`: a `check`, not `--watch` (which never ends)."""
    words = _options(argv)
    commands = [word for word in words if not word.startswith("-")]
    return bool(commands) and commands[0] == "check" and "--watch" not in words


def _options(argv: Sequence[str]) -> list[str]:
    """`argv` up to `--` (what follows are paths)."""
    words = list(argv)
    return words[: words.index("--")] if "--" in words else words


def run_check(argv: Sequence[str]) -> int | None:
    """Serve the `check` in `argv` from the daemon and print its answer; its exit status,
    or None when no daemon can serve it (a one-line warning says why)."""
    words = [word for word in argv if word != "--daemon"]
    try:
        answer = _request(words)
    except (DaemonError, OSError) as exc:
        print(f"webwarden: warning: --daemon: {exc}; checking without it", file=sys.stderr)
        return None
    except KeyboardInterrupt:
        print("webwarden: error: interrupted", file=sys.stderr)
        return 130
    for name, text in answer.get("written", []):
        stream = sys.stderr if name == "stderr" else sys.stdout
        stream.write(str(text))
        stream.flush()
    return int(answer.get("exit", 2))


def _request(argv: list[str]) -> Message:
    path = socket_path()
    request: Message = {
        "argv": argv,
        "cwd": os.getcwd(),
        "env": _environment(),
        "stdout_tty": sys.stdout.isatty(),
        "stderr_tty": sys.stderr.isatty(),
    }
    try:
        return ask(path, request)
    except (FileNotFoundError, ConnectionRefusedError):
        pass
    pid = start(path)
    print(
        f"webwarden: started a daemon (pid {pid}) that keeps results in memory between checks; "
        "`webwarden daemon stop` ends it",
        file=sys.stderr,
    )
    return ask(path, request)


def _environment() -> dict[str, str]:
    """The client's environment, with its terminal's size (the server has no terminal)."""
    env = dict(os.environ)
    if sys.stdout.isatty():
        with contextlib.suppress(OSError):
            size = os.get_terminal_size(sys.stdout.fileno())
            env.setdefault("COLUMNS", str(size.columns))
            env.setdefault("LINES", str(size.lines))
    return env


def _idle_seconds() -> float:
    given = os.environ.get("WEBWARDEN_DAEMON_IDLE_SECONDS")
    if given is None:
        return IDLE_SECONDS
    try:
        seconds = float(given)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise DaemonError(f"WEBWARDEN_DAEMON_IDLE_SECONDS={given!r} is not a number of seconds")
    return seconds


def start(path: str) -> int:
    """Start a server for `path`, detached from this process, and wait until it listens
    (DaemonError when it does not within `START_SECONDS`); the pid of the one that does."""
    import subprocess

    log = path.removesuffix(".sock") + ".log"
    command = [sys.executable, "-m", "webwarden.daemon.server", path, str(_idle_seconds())]
    with open(log, "ab") as output:
        server = subprocess.Popen(  # noqa: S603 - this interpreter, this module
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=output,
            start_new_session=True,
            cwd="/",
        )
    _STARTED.append(server)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError, DaemonError):
            pid = ask(path, {"status": True}, timeout=5.0).get("pid")
            if pid:
                return int(pid)
        if server.poll() not in (None, 0):
            break  # NOTE: 0 is a server that found another one starting: wait for that one
        time.sleep(0.02)
    raise DaemonError(f"the daemon did not start (see {log})")
