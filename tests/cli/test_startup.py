"""Startup: commands load when run, and a plain scan does not import what it never uses."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.helpers import run_cli
from webwarden import collector, entry
from webwarden.cli import check as check_module
from webwarden.report import REPORTERS, Reporter

COMMANDS = ("check", "daemon", "db", "deps", "explain", "logs", "probe", "rules")


def test_help_lists_every_command_with_its_summary() -> None:
    helped = run_cli(["--help"]).stdout
    listed = [line.split()[0] for line in helped.split("Commands:")[1].splitlines() if line]
    assert listed == list(COMMANDS)
    assert "Audit the Flask or Django project" in helped
    assert "Manage the local advisory store" in helped


def test_unknown_command_is_a_usage_error() -> None:
    result = run_cli(["nope"])
    assert result.status == 2
    assert "No such command 'nope'" in result.stderr


def _imported_after(code: str, cwd: Path) -> set[str]:
    program = f"import sys\n{code}\nimport json; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=cwd,
        env={
            "PYTHONPATH": str(REPO / "src"),
            "PATH": "/usr/bin:/bin",
            "WEBWARDEN_CACHE_DIR": str(cwd / ".cache"),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_importing_the_command_line_loads_no_command(tmp_path: Path) -> None:
    modules = _imported_after("import webwarden.cli", tmp_path)
    assert "webwarden.engine" not in modules
    assert not {"webwarden.cli.check", "webwarden.cli.logs", "webwarden.cli.db"} & modules


def test_the_daemon_client_imports_no_command_line(tmp_path: Path) -> None:
    modules = _imported_after("from webwarden.daemon import client", tmp_path)
    heavy = {"click", "webwarden.cli", "webwarden.findings", "webwarden.engine", "typing"}
    assert not heavy & modules
    assert not {"pathlib", "hashlib", "subprocess"} & modules


def test_a_json_check_does_not_import_unused_libraries(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import os\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("flask==3.0.0\n", encoding="utf-8")
    argv = ["check", ".", "--offline", "--isolated", "--no-cache", "--format", "json", "-o", "r"]
    modules = _imported_after(f"from webwarden.cli import main; main({argv!r})", tmp_path)
    assert "webwarden.engine" in modules
    for unused in ("httpx", "yaml", "jinja2", "rich", "webwarden.logs.monitor"):
        assert unused not in modules, unused


def test_a_check_without_the_dependency_audit_parses_no_version(tmp_path: Path) -> None:
    # NOTE: `packaging` is a tenth of webwarden's import time; only versions need it.
    (tmp_path / "app.py").write_text("import os\nos.system(input())\n")
    argv = ["check", ".", "--no-deps", "--isolated", "--no-cache", "--format", "json", "-o", "r"]
    modules = _imported_after(f"from webwarden.cli import main; main({argv!r})", tmp_path)
    assert "webwarden.rules.registry" in modules
    assert "packaging" not in modules
    findings = json.loads((tmp_path / "r").read_text(encoding="utf-8"))["findings"]
    assert [f["code"] for f in findings] == ["WW1102"]


def test_reporters_load_by_format() -> None:
    assert list(REPORTERS) == ["text", "json", "sarif", "html"]
    assert len(REPORTERS) == 4
    assert all(issubclass(REPORTERS[fmt], Reporter) for fmt in REPORTERS)


def test_a_reused_report_imports_no_analysis(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_text("import os\nos.system(input())\n", encoding="utf-8")
    # NOTE: the report and the cache (in `tmp_path`) lie outside the scanned tree.
    argv = ["check", str(project), "--offline", "--isolated", "--format", "json", "-o", "r"]
    run = f"from webwarden.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n    pass"
    first = _imported_after(run, tmp_path)
    assert "webwarden.engine.pipeline" in first
    report = json.loads((tmp_path / "r").read_text(encoding="utf-8"))["findings"]
    again = _imported_after(run, tmp_path)
    assert json.loads((tmp_path / "r").read_text(encoding="utf-8"))["findings"] == report
    assert report
    for unused in (
        "webwarden.engine.pipeline",
        "webwarden.rules.registry",
        "webwarden.rules.base",
        "webwarden.analysis",
    ):
        assert unused not in again, unused


def test_the_entry_point_spares_the_exit_its_collections(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(collector._Exit, "follows", False)
    monkeypatch.setattr(sys, "argv", ["webwarden", "--version"])
    try:
        with pytest.raises(SystemExit) as done:
            entry.run()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("webwarden, version ")


def test_no_collection_walks_what_a_check_run_as_a_command_leaves_alive(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "app.py").write_text("import subprocess\nsubprocess.run('ls', shell=True)\n")
    options = ["--isolated", "--offline", "--no-cache", "-q", "--format", "json"]
    report = tmp_path / "report.json"
    monkeypatch.setattr(
        sys, "argv", ["webwarden", "check", str(tmp_path), *options, "-o", str(report)]
    )
    monkeypatch.setattr(collector._Exit, "follows", False)
    checked = check_module._check
    done_checking: list[bool] = []
    collections: list[tuple[bool, int]] = []

    def check(*args: object) -> int:
        status = checked(*args)
        done_checking.append(True)
        return status

    def spy(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append((bool(done_checking), gc.get_freeze_count()))

    monkeypatch.setattr(check_module, "_check", check)
    gc.callbacks.append(spy)
    try:
        with pytest.raises(SystemExit) as done:
            entry.run()
    finally:
        gc.callbacks.remove(spy)
        gc.unfreeze()
    assert done.value.code == 0
    assert json.loads(report.read_text())["summary"]["files_found"] == 1
    assert done_checking
    assert all(frozen for after_check, frozen in collections if after_check)


def test_a_check_run_as_a_command_writes_its_whole_report(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("import subprocess\nsubprocess.run('ls', shell=True)\n")
    report = tmp_path / "report.json"
    options = ["--isolated", "--offline", "--no-cache", "--format", "json", "-o", str(report)]
    done = subprocess.run(
        [sys.executable, "-m", "webwarden", "check", str(tmp_path), *options],
        env={"PYTHONPATH": str(REPO / "src"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(report.read_text())["summary"]["files_found"] == 1


def test_a_resident_process_keeps_what_a_pause_leaves_alive_collectable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(collector._Exit, "follows", False)
    with collector.cycle_collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
