"""Test helpers: run the CLI in-process, audit snippets, render snapshots."""

from __future__ import annotations

import io
import signal
import textwrap
from collections.abc import Iterable, Sequence
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from webwarden.cli import main
from webwarden.config import load_config
from webwarden.engine import scan
from webwarden.findings import Finding
from webwarden.rules.registry import get_rule


def interruptible() -> None:
    """`preexec_fn` for a child the test stops with SIGINT, as Ctrl-C would: a shell
    running the suite as a background job ignores SIGINT, and the child would inherit
    that (Python installs its KeyboardInterrupt handler only when SIGINT is not ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@dataclass
class CliResult:
    status: int
    stdout: str
    stderr: str


def run_cli(argv: Sequence[str], env_cwd: Path | None = None) -> CliResult:
    """Run `webwarden argv` in this process; capture its output."""
    out, err = io.StringIO(), io.StringIO()
    import os

    previous = Path.cwd()
    try:
        if env_cwd is not None:
            os.chdir(env_cwd)
        with redirect_stdout(out), redirect_stderr(err):
            status = main(list(argv))
    finally:
        os.chdir(previous)
    return CliResult(status, out.getvalue(), err.getvalue())


def audit(
    paths: Sequence[Path],
    root: Path,
    select: Iterable[str] = (),
    config_file: Path | None = None,
    *,
    with_silenced: bool = False,
    **overrides: Any,
) -> list[Finding]:
    """Findings of a scan relative to `root`, with only `config_file` (if any) read;
    `with_silenced` adds those the project's settings silenced (`Finding.suppressed_by`)."""
    options: dict[str, Any] = {"test-severity": "keep", **overrides}
    if select:
        options["select"] = list(select)
    config = load_config(
        list(paths),
        config_file=config_file,
        isolated=config_file is None,
        root=root,
        overrides=options,
    )
    result = scan(list(paths), config)
    return result.findings + (result.triage.silenced if with_silenced else [])


def audit_source(
    tmp_path: Path, source: str, select: Iterable[str] = (), name: str = "example.py"
) -> list[Finding]:
    """Findings on a dedented snippet saved as `name` under `tmp_path`."""
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(source), encoding="utf-8")
    return audit([target], tmp_path, select)


def assert_findings(
    tmp_path: Path, source: str, expected: list[tuple[int, str]], select: Iterable[str] = ()
) -> None:
    """The snippet gives exactly these (line, code) findings."""
    found = [(f.location.line, f.code) for f in audit_source(tmp_path, source, select)]
    assert found == expected


def assert_no_findings(tmp_path: Path, source: str, select: Iterable[str] = ()) -> None:
    """The snippet gives no finding."""
    assert_findings(tmp_path, source, [], select)


def snapshot(findings: Iterable[Finding], *, with_path: bool, with_flow: bool = False) -> str:
    """The .expected format: one header line per finding, then its source lines (and,
    `with_flow`, the location of each flow step, e.g. a log finding's sample lines). A
    finding whose severity is not its rule's own (lowered in test code or a development
    settings module, raised by a flow of request data) ends its header with it, so a
    change of severity alone fails a fixture as a new or lost finding does."""
    lines: list[str] = []
    for f in sorted(findings, key=lambda f: f.sort_key):
        where = f"{f.location.line}:{f.location.column}"
        if "://" in f.location.path:
            where = f.location.path  # a probe finding: a URL has no lines
        elif with_path:
            where = f"{f.location.path}:{where}"
        silenced = f"  [{f.suppressed_by}]" if f.suppressed_by else ""
        rule = get_rule(f.code)
        moved = f"  (severity {f.severity})" if rule and f.severity != rule.severity else ""
        lines.append(f"{where} {f.code} {f.name}: {f.message}{moved}{silenced}")
        lines.extend(f"    | {line}" for line in f.snippet.splitlines())
        if with_flow:
            lines.extend(f"    > {s.location.path}:{s.location.line}" for s in f.flow)
    return "\n".join(lines) + ("\n" if lines else "")
