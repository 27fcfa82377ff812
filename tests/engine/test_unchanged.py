"""Reusing the last report: only when nothing the scan reads has changed."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import run_cli
from webwarden.cli import check as check_module
from webwarden.config import load_config
from webwarden.deps.options import with_deps
from webwarden.discover import again as again_module
from webwarden.discover import discover
from webwarden.engine.store import cache_path
from webwarden.engine.unchanged import local_key, unchanged_key

VIEW = """\
import subprocess

def run(command):
    subprocess.run(command, shell=True)
"""


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per scan that really ran (the report was not reused)."""
    ran: list[int] = []
    real = check_module.scan

    def counting(*args: object, **kwargs: object) -> object:
        ran.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(check_module, "scan", counting)
    return ran


def _check(project: Path, cache: Path, *extra: str) -> list[tuple[str, str, int]]:
    result = run_cli(
        ["check", str(project), "--format", "json", "--cache-dir", str(cache), "--offline", *extra]
    )
    assert result.status in {0, 1}, result.stderr
    findings = json.loads(result.stdout)["findings"]
    return [(f["code"], f["location"]["path"], f["location"]["line"]) for f in findings]


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    project.mkdir()
    (project / "a.py").write_text(VIEW)
    (project / "b.py").write_text("x = 1\n")
    return project


def test_an_unchanged_project_reuses_the_report(tmp_path: Path, scans: list[int]) -> None:
    project = _project(tmp_path)
    first = _check(project, tmp_path / "c")
    assert first
    assert scans == [1]
    assert _check(project, tmp_path / "c") == first
    assert scans == [1]


def _touch(project: Path) -> None:
    path = project / "a.py"
    before = path.stat()
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))


def _rewrite(project: Path) -> None:
    """A checkout and its way back: every file written again with the same bytes."""
    for path in project.iterdir():
        text = path.read_bytes()
        path.unlink()
        path.write_bytes(text)


@pytest.mark.parametrize("change", [_touch, _rewrite])
def test_files_touched_but_not_changed_reuse_the_report(
    tmp_path: Path, scans: list[int], change: Callable[[Path], None]
) -> None:
    project = _project(tmp_path)
    (project / "notes.bin").write_bytes(bytes(range(256)))  # NOTE: a file no rule reads
    first = _check(project, tmp_path / "c")
    change(project)
    assert _check(project, tmp_path / "c") == first
    assert _check(project, tmp_path / "c") == first
    assert scans == [1]


def _edit(project: Path) -> None:
    (project / "b.py").write_text(VIEW)


def _add(project: Path) -> None:
    (project / "c.py").write_text(VIEW)


def _delete(project: Path) -> None:
    (project / "a.py").unlink()


def _same_size_edit(project: Path) -> None:
    path = project / "a.py"
    before = path.stat()
    path.write_text(VIEW.replace("shell=True", "shell=Tru3"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))


def _configure(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.webwarden]\nignore = ["WW1101"]\n')


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(_edit, id="edit"),
        pytest.param(_add, id="new-file"),
        pytest.param(_delete, id="deleted-file"),
        pytest.param(_same_size_edit, id="same-size-edit"),
        pytest.param(_configure, id="configuration"),
    ],
)
def test_any_change_runs_the_scan(
    tmp_path: Path, scans: list[int], change: Callable[[Path], None]
) -> None:
    project = _project(tmp_path)
    _check(project, tmp_path / "c")
    change(project)
    warm = _check(project, tmp_path / "c")
    assert scans == [1, 1]
    assert warm == _check(project, tmp_path / "cold")


def test_options_that_change_findings_run_the_scan(tmp_path: Path, scans: list[int]) -> None:
    project = _project(tmp_path)
    everything = _check(project, tmp_path / "c")
    # NOTE: the report's format does not change the findings: the report is reused.
    cache = str(tmp_path / "c")
    result = run_cli(
        ["check", str(project), "--format", "sarif", "--cache-dir", cache, "--offline"]
    )
    assert '"ruleId": "WW1101"' in result.stdout
    assert scans == [1]
    only = _check(project, tmp_path / "c", "--select", "WW000")
    assert only != everything
    assert scans == [1, 1]


def _messages(project: Path, cache: Path) -> list[str]:
    result = run_cli(
        ["check", str(project), "--format", "json", "--cache-dir", str(cache), "--offline"]
    )
    return sorted(f["message"] for f in json.loads(result.stdout)["findings"])


