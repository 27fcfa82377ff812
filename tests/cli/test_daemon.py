"""`webwarden check --daemon`: a real client hands its check to a real server process,
which keeps results in memory between checks; every answer equals a one-shot check of
the tree as it is then."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import interruptible, run_cli
from webwarden import entry
from webwarden.daemon import client, resident, server, wire
from webwarden.daemon.server import Server

SAFE = "import subprocess\n\ndef f():\n    subprocess.run(['ls'])\n"
UNSAFE = "import subprocess\n\ndef f(cmd):\n    subprocess.run(cmd, shell=True)\n"
WAIT = 60.0


class Daemon:
    """Runs `webwarden` commands as processes that share one private daemon folder."""

    def __init__(self, folder: Path, **env: str) -> None:
        self.folder = folder
        self.env = {
            **os.environ,
            "PYTHONPATH": str(REPO / "src"),
            "WEBWARDEN_DAEMON_DIR": str(folder),
            **env,
        }

    def run(self, *argv: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "webwarden", *argv],
            env=self.env,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )

    def check(self, root: Path, report: Path, *options: str) -> subprocess.CompletedProcess[str]:
        argv = ["check", str(root), "--daemon", "--isolated", "--offline", *options]
        return self.run(*argv, "--format", "json", "-o", str(report))

    def pid(self) -> int | None:
        status = self.run("daemon", "status")
        if status.returncode != 0:
            return None
        return int(status.stdout.split("pid ")[1].split(",")[0])


@pytest.fixture
def daemon() -> Iterator[Daemon]:
    # NOTE: a short folder of its own (a Unix socket's path is limited to ~104 bytes).
    folder = Path(tempfile.mkdtemp(prefix="wwd-", dir="/tmp"))
    started = Daemon(folder)
    try:
        yield started
    finally:
        pid = started.pid()
        started.run("daemon", "stop")
        if pid is not None and _alive(pid):
            os.kill(pid, 9)
        shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    """Whether the process runs (a zombie, ended but not yet reaped, does not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _ended(pid: int) -> bool:
    """Whether the process ends within `WAIT` seconds."""
    deadline = time.monotonic() + WAIT
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _project(tmp_path: Path, source: str = SAFE) -> Path:
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(source, encoding="utf-8")
    return root


def _codes(report: Path) -> list[tuple[str, str, int]]:
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    return sorted((f["code"], f["location"]["path"], f["location"]["line"]) for f in findings)


def _one_shot(root: Path, tmp_path: Path, *options: str) -> tuple[int, list[tuple[str, str, int]]]:
    report = tmp_path / "one-shot.json"
    argv = ["check", str(root), "--isolated", "--offline", "--no-cache", *options]
    status = run_cli([*argv, "--format", "json", "-o", str(report)]).status
    return status, _codes(report)


def test_each_check_equals_a_one_shot_check(daemon: Daemon, tmp_path: Path) -> None:
    root = _project(tmp_path)
    report = tmp_path / "daemon.json"
    cache = ("--cache-dir", str(tmp_path / "cache"))
    first = daemon.check(root, report, *cache)
    assert first.returncode == 0, first.stderr
    assert (0, _codes(report)) == _one_shot(root, tmp_path) == (0, [])
    for source in (UNSAFE, SAFE, UNSAFE):
        (root / "app.py").write_text(source, encoding="utf-8")
        served = daemon.check(root, report, *cache)
        assert (served.returncode, _codes(report)) == _one_shot(root, tmp_path)
    assert _codes(report) == [("WW1101", "app.py", 4)]
    # NOTE: a function added in a second module, called from the first: the taint
    # analysis's record from the earlier checks must not hide the new flow.
    (root / "views.py").write_text(
        "from flask import Flask, request\nfrom helpers import run\napp = Flask(__name__)\n\n"
        "@app.route('/')\ndef index():\n    return run(request.args['q'])\n",
        encoding="utf-8",
    )
    (root / "helpers.py").write_text(
        "import subprocess\n\ndef run(cmd):\n    return subprocess.check_output(cmd, shell=True)\n",
        encoding="utf-8",
    )
    served = daemon.check(root, report, *cache)
    assert (served.returncode, _codes(report)) == _one_shot(root, tmp_path)
    status = daemon.run("daemon", "status")
    assert status.returncode == 0
    assert "5 checks served" in status.stdout
    assert "keeps in memory:" in status.stdout


def test_output_and_exit_status_come_back(daemon: Daemon, tmp_path: Path) -> None:
    root = _project(tmp_path, UNSAFE)
    served = daemon.run("check", str(root), "--daemon", "--isolated", "--offline", "--no-cache")
    plain = daemon.run("check", str(root), "--isolated", "--offline", "--no-cache")
    assert served.returncode == plain.returncode == 1
    assert "WW1101" in served.stdout
    assert served.stdout.splitlines()[:-1] == plain.stdout.splitlines()[:-1]
    zero = daemon.check(root, tmp_path / "r.json", "--no-cache", "--exit-zero")
    assert zero.returncode == 0


def test_errors_come_back_in_one_line(daemon: Daemon, tmp_path: Path) -> None:
    root = _project(tmp_path)
    started = daemon.check(root, tmp_path / "r.json", "--no-cache")
    assert started.stderr.startswith("webwarden: started a daemon (pid ")
    assert len(started.stderr.splitlines()) == 1
    (root / "pyproject.toml").write_text("[tool.webwarden]\nselect = 3\n", encoding="utf-8")
    served = daemon.run("check", str(root), "--daemon", "--offline", "--no-cache")
    plain = daemon.run("check", str(root), "--offline", "--no-cache")
    assert served.returncode == plain.returncode == 2
    assert served.stderr == plain.stderr
    assert len(served.stderr.splitlines()) == 1
    usage = daemon.run("check", str(root), "--daemon", "--fail-on", "nope")
    assert usage.returncode == 2
    assert "Invalid value for '--fail-on'" in usage.stderr


def test_status_stop_and_idle_end(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="wwd-", dir="/tmp"))
    try:
        # NOTE: idle long enough for the `status` that reads its pid to come first on a
        # loaded machine (Python's start alone can take a second there).
        daemon = Daemon(folder, WEBWARDEN_DAEMON_IDLE_SECONDS="4")
        not_running = daemon.run("daemon", "status")
        assert (not_running.returncode, not_running.stdout) == (
            1,
            "webwarden daemon: not running\n",
        )
        root = _project(tmp_path)
        assert daemon.check(root, tmp_path / "r.json", "--no-cache").returncode == 0
        pid = daemon.pid()
        assert pid is not None
        assert _ended(pid)
        assert daemon.run("daemon", "status").returncode == 1
        assert not list(folder.glob("*.sock"))
        # NOTE: a check after that starts a new server (with the default idle time, so
        # that it cannot end on its own before `stop`); `stop` ends it.
        lasting = Daemon(folder)
        assert lasting.check(root, tmp_path / "r.json", "--no-cache").returncode == 0
        again = lasting.pid()
        assert again is not None
        assert again != pid
        stopped = lasting.run("daemon", "stop")
        assert stopped.stdout == "webwarden daemon: stopped\n"
        assert _ended(again)
        assert not list(folder.iterdir())  # NOTE: no socket, lock or empty log is left
        assert lasting.run("daemon", "stop").stdout == "webwarden daemon: not running\n"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_sigterm_stops_it_tidily(daemon: Daemon, tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert (
        daemon.check(root, tmp_path / "r.json", "--cache-dir", str(tmp_path / "c")).returncode == 0
    )
    pid = daemon.pid()
    assert pid is not None
    os.kill(pid, signal.SIGTERM)
    assert _ended(pid)
    assert not list(daemon.folder.iterdir())
    assert list((tmp_path / "c").glob("*.sqlite3"))


def test_stop_also_stops_servers_of_other_versions(daemon: Daemon, tmp_path: Path) -> None:
    older = daemon.folder / "0badc0de-1.sock"
    command = [sys.executable, "-m", "webwarden.daemon.server", str(older), "60"]
    server = subprocess.Popen(command, env=daemon.env)
    deadline = time.monotonic() + WAIT
    while not older.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert daemon.check(_project(tmp_path), tmp_path / "r.json", "--no-cache").returncode == 0
    assert daemon.run("daemon", "stop").stdout == "webwarden daemon: stopped 2 servers\n"
    assert server.wait(timeout=WAIT) == 0
    assert not list(daemon.folder.iterdir())


def test_a_socket_left_by_a_killed_server_is_replaced(daemon: Daemon, tmp_path: Path) -> None:
    env = {"WEBWARDEN_DAEMON_DIR": str(daemon.folder)}
    path = subprocess.run(
        [sys.executable, "-c", "from webwarden.daemon import wire; print(wire.socket_path())"],
        env={**daemon.env, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as left:
        left.bind(path)  # NOTE: bound and closed, never unlinked: no one listens
    root = _project(tmp_path, UNSAFE)
    served = daemon.check(root, tmp_path / "r.json", "--no-cache")
    assert served.returncode == 1
    assert "warning" not in served.stderr
    assert "started a daemon" in served.stderr
    assert _codes(tmp_path / "r.json") == [("WW1101", "app.py", 4)]


def test_ctrl_c_while_a_daemon_hangs_ends_in_one_line(
    daemon: Daemon, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBWARDEN_DAEMON_DIR", str(daemon.folder))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as hanging:
        hanging.bind(wire.socket_path())  # NOTE: listens, never answers
        hanging.listen(1)
        argv = ["check", str(_project(tmp_path)), "--daemon", "--no-cache"]
        process = subprocess.Popen(
            [sys.executable, "-m", "webwarden", *argv],
            env=daemon.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=interruptible,
        )
        connection, _ = hanging.accept()
        with connection:
            process.send_signal(signal.SIGINT)
            out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 130
    assert (out, err) == ("", "webwarden: error: interrupted\n")


def test_a_folder_others_may_use_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    daemon = Daemon(folder)
    root = _project(tmp_path, UNSAFE)
    served = daemon.check(root, tmp_path / "r.json", "--no-cache")
    assert served.returncode == 1
    assert "is not private to this user" in served.stderr
    assert "checking without it" in served.stderr
    assert _codes(tmp_path / "r.json") == [("WW1101", "app.py", 4)]
    assert not list(folder.iterdir())


@pytest.mark.parametrize("idle", ["soon", "0", "nan"])
def test_an_idle_time_that_is_no_time_is_refused(tmp_path: Path, idle: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="wwd-", dir="/tmp"))
    try:
        daemon = Daemon(folder, WEBWARDEN_DAEMON_IDLE_SECONDS=idle)
        served = daemon.check(_project(tmp_path, UNSAFE), tmp_path / "r.json", "--no-cache")
        assert served.returncode == 1
        assert served.stderr == (
            f"webwarden: warning: --daemon: WEBWARDEN_DAEMON_IDLE_SECONDS={idle!r} is not a "
            "number of seconds; checking without it\n"
        )
        assert daemon.pid() is None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_system_without_unix_sockets_checks_without_a_daemon(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delattr(socket, "AF_UNIX")
    assert client.run_check(["check", ".", "--daemon"]) is None
    assert capsys.readouterr().err == (
        "webwarden: warning: --daemon: this system has no Unix sockets; checking without it\n"
    )


def _entry(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    """The `webwarden` command's entry point, in this process."""
    monkeypatch.setattr(sys, "argv", ["webwarden", *argv])
    with pytest.raises(SystemExit) as done:
        entry.run()
    return int(done.value.code or 0)


def test_the_command_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = Path(tempfile.mkdtemp(prefix="wwd-", dir="/tmp"))
    monkeypatch.setenv("WEBWARDEN_DAEMON_DIR", str(folder))
    monkeypatch.setenv("PYTHONPATH", str(REPO / "src"))  # NOTE: for the server it starts
    argv = ["check", str(_project(tmp_path, UNSAFE)), "--daemon", "--isolated", "--offline"]
    try:
        assert run_cli(["daemon", "status"]).stdout == "webwarden daemon: not running\n"
        assert _entry([*argv, "--no-cache"], monkeypatch) == 1
        out, err = capsys.readouterr()
        assert "WW1101" in out
        assert "started a daemon" in err
        status = run_cli(["daemon", "status"])
        assert status.status == 0
        assert "1 check served" in status.stdout
        assert run_cli(["daemon", "stop"]).stdout == "webwarden daemon: stopped\n"
        # NOTE: where no server can be had, the same entry point checks in this process.
        folder.chmod(0o755)
        assert _entry([*argv, "--no-cache"], monkeypatch) == 1
        out, err = capsys.readouterr()
        assert "WW1101" in out
        assert "is not private to this user" in err
        refused = run_cli(["daemon", "stop"])
        assert refused.status == 2
        assert refused.stderr.endswith("is not private to this user (owner and mode 700)\n")
    finally:
        folder.chmod(0o700)
        run_cli(["daemon", "stop"])
        shutil.rmtree(folder, ignore_errors=True)


def test_watch_is_not_served(tmp_path: Path) -> None:
    result = run_cli(["check", str(tmp_path), "--daemon", "--watch"])
    assert result.status == 2
    assert "--watch cannot be combined with" in result.stderr


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["check", "--daemon"], True),
        (["-v", "check", ".", "--daemon", "-o", "r.json"], True),
        (["check", "--daemon", "--watch"], False),
        (["check", ".", "--", "--daemon"], False),
        (["deps", "--daemon"], False),
        (["check", "."], False),
        ([], False),
    ],
)
def test_which_command_lines_a_daemon_serves(argv: list[str], wanted: bool) -> None:
    assert client.wants_daemon(argv) is wanted


def test_the_server_keeps_one_cache_per_project(tmp_path: Path) -> None:
    """In-process: what a server answers, and the projects it keeps (the least recently
    checked let go past `resident.KEPT`)."""
    server = Server()
    roots = []
    for number in range(resident.KEPT + 1):
        root = tmp_path / f"app{number}"
        root.mkdir()
        (root / "app.py").write_text(UNSAFE, encoding="utf-8")
        roots.append(root)
        request = {
            "argv": ["check", ".", "--isolated", "--offline", "--cache-dir", str(tmp_path / "c")],
            "cwd": str(root),
            "env": dict(os.environ),
            "stdout_tty": False,
            "stderr_tty": False,
        }
        answer, stop = server.answer(request)
        assert (answer["exit"], stop) == (1, False)
        printed = "".join(text for stream, text in answer["written"] if stream == "stdout")
        assert "WW1101" in printed
        server.caches.flush()
    refused, _ = server.answer({"argv": ["db", "update"], "cwd": "/", "env": {}})
    assert refused == {
        "exit": 2,
        "written": [("stderr", "webwarden: error: a daemon runs checks only\n")],
    }
    status, _ = server.answer({"status": True})
    assert status["served"] == resident.KEPT + 1
    assert len(status["projects"]) == resident.KEPT
    assert Path.cwd() != roots[-1]
    assert server.answer({"stop": True})[1] is True
    server.caches.shutdown()


def test_a_quiet_tree_is_not_walked_again(tmp_path: Path) -> None:
    """In-process: while no folder of the project changes, a check keeps the last walk's
    files (an edit is found by their stats); a file added makes it walk again."""
    root = _project(tmp_path, UNSAFE)
    (root / ".git").mkdir()
    hour_ago = time.time() - 3600
    for path in (root, root / ".git", root / "app.py"):
        os.utime(path, (hour_ago, hour_ago))
    server = Server()
    request = {
        "argv": [
            *("check", ".", "--isolated", "--offline", "--format", "json"),
            "--cache-dir",
            str(tmp_path / "c"),
        ],
        "cwd": str(root),
        "env": dict(os.environ),
    }

    def served() -> tuple[object, list[str]]:
        answer, _ = server.answer(request)
        printed = "".join(text for stream, text in answer["written"] if stream == "stdout")
        findings = json.loads(printed)["findings"]
        return answer["exit"], sorted(
            f"{f['location']['path']}:{f['location']['line']}" for f in findings
        )

    assert served() == (1, ["app.py:4"])
    (root / "app.py").write_text(SAFE, encoding="utf-8")
    assert served() == (0, [])
    (root / "tools").mkdir()
    (root / "tools" / "run.py").write_text(UNSAFE, encoding="utf-8")
    assert served() == (1, ["tools/run.py:4"])
    server.caches.shutdown()


def test_a_server_in_this_process(tmp_path: Path) -> None:
    """`serve` itself, driven from a thread: a check, a request it cannot read, a stop."""
    folder = Path(tempfile.mkdtemp(prefix="wwd-", dir="/tmp"))
    path = str(folder / "test.sock")
    root = _project(tmp_path, UNSAFE)
    answers: list[dict[str, object]] = []

    def drive() -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            # NOTE: the socket's file exists from `bind()`, before the server listens.
            with contextlib.suppress(OSError, wire.DaemonError):
                if wire.ask(path, {"status": True}).get("pid"):
                    break
            time.sleep(0.01)
        request = {
            "argv": ["check", str(root), "--isolated", "--offline", "--no-cache"],
            "cwd": str(tmp_path),
            "env": dict(os.environ),
        }
        answers.append(wire.ask(path, request))
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as broken:
            broken.connect(path)
            broken.sendall(b"\x00\x00\x00\x02{")  # NOTE: cut short: the server goes on
        answers.append(wire.ask(path, {"stop": True}))

    thread = threading.Thread(target=drive)
    thread.start()
    try:
        assert server.serve(path, 30.0) == 0
    finally:
        thread.join(WAIT)
        shutil.rmtree(folder, ignore_errors=True)
    assert answers[0]["exit"] == 1
    assert answers[1]["stopped"] is True
    assert not os.path.exists(path)


def test_the_wire_refuses_a_message_cut_short() -> None:
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"\x00\x00\x00\x10{}")
        left.shutdown(socket.SHUT_WR)
        with pytest.raises(wire.DaemonError, match="closed before the message ended"):
            wire.receive(right)
