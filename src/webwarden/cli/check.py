"""`webwarden check`: audit a project tree."""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from webwarden.cli.common import exit_status, report_data, split_codes, write_report
from webwarden.cli.options import (
    SEVERITIES,
    config_options,
    deps_overrides,
    report_options,
    selection_options,
    shared_overrides,
    threshold_options,
)
from webwarden.cli.probe import probe_options, run_probe
from webwarden.collector import cycle_collector_paused
from webwarden.config import Config, load_config
from webwarden.config.loader import FORMATS
from webwarden.daemon import resident
from webwarden.deps.options import with_deps
from webwarden.engine.unchanged import ContentKey, RememberedReport, unchanged_key
from webwarden.findings.baseline import write_baseline
from webwarden.report import ReportData

if TYPE_CHECKING:
    from rich.progress import Progress

    from webwarden.discover import Discovery as Discovery
    from webwarden.engine import Progress as ProgressCallback
    from webwarden.engine import ScanResult
    from webwarden.engine.resident import ResidentCache

PROGRESS_MIN_FILES = 200


def _overrides(options: dict[str, Any]) -> dict[str, Any]:
    """Command-line options as `[tool.webwarden]` keys (only those given)."""
    overrides = shared_overrides(options)
    for option, key in (("extend_select", "extend-select"), ("extend_exclude", "extend-exclude")):
        if options[option]:
            overrides[key] = split_codes(options[option])
    for option, key in (
        ("max_file_size", "max-file-size"),
        ("test_severity", "test-severity"),
        ("baseline", "baseline"),
        ("jobs", "jobs"),
        ("cache_dir", "cache-dir"),
    ):
        if options[option] is not None:
            overrides[key] = options[option]
    if options["report_unused_ignores"]:
        overrides["report-unused-ignores"] = True
    if options["no_other_tool_markers"]:
        overrides["other-tool-markers"] = False
    if options["no_cache"]:
        overrides["cache"] = False
    if options["no_gitignore"]:
        overrides["respect-gitignore"] = False
    return overrides