def test_a_new_git_commit_state_runs_the_scan(tmp_path: Path, scans: list[int]) -> None:
    project = _project(tmp_path)
    (project / ".env").write_text("SECRET_KEY=q8Zr3Lw0Tn5Vb7Xc2Md9Pf4Hs6Jk1Gy\n")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-C", str(project)]
    subprocess.run([*git, "init", "-q"], check=True)
    before = _messages(project, tmp_path / "c")
    assert any("is not ignored by git" in m for m in before)
    subprocess.run([*git, "add", ".env"], check=True)
    after = _messages(project, tmp_path / "c")
    assert scans == [1, 1]
    assert any("is committed to git" in m for m in after)
    assert after == _messages(project, tmp_path / "cold")


def test_an_unreadable_remembered_report_runs_the_scan(tmp_path: Path, scans: list[int]) -> None:
    project = _project(tmp_path)
    first = _check(project, tmp_path / "c")
    database = cache_path(tmp_path / "c", project)
    with sqlite3.connect(database) as db:
        db.execute("UPDATE blobs SET value = ? WHERE name LIKE 'report%'", (b"not a pickle",))
    assert _check(project, tmp_path / "c") == first
    assert scans == [1, 1]


def test_no_key_when_the_dependency_audit_may_go_online(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WEBWARDEN_OFFLINE", raising=False)
    project = _project(tmp_path)
    (project / "requirements.txt").write_text("django==3.2.0\n")
    base = load_config([project], isolated=True)
    online = with_deps(base, {"cache-dir": str(tmp_path / "no-store-here")})
    assert unchanged_key([project], online, discover([project], online)) is None
    offline = with_deps(online, {"offline": True})
    assert unchanged_key([project], offline, discover([project], offline)) is not None
    # NOTE: what the watcher compares: whether anything on this machine changed.
    local, whole = local_key([project], online, discover([project], online))
    assert not whole
    assert local == local_key([project], online, discover([project], online))[0]
    (project / "a.py").write_text(VIEW + "\n# edited\n", encoding="utf-8")
    assert local != local_key([project], online, discover([project], online))[0]
    (project / "requirements.txt").unlink()
    assert unchanged_key([project], online, discover([project], online)) is not None


def test_a_report_written_into_the_project_is_not_a_change(
    tmp_path: Path, scans: list[int]
) -> None:
    project = _project(tmp_path)
    report = project / "webwarden.json"
    argv = ["check", str(project), "--format", "json", "-o", str(report), "--offline"]
    cache = ["--cache-dir", str(project / "scan-cache")]
    run_cli([*argv, *cache])
    first = json.loads(report.read_text())["findings"]
    run_cli([*argv, *cache])
    assert json.loads(report.read_text())["findings"] == first
    assert scans == [1]
    # NOTE: nor is it audited: its own snippets would otherwise be findings again.
    assert all(f["location"]["path"] == "a.py" for f in first)


@pytest.fixture
def walks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """One entry per walk of the tree (the last check's files were not reused)."""
    made: list[int] = []
    real = again_module.discover_stamped

    def counting(*args: object, **kwargs: object) -> object:
        made.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(again_module, "discover_stamped", counting)
    return made


def _aged_project(tmp_path: Path) -> Path:
    """A git work tree whose folders last changed an hour ago (see `discover.again`)."""
    project = _project(tmp_path)
    (project / ".git").mkdir()
    hour_ago = time.time() - 3600
    for path in (project, project / ".git", project / "a.py", project / "b.py"):
        os.utime(path, (hour_ago, hour_ago))
    return project


def test_a_check_keeps_the_last_walk_while_no_folder_changed(
    tmp_path: Path, walks: list[int]
) -> None:
    project = _aged_project(tmp_path)
    cache = tmp_path / "c"
    _check(project, cache)
    assert walks == [1]
    _edit(project)
    edited = _check(project, cache)
    assert walks == [1]  # NOTE: the edit is found by the file's stats, not by a walk
    assert (
        edited
        == _check(project, tmp_path / "cold")
        == [
            ("WW1101", "a.py", 4),
            ("WW1101", "b.py", 4),
        ]
    )
    (project / "api").mkdir()
    (project / "api" / "views.py").write_text(VIEW)
    added = _check(project, cache)
    assert len(walks) == 3  # NOTE: this check's walk, and the cold check's above
    assert ("WW1101", "api/views.py", 4) in added
    assert added == _check(project, tmp_path / "cold")


def test_an_unreadable_remembered_walk_walks_again(tmp_path: Path, walks: list[int]) -> None:
    project = _aged_project(tmp_path)
    first = _check(project, tmp_path / "c")
    database = cache_path(tmp_path / "c", project)
    with sqlite3.connect(database) as db:
        db.execute("UPDATE blobs SET value = ? WHERE name = 'walk'", (b"not a pickle",))
    _edit(project)
    assert _check(project, tmp_path / "c") == [*first, ("WW1101", "b.py", 4)]
    assert walks == [1, 1]
