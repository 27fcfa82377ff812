"""The command line, in-process: exit codes, formats, configuration errors, baselines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO
from tests.helpers import run_cli
from webwarden import __version__

VULNERABLE = "import subprocess\n\ndef f(cmd):\n    subprocess.run(cmd, shell=True)\n"
LOW_ONLY = "import zipfile\n\ndef f(p, t):\n    zipfile.ZipFile(p).extractall(t)\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(VULNERABLE, encoding="utf-8")
    return tmp_path


def test_text_report_and_exit_status(project: Path) -> None:
    result = run_cli(["check", str(project), "--isolated", "--no-color"])
    assert result.status == 1
    assert "app.py" in result.stdout
    assert "4:5  HIGH  WW1101 subprocess-shell-true" in result.stdout
    assert "fix: pass the command as a list" in result.stdout
    assert "1 finding (1 high) in 1 file" in result.stdout


def test_clean_project_exits_zero(tmp_path: Path) -> None:
    (tmp_path / "ok.py").write_text("print('hello')\n", encoding="utf-8")
    result = run_cli(["check", str(tmp_path), "--isolated"])
    assert result.status == 0
    assert "0 findings" in result.stdout


@pytest.mark.parametrize(
    ("options", "status"),
    [
        pytest.param([], 0, id="low-below-default-medium"),
        pytest.param(["--fail-on", "low"], 1, id="fail-on-low"),
        pytest.param(["--fail-on", "low", "--exit-zero"], 0, id="exit-zero"),
    ],
)
def test_fail_on(tmp_path: Path, options: list[str], status: int) -> None:
    (tmp_path / "z.py").write_text(LOW_ONLY, encoding="utf-8")
    assert run_cli(["check", str(tmp_path), "--isolated", *options]).status == status


def test_json_and_sarif_to_files(project: Path, tmp_path: Path, sarif_validator: Any) -> None:
    out = tmp_path / "out"
    json_result = run_cli(
        ["check", str(project), "--isolated", "--format", "json", "-o", str(out / "r.json")]
    )
    assert json_result.status == 1
    assert json_result.stdout == ""
    document = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert [f["code"] for f in document["findings"]] == ["WW1101"]
    run_cli(["check", str(project), "--isolated", "--format", "sarif", "-o", str(out / "r.sarif")])
    sarif_validator.validate(json.loads((out / "r.sarif").read_text(encoding="utf-8")))


def test_format_from_configuration(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.webwarden]\nformat = "json"\n', encoding="utf-8")
    result = run_cli(["check", str(project)])
    assert json.loads(result.stdout)["summary"]["findings"] == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(
            ["check", "--select", "WW9999"], "no rule matches 'WW9999'", id="unknown-code"
        ),
        pytest.param(["check", "--format", "xml"], "Invalid value for '--format'", id="bad-format"),
        pytest.param(
            ["check", "does-not-exist"],
            "does-not-exist: no such file or directory",
            id="missing-path",
        ),
        pytest.param(["explain", "WW9999"], "unknown rule 'WW9999'", id="explain-unknown"),
        pytest.param(["nonsense"], "No such command", id="unknown-command"),
        pytest.param(
            ["check", "--baseline", "missing.json"], "baseline file not found", id="baseline"
        ),
    ],
)
def test_usage_and_configuration_errors(project: Path, argv: list[str], message: str) -> None:
    result = run_cli([*argv, "--isolated"] if argv[0] == "check" else argv, env_cwd=project)
    assert result.status == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_configuration_file(project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.webwarden]\nfail_on = 'x'\n", encoding="utf-8")
    result = run_cli(["check", str(project)])
    assert result.status == 2
    assert "unknown key `fail_on` (did you mean `fail-on`?)" in result.stderr


def test_unwritable_output(project: Path) -> None:
    (project / "blocker").write_text("", encoding="utf-8")
    result = run_cli(
        ["check", str(project), "--isolated", "-o", str(project / "blocker" / "r.txt")]
    )
    assert result.status == 2
    assert "cannot write report" in result.stderr


def test_baseline_workflow(project: Path) -> None:
    baseline = project / "webwarden-baseline.json"
    written = run_cli(["check", str(project), "--isolated", "--write-baseline", str(baseline)])
    assert written.status == 0
    assert "wrote 1 findings to the baseline" in written.stderr
    assert run_cli(["check", str(project), "--isolated", "--baseline", str(baseline)]).status == 0
    (project / "more.py").write_text(VULNERABLE, encoding="utf-8")
    again = run_cli(
        ["check", str(project), "--isolated", "--baseline", str(baseline), "--no-color"]
    )
    assert again.status == 1
    assert "more.py" in again.stdout
    assert "1 in the baseline" in again.stdout
    # Refreshing it keeps what it accepted, and adds what is new.
    refresh = ["--baseline", str(baseline), "--write-baseline", str(baseline)]
    refreshed = run_cli(["check", str(project), "--isolated", *refresh])
    assert "wrote 2 findings to the baseline" in refreshed.stderr
    assert run_cli(["check", str(project), "--isolated", "--baseline", str(baseline)]).status == 0


def test_configured_paths_are_the_configuration_files_own(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.webwarden]\nbaseline = "webwarden-baseline.json"\n', encoding="utf-8"
    )
    # Written before it exists, though the configuration names it; then read from
    # another directory all the same.
    monkeypatch.chdir(project)
    written = run_cli(["check", ".", "--write-baseline", "webwarden-baseline.json"])
    assert "wrote 1 findings to the baseline" in written.stderr, written.stderr
    monkeypatch.chdir(project.parent)
    assert run_cli(["check", str(project)]).status == 0


def test_select_ignore_and_flags(project: Path) -> None:
    assert run_cli(["check", str(project), "--isolated", "--ignore", "WW1101"]).status == 0
    assert run_cli(["check", str(project), "--isolated", "--select", "WW1181,WW540"]).status == 0
    args = ["check", str(project), "--isolated", "--select", "WW1181", "--extend-select", "WW1101"]
    assert run_cli(args).status == 1
    flags = [
        "--min-severity",
        "critical",
        "--min-confidence",
        "high",
        "--test-severity",
        "keep",
        "--max-file-size",
        "1MiB",
        "--report-unused-ignores",
        "--no-other-tool-markers",
        "--no-gitignore",
        "--extend-exclude",
        "build",
        "-q",
    ]
    assert run_cli(["check", str(project), "--isolated", *flags]).status == 0


def test_rules_and_explain() -> None:
    listing = run_cli(["rules"])
    assert listing.status == 0
    assert "WW1101" in listing.stdout
    assert "subprocess-shell-true" in listing.stdout
    rows = json.loads(run_cli(["rules", "--format", "json"]).stdout)
    assert {"code": "WW1101", "name": "subprocess-shell-true"}.items() <= rows[
        [r["code"] for r in rows].index("WW1101")
    ].items()
    page = run_cli(["explain", "subprocess-shell-true"])
    assert page.stdout == (REPO / "docs" / "rules" / "WW1101.md").read_text(encoding="utf-8")


def test_version_and_help() -> None:
    assert run_cli(["--version"]).stdout.strip() == f"webwarden, version {__version__}"
    helped = run_cli(["check", "--help"])
    assert helped.status == 0
    assert "--write-baseline" in helped.stdout


def test_internal_errors_are_one_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr("webwarden.cli.check.scan", broken)
    result = run_cli(["check", str(project), "--isolated"])
    assert result.status == 2
    assert result.stderr.strip() == (
        "webwarden: error: internal error: RuntimeError: kaput (set WEBWARDEN_DEBUG=1 for details)"
    )
    monkeypatch.setenv("WEBWARDEN_DEBUG", "1")
    with pytest.raises(RuntimeError, match="kaput"):
        run_cli(["check", str(project), "--isolated"])


def test_interrupt(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("webwarden.cli.check.scan", interrupted)
    assert run_cli(["check", str(project), "--isolated"]).status == 130


def test_verbose_logging(project: Path) -> None:
    assert run_cli(["-vv", "check", str(project), "--isolated"]).status == 1


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from webwarden.cli import check

    for index in range(check.PROGRESS_MIN_FILES):
        (tmp_path / f"m{index}.py").write_text("x = 1\n", encoding="utf-8")
    bar = check._Bar(enabled=True)
    monkeypatch.setattr(check, "_Bar", lambda enabled: bar)
    assert run_cli(["check", str(tmp_path), "--isolated"]).status == 0
    assert bar.progress is not None


def test_python_dash_m_and_console_script(project: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "webwarden",
            "check",
            str(project),
            "--isolated",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 1
    assert json.loads(completed.stdout)["summary"]["findings"] == 1


def test_html_report(project: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = run_cli(["check", str(project), "--isolated", "--format", "html", "-o", str(output)])
    assert result.status == 1
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert "subprocess-shell-true" in page


@pytest.mark.parametrize(
    ("table", "message"),
    [
        pytest.param(
            'per-file-ignores = { "app.py" = ["WW9999"] }',
            "`per-file-ignores.app.py`: no rule matches 'WW9999'",
            id="per-file-ignores",
        ),
        pytest.param(
            '[[tool.webwarden.ignore]]\nrule = "WW9998"\nreason = "a typo"',
            "`accepted risk`: no rule matches 'WW9998'",
            id="accepted-risk",
        ),
    ],
)
def test_an_unknown_code_in_the_configuration_is_an_error(
    project: Path, table: str, message: str
) -> None:
    (project / "pyproject.toml").write_text(f"[tool.webwarden]\n{table}\n", encoding="utf-8")
    result = run_cli(["check", str(project)])
    assert result.status == 2
    assert message in result.stderr


def test_a_report_or_baseline_never_overwrites_a_python_file(project: Path) -> None:
    source = next(project.glob("*.py"))
    before = source.read_text(encoding="utf-8")
    for option in ("-o", "--write-baseline"):
        result = run_cli(["check", str(project), "--isolated", option, str(source)])
        assert result.status == 2
        assert "is a Python source file" in result.stderr
    assert source.read_text(encoding="utf-8") == before


def test_a_fifo_given_to_check_is_a_notice_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run_cli(["check", str(fifo), "--isolated", "--no-deps", "--format", "json"])
    assert result.status == 0
    (finding,) = json.loads(result.stdout)["findings"]
    assert (finding["code"], finding["message"]) == (
        "WW000",
        "file could not be analysed: not a regular file",
    )


PRETALX_SHAPE = """\
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
SECURE_HSTS_SECONDS = 0
SILENCED_SYSTEM_CHECKS = [
    "security.W004",  # HSTS belongs to the proxy, not Django
]
"""


def test_findings_silenced_by_the_settings_are_listed_not_reported(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(PRETALX_SHAPE, encoding="utf-8")
    argv = ["check", str(tmp_path), "--isolated", "--no-color", "--select", "WW902,WW906"]
    text = run_cli(argv)
    assert "WW906 django-ssl-redirect-off" in text.stdout  # NOTE: W008 is not silenced
    assert "WW902 django-hsts-missing  " not in text.stdout
    assert (
        "suppressed: settings.py:2 WW902 django-hsts-missing: `SECURE_HSTS_SECONDS` is zero:"
        " browsers are not told to use HTTPS only (silenced by SILENCED_SYSTEM_CHECKS:"
        " security.W004 (list at settings.py:3))"
    ) in text.stdout
    assert "1 silenced by SILENCED_SYSTEM_CHECKS" in text.stdout
    report = json.loads(run_cli([*argv, "--format", "json"]).stdout)
    assert [f["code"] for f in report["findings"]] == ["WW906"]
    assert report["summary"]["suppressed"] == 1
    [silenced] = report["suppressed_findings"]
    assert silenced["finding"]["code"] == "WW902"
    assert silenced["finding"]["location"]["line"] == 2
    assert silenced["reason"] == (
        "silenced by SILENCED_SYSTEM_CHECKS: security.W004 (list at settings.py:3)"
    )
