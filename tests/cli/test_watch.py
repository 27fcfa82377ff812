"""`webwarden check --watch`: a real process that scans, waits for the operating system to
report changes, and scans again; each report equals a one-shot check of the tree as it
is then."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import interruptible, run_cli

SAFE = "import subprocess\n\ndef f():\n    subprocess.run(['ls'])\n"
UNSAFE = "import subprocess\n\ndef f(cmd):\n    subprocess.run(cmd, shell=True)\n"
WAIT = 60.0


class Watcher:
    """A `check --watch` process and the status lines it prints after each scan."""

    def __init__(
        self,
        root: Path,
        report: Path,
        cache: Path,
        *options: str,
        offline: bool = True,
        **env: str,
    ) -> None:
        argv = [
            sys.executable,
            "-m",
            "webwarden",
            "check",
            str(root),
            "--watch",
            *options,
            *(["--offline"] if offline else []),
            "--format",
            "json",
            "-o",
            str(report),
            "--cache-dir",
            str(cache),
        ]
        environment = {**os.environ, "PYTHONPATH": str(REPO / "src"), **env}
        self.process = subprocess.Popen(
            argv,
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env=environment,
            preexec_fn=interruptible,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def next_scan(self, timeout: float = WAIT) -> str:
        """The status line of the next scan, or its error (failing after `timeout` s)."""
        while True:
            line = self.lines.get(timeout=timeout)
            if "watching for changes" in line:
                return line

    def quiet_for(self, seconds: float) -> bool:
        """Whether no scan finished within `seconds`."""
        try:
            self.next_scan(timeout=seconds)
        except queue.Empty:
            return True
        return False

    def stop(self, how: signal.Signals = signal.SIGINT) -> int:
        self.process.send_signal(how)
        return self.process.wait(timeout=WAIT)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=WAIT)
        assert self.process.stderr is not None
        self.process.stderr.close()


@pytest.fixture
def watcher(tmp_path: Path) -> Iterator[tuple[Watcher, Path, Path]]:
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(SAFE, encoding="utf-8")
    (root / ".gitignore").write_text("generated/\n", encoding="utf-8")
    report = tmp_path / "report.json"
    started = Watcher(root, report, tmp_path / "cache", "--isolated")
    try:
        yield started, root, report
    finally:
        started.close()


def _codes(report: Path) -> list[tuple[str, str, int]]:
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    return sorted((f["code"], f["location"]["path"], f["location"]["line"]) for f in findings)


def _one_shot(root: Path, tmp_path: Path) -> list[tuple[str, str, int]]:
    report = tmp_path / "one-shot.json"
    argv = ["check", str(root), "--isolated", "--offline", "--no-cache", "--format", "json"]
    run_cli([*argv, "-o", str(report)])
    return _codes(report)


def test_each_change_is_scanned_again(watcher: tuple[Watcher, Path, Path], tmp_path: Path) -> None:
    process, root, report = watcher
    assert "0 findings," in process.next_scan()
    assert _codes(report) == _one_shot(root, tmp_path) == []
    (root / "app.py").write_text(UNSAFE, encoding="utf-8")
    assert "1 finding," in process.next_scan()
    assert _codes(report) == _one_shot(root, tmp_path) == [("WW1101", "app.py", 4)]
    (root / "more.py").write_text(UNSAFE, encoding="utf-8")
    process.next_scan()
    assert _codes(report) == _one_shot(root, tmp_path)
    assert len(_codes(report)) == 2
    (root / "app.py").write_text(SAFE, encoding="utf-8")
    process.next_scan()
    assert _codes(report) == _one_shot(root, tmp_path) == [("WW1101", "more.py", 4)]
    assert process.stop() == 0


def test_a_change_to_nothing_it_reads_starts_no_scan(
    watcher: tuple[Watcher, Path, Path],
) -> None:
    process, root, _ = watcher
    process.next_scan()
    # NOTE: webwarden skips virtualenvs (by their pyvenv.cfg) and what .gitignore lists:
    # files written there change no finding, so no scan runs.
    (root / "env").mkdir()
    (root / "env" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    (root / "env" / "lib.py").write_text(UNSAFE, encoding="utf-8")
    (root / "generated").mkdir()
    (root / "generated" / "code.py").write_text(UNSAFE, encoding="utf-8")
    assert process.quiet_for(3.0)
    (root / "app.py").write_text(UNSAFE, encoding="utf-8")
    assert "1 finding," in process.next_scan()
    # NOTE: SIGTERM (a supervisor, an editor) ends it as Ctrl-C does.
    assert process.stop(signal.SIGTERM) == 0


def test_its_own_report_in_the_tree_starts_no_scan(tmp_path: Path) -> None:
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(UNSAFE, encoding="utf-8")
    # NOTE: with requirements and no local advisory store the dependency audit asks the
    # OSV API (here a closed port on loopback), so no key can reuse a report; still,
    # writing the report is not a change to scan again for (which would write the
    # report again, and so on).
    (root / "requirements.txt").write_text("flask==3.0.0\n", encoding="utf-8")
    nowhere = tmp_path / "no-advisory-store"
    (root / "pyproject.toml").write_text(
        f'[tool.webwarden.deps]\nosv-url = "http://127.0.0.1:9"\ncache-dir = "{nowhere}"\n',
        encoding="utf-8",
    )
    process = Watcher(
        root, root / "report.json", tmp_path / "cache", offline=False, WEBWARDEN_OFFLINE=""
    )
    try:
        assert "findings" in process.next_scan()
        assert process.quiet_for(3.0)
        assert process.stop() == 0
    finally:
        process.close()


def test_watch_cannot_probe_or_write_a_baseline(tmp_path: Path) -> None:
    result = run_cli(["check", str(tmp_path), "--watch", "--url", "http://127.0.0.1:1"])
    assert result.status == 2
    assert "--watch cannot be combined" in result.stderr


def test_the_configuration_is_read_again_and_a_broken_one_reported(tmp_path: Path) -> None:
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(UNSAFE, encoding="utf-8")
    pyproject = root / "pyproject.toml"
    pyproject.write_text("[tool.webwarden]\n", encoding="utf-8")
    process = Watcher(root, tmp_path / "report.json", tmp_path / "cache")
    try:
        assert "1 finding," in process.next_scan()
        pyproject.write_text("[tool.webwarden\n", encoding="utf-8")
        broken = process.next_scan()
        assert broken.startswith("webwarden: error:")
        assert "pyproject.toml" in broken
        pyproject.write_text('[tool.webwarden]\nignore = ["WW1101"]\n', encoding="utf-8")
        assert "0 findings," in process.next_scan()
        assert process.stop() == 0
    finally:
        process.close()


def test_an_edit_updates_the_files_found_without_a_walk(tmp_path: Path) -> None:
    from watchfiles import Change

    from webwarden.cli.watch import _restat
    from webwarden.config import load_config
    from webwarden.discover import discover

    (tmp_path / "app.py").write_text(SAFE, encoding="utf-8")
    (tmp_path / "views.py").write_text(SAFE, encoding="utf-8")
    seen = discover([tmp_path], load_config([tmp_path], isolated=True, root=tmp_path))
    edited = tmp_path / "views.py"
    edited.write_text(UNSAFE + "# longer\n", encoding="utf-8")
    again = _restat(seen, {(Change.modified, str(edited))})
    assert again is not None
    assert [(f.relpath, f.size) for f in again.files] == [
        ("app.py", len(SAFE)),
        ("views.py", edited.stat().st_size),
    ]
    # NOTE: anything that may change what a walk finds walks again.
    assert _restat(seen, {(Change.added, str(edited))}) is None
    assert _restat(seen, {(Change.modified, str(tmp_path / "new.py"))}) is None
    assert _restat(seen, {(Change.modified, str(tmp_path))}) is None


def test_polling_finds_changes_too(tmp_path: Path) -> None:
    root = tmp_path / "app"
    root.mkdir()
    (root / "app.py").write_text(SAFE, encoding="utf-8")
    process = Watcher(
        root,
        tmp_path / "report.json",
        tmp_path / "cache",
        "--isolated",
        WATCHFILES_FORCE_POLLING="1",
    )
    try:
        assert "0 findings," in process.next_scan()
        (root / "app.py").write_text(UNSAFE, encoding="utf-8")
        assert "1 finding," in process.next_scan()
        assert process.stop() == 0
    finally:
        process.close()


def test_without_change_notifications_it_polls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import watchfiles

    from webwarden.cli.watch import watch_and_scan
    from webwarden.config import load_config
    from webwarden.deps.options import with_deps

    (tmp_path / "app.py").write_text(SAFE, encoding="utf-8")
    asked: list[bool | None] = []

    def limited(*paths: object, force_polling: bool | None = None, **options: object):  # type: ignore[no-untyped-def]
        # NOTE: stands in for the operating system's limit on watches, which a test
        # cannot reach without changing the machine's settings.
        asked.append(force_polling)
        if force_polling is None:
            raise OSError("OS file watch limit reached")
        (tmp_path / "app.py").write_text(UNSAFE, encoding="utf-8")
        yield {(watchfiles.Change.modified, str(tmp_path / "app.py"))}
        raise KeyboardInterrupt

    monkeypatch.setattr(watchfiles, "watch", limited)

    def load() -> object:
        config = load_config([tmp_path], isolated=True, root=tmp_path, overrides={"cache": False})
        return with_deps(config, {"offline": True})

    assert watch_and_scan([tmp_path], load, {"color": False}) == 0  # type: ignore[arg-type]
    assert asked == [None, True]
    lines = capsys.readouterr().err.splitlines()
    assert "0 findings," in lines[0]
    assert lines[1].startswith("webwarden: warning: cannot be told of changes")
    assert "polling instead" in lines[1]
    assert "1 finding," in lines[2]