class _Bar:
    """A transient progress bar on stderr, shown only for long scans on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Progress | None = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_MIN_FILES:
            return
        if self.progress is None:
            # NOTE: rich is imported only when a bar is shown (a terminal, a long scan).
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            from webwarden.report.text import make_console

            self.progress = Progress(
                TextColumn("scanning"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=make_console(sys.stderr),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("scan", total=total)
        self.progress.update(self.task, completed=done)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@report_options(FORMATS)
@selection_options
@threshold_options
@config_options
@click.option("--extend-select", multiple=True, help="Add these rules to the selection.")
@click.option("--extend-exclude", multiple=True, help="More gitignore-style paths to skip.")
@click.option(
    "--test-severity",
    type=click.Choice([*SEVERITIES, "keep"]),
    help=(
        "Cap findings in test code and of development-only dependencies at this severity "
        "[default: low]."
    ),
)
@click.option("--max-file-size", help="Skip (and report) files above this size, e.g. 2MiB.")
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings not in this baseline.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record today's findings as the baseline and exit 0.",
)
@click.option(
    "--report-unused-ignores",
    is_flag=True,
    help="Report `# webwarden: ignore` markers that suppress nothing.",
)
@click.option(
    "--no-other-tool-markers",
    is_flag=True,
    help="Do not honour `# nosec`, `# noqa: S...` or the secret scanners' allowlist markers.",
)
@click.option("--no-gitignore", is_flag=True, help="Scan files that .gitignore excludes.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), help="Worker processes [default: one per CPU]."
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the per-file result cache.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the result cache lives.",
)
@click.option("--no-deps", is_flag=True, help="Skip the dependency audit (`webwarden deps`).")
@click.option(
    "--offline", is_flag=True, help="Dependency audit from the local advisory store only."
)
@click.option(
    "--db",
    type=click.Path(path_type=Path),
    help="Advisory store (or OSV records) to audit against.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "--watch",
    is_flag=True,
    help="Stay running: scan again after every change (Ctrl-C to stop).",
)
@click.option(
    "--daemon",
    is_flag=True,
    help="Have a resident webwarden process run the check (started if none runs; it "
    "keeps results in memory and stops after 30 idle minutes).",
)
@click.option(
    "--url",
    help="Also probe the running app at URL and mark the static findings it confirms.",
)
@probe_options
def check_command(paths: tuple[Path, ...], **options: Any) -> int:
    """Audit the Flask or Django project under PATHS (default: the current directory)."""
    # NOTE: a check builds tens of thousands of objects that refcounting frees (one per
    # file found, the engine's modules when a scan runs); the collector's passes over
    # them are pure overhead, and not only inside `scan`.
    with cycle_collector_paused():
        return _check(paths, options)


def _config(paths: tuple[Path, ...], options: dict[str, Any]) -> Config:
    """The configuration the options and configuration files give."""
    config = load_config(
        list(paths),
        config_file=options["config_file"],
        isolated=options["isolated"],
        overrides=_overrides(options),
    )
    deps = deps_overrides(options)
    if options["no_deps"]:
        deps["enabled"] = False
    if config.per_file_ignores or config.accepted:
        # NOTE: a mistyped code would silence nothing and say nothing. Imported here: the
        # rules are loaded only when something names them.
        from webwarden.rules.registry import validate_codes

        for glob, codes in config.per_file_ignores:
            validate_codes(codes, f"per-file-ignores.{glob}")
        validate_codes((risk.rule for risk in config.accepted), "accepted risk")
    return with_deps(config, deps)


def _refuse_source(target: Path | None, what: str) -> None:
    """An existing Python file named as the report or baseline: a slip of the shell that
    would overwrite code, not a place for a report."""
    if target is not None and target.suffix in {".py", ".pyw"} and target.is_file():
        raise click.UsageError(f"{what} {target} is a Python source file; name another file")


def _check(paths: tuple[Path, ...], options: dict[str, Any]) -> int:
    config = _config(paths, options)
    _refuse_source(config.output, "the report")
    _refuse_source(options["write_baseline"], "the baseline")
    if options["write_baseline"] is not None:
        # NOTE: the new baseline holds every finding, those the old one accepted too.
        config = dataclasses.replace(config, baseline=None)
    started = time.perf_counter()
    targets = list(paths) or [Path.cwd()]
    if options["watch"]:
        if options["url"] or options["write_baseline"] is not None or options["daemon"]:
            raise click.UsageError(
                "--watch cannot be combined with --url, --write-baseline or --daemon"
            )
        from webwarden.cli.watch import watch_and_scan

        return watch_and_scan(targets, lambda: _config(paths, options), options)
    discovery, remembered = _remembered(targets, config, options)
    data = remembered.load() if remembered is not None else None
    if isinstance(data, ReportData):
        data.seconds = time.perf_counter() - started
        write_report(data, config.format, config.output, options["color"])
        return 0 if options["exit_zero"] else exit_status(data.findings, config.fail_on)
    bar = _Bar(enabled=not options["quiet"] and sys.stderr.isatty() and not resident.in_daemon())
    callback: ProgressCallback = bar
    try:
        result = scan(targets, config, callback, discovery, resident.cache_for(config))
    finally:
        bar.stop()
    if options["write_baseline"] is not None:
        count = write_baseline(options["write_baseline"], result.findings)
        click.echo(
            f"webwarden: wrote {count} findings to the baseline {options['write_baseline']}",
            err=True,
        )
        return 0
    data = report_data(result)
    if remembered is not None:
        remembered.keep(data)
    if options["url"]:
        data = _with_probe(result, data, config, options)
    write_report(data, config.format, config.output, options["color"])
    if options["exit_zero"]:
        return 0
    return exit_status(data.findings, config.fail_on)


def scan(
    paths: list[Path],
    config: Any,
    progress: ProgressCallback | None = None,
    discovery: Discovery | None = None,
    cache: ResidentCache | None = None,
) -> ScanResult:
    """`engine.scan`, imported when a scan runs (a reused report needs no analysis)."""
    from webwarden.engine import scan as run_scan

    return run_scan(paths, config, progress, discovery, cache)


def _remembered(
    paths: list[Path], config: Any, options: dict[str, Any]
) -> tuple[Discovery | None, RememberedReport | None]:
    """The files under `paths`, and the last report if this scan may reuse it (with the
    cache on, and not when probing or writing a baseline)."""
    if not config.cache or options["url"] or options["write_baseline"] is not None:
        return None, None
    discovery = resident.discover(paths, config)
    key = unchanged_key(paths, config, discovery)
    if key is None:
        return discovery, None
    return discovery, RememberedReport(config, key, ContentKey(paths, config, discovery))


def _with_probe(
    result: ScanResult, data: ReportData, config: Any, options: dict[str, Any]
) -> ReportData:
    """Probe `--url` (visiting the project's GET routes too) and link the two sides."""
    from webwarden.engine.live import link
    from webwarden.probe.routes import route_paths, scanned_routes

    live = run_probe(options["url"], config, options, route_paths(scanned_routes(result.projects)))
    probe_data = report_data(live.result)
    data.findings = link(result.findings, live.result.findings) + live.result.findings
    data.rules = {**probe_data.rules, **data.rules}
    data.seconds += live.result.seconds
    data.requests = live.record.requests
    data.pages = len(live.record.pages)
    return data
