"""`webwarden daemon status|stop`: the server behind `check --daemon`."""

from __future__ import annotations

import glob
import os
import time
from datetime import datetime

import click

from webwarden.daemon import wire
from webwarden.wording import plural

STOP_SECONDS = 30.0
"""How long `stop` waits for the server to write its cache and go."""


@click.group("daemon")
def daemon_group() -> None:
    """The resident process that serves `webwarden check --daemon`."""


@daemon_group.command("status")
def status_command() -> int:
    """Whether a daemon of this webwarden runs, and what it keeps (exit 1: none runs)."""
    path = _socket()
    try:
        answer = wire.ask(path, {"status": True}, timeout=10.0)
    except (OSError, wire.DaemonError):
        click.echo("webwarden daemon: not running")
        return 1
    since = datetime.fromtimestamp(float(answer["since"])).isoformat(timespec="seconds")
    click.echo(
        f"webwarden daemon: running (pid {answer['pid']}, since {since}, "
        f"{plural(int(answer['served']), 'check')} served, socket {path})"
    )
    for project in answer.get("projects", []):
        click.echo(f"  keeps in memory: {project}")
    return 0


@daemon_group.command("stop")
def stop_command() -> int:
    """Stop the daemon, and those other versions of webwarden left (each writes its cache
    first)."""
    mine = _socket()
    folder = os.path.dirname(mine)
    stopped = [path for path in sorted(glob.glob(os.path.join(folder, "*.sock"))) if _stop(path)]
    if not stopped:
        click.echo("webwarden daemon: not running")
    elif stopped == [mine]:
        click.echo("webwarden daemon: stopped")
    else:
        click.echo(f"webwarden daemon: stopped {plural(len(stopped), 'server')}")
    return 0


def _stop(path: str) -> bool:
    """Ask the server at `path` to stop and wait until it has (False: none listened)."""
    try:
        wire.ask(path, {"stop": True}, timeout=STOP_SECONDS)
    except (OSError, wire.DaemonError):
        return False
    deadline = time.monotonic() + STOP_SECONDS
    lock = path.removesuffix(".sock") + ".lock"  # NOTE: the server removes it last
    while os.path.exists(lock) and time.monotonic() < deadline:
        time.sleep(0.02)
    return True


def _socket() -> str:
    try:
        return wire.socket_path()
    except wire.DaemonError as exc:
        raise click.ClickException(str(exc)) from exc
