"""The server behind `webwarden check --daemon` (`python -m webwarden.daemon.server SOCKET IDLE`).

It answers one request at a time: a check runs in this process as the command line would
run it (the client's arguments, folder and environment; its output captured and sent
back), with each project's results kept in memory between checks (`ResidentCache`,
as `check --watch` keeps them). The cache is written through to the database after the
answer is sent, so a later one-shot `check` finds it there. It stops after IDLE seconds
without a request, on `webwarden daemon stop`, or on SIGTERM.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Iterator
from typing import Any

from webwarden.collector import cycle_collector_paused
from webwarden.daemon import client, resident
from webwarden.daemon.wire import DaemonError, receive, send


class _Output(io.StringIO):
    """A captured stream that is a terminal when the client's is (colours, widths); what
    it is given goes to `written`, shared by both streams, so that the client prints
    warnings and report in the order a check without the daemon prints them."""

    def __init__(self, stream: str, terminal: bool, written: list[tuple[str, str]]) -> None:
        super().__init__()
        self.stream = stream
        self.terminal = terminal
        self.written = written

    def isatty(self) -> bool:
        return self.terminal

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            # NOTE: as a text stream does: click tells text streams from binary ones by
            # writing b"" to them.
            raise TypeError(f"string argument expected, got {type(text).__name__!r}")
        if text:
            self.written.append((self.stream, text))
        return len(text)


class Server:
    """The requests served and the project caches kept."""

    def __init__(self) -> None:
        self.started = time.time()
        self.served = 0
        self.caches = resident.Caches()

    def answer(self, request: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """The answer to `request`, and whether to stop after sending it."""
        if request.get("stop"):
            return {"stopped": True, "pid": os.getpid()}, True
        if request.get("status"):
            return self.status(), False
        return self.check(request), False

    def status(self) -> dict[str, Any]:
        """What `webwarden daemon status` shows."""
        return {
            "pid": os.getpid(),
            "since": self.started,
            "served": self.served,
            "projects": [str(path) for path in self.caches.projects()],
        }

    def check(self, request: dict[str, Any]) -> dict[str, Any]:
        """Run the client's `check` here; its output and exit status."""
        from webwarden.cli import main

        argv = [str(word) for word in request.get("argv", [])]
        if not client.servable(argv):
            refusal = "webwarden: error: a daemon runs checks only\n"
            return {"exit": 2, "written": [("stderr", refusal)]}
        written: list[tuple[str, str]] = []
        stdout = _Output("stdout", bool(request.get("stdout_tty")), written)
        stderr = _Output("stderr", bool(request.get("stderr_tty")), written)
        with _as_client(request, stdout, stderr), resident.serving(self.caches):
            try:
                status = main(argv)
            except SystemExit as exc:  # NOTE: a server outlives any one check
                status = exc.code if isinstance(exc.code, int) else 2
        self.served += 1
        return {"exit": status, "written": written}


@contextlib.contextmanager
def _as_client(request: dict[str, Any], stdout: io.StringIO, stderr: io.StringIO) -> Iterator[None]:
    """The client's folder, environment and streams for the time of one request."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    saved_streams = sys.stdout, sys.stderr
    root = logging.getLogger()
    saved_logging = root.level, list(root.handlers)
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in dict(request.get("env", {})).items()})
    try:
        os.chdir(str(request.get("cwd", "/")))
        sys.stdout, sys.stderr = stdout, stderr
        yield
    finally:
        sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        root.setLevel(saved_logging[0])
        root.handlers[:] = saved_logging[1]


def serve(path: str, idle: float) -> int:
    """Listen at `path` until `idle` seconds pass without a request or a stop request;
    exit 0 at once when another server of this webwarden holds the place."""
    stem = path.removesuffix(".sock")
    with open(stem + ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return 0
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)  # NOTE: left by a server that was killed; the lock says none runs
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        os.chmod(path, 0o600)
        listener.listen(8)
        listener.settimeout(idle)
        server = Server()
        previous = signal.signal(signal.SIGTERM, _interrupted)
        try:
            _loop(listener, server)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)
            listener.close()
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
            server.caches.shutdown()
            _tidy(stem)
    return 0


def _tidy(stem: str) -> None:
    """Remove the lock file, and the log when nothing was written to it (each version of
    webwarden has its own: they would pile up)."""
    with contextlib.suppress(OSError):
        os.unlink(stem + ".lock")
        if os.path.getsize(stem + ".log") == 0:
            os.unlink(stem + ".log")


def _loop(listener: socket.socket, server: Server) -> None:
    while True:
        try:
            connection, _ = listener.accept()
        except TimeoutError:
            return
        # NOTE: the collector stays paused until the answer is out: resumed when the
        # check ends, its first pass would walk every object the check left alive (what
        # the server keeps for the next one) before the client had its answer. The
        # writes and the collection happen while the client is already printing it.
        with cycle_collector_paused():
            with connection:
                connection.settimeout(None)
                try:
                    answer, stop = server.answer(receive(connection))
                    send(connection, answer)
                except (DaemonError, OSError, ValueError) as exc:
                    print(f"webwarden daemon: a request failed: {exc}", file=sys.stderr)
                    continue
            server.caches.flush()
        gc.collect()
        if stop or _Terminated.seen:
            return


class _Terminated:
    """Whether SIGTERM came (during a check, whose `main` turns the interruption into an
    "interrupted" answer, the server must still stop after it)."""

    seen = False


def _interrupted(number: int, frame: object) -> None:
    _Terminated.seen = True
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    """`python -m webwarden.daemon.server SOCKET IDLE_SECONDS`."""
    sys.argv[0] = "webwarden"
    return serve(argv[0], float(argv[1]))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
