"""`webwarden logs`: find attacks and abuse in access and application logs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import click

from webwarden import __version__
from webwarden.cli.common import exit_status, rule_info, write_report
from webwarden.cli.options import (
    config_options,
    report_options,
    selection_options,
    shared_overrides,
    threshold_options,
)
from webwarden.config import Config, load_config
from webwarden.config.loader import FORMATS
from webwarden.engine.triage import Triage, apply_configuration
from webwarden.findings import Finding
from webwarden.findings.fingerprint import with_fingerprints
from webwarden.logs.formats import FORMATS as LOG_FORMATS
from webwarden.logs.monitor import LogRun, monitor_logs
from webwarden.logs.settings import LogSettings, parse_settings
from webwarden.report import ReportData
from webwarden.rules.base import LogNoticeRule, LogRule, Rule
from webwarden.rules.registry import select_rules


def _settings(config: Config, options: dict[str, Any]) -> LogSettings:
    table = config.extra.get("logs", {})
    assert isinstance(table, dict)  # noqa: S101 - the loader only stores tables here
    overrides: dict[str, Any] = {}
    if options["log_format"] is not None:
        overrides["format"] = options["log_format"]
    if options["access_log_format"] is not None:
        overrides["access-log-format"] = options["access_log_format"]
    if options["show_ips"]:
        overrides["show-ips"] = True
    return parse_settings(table, overrides)


def _not_test_code(path: str) -> bool:
    """Logs are never test code: their findings keep their severity."""
    return False


def _alert(finding: Finding) -> None:
    loc = finding.location
    click.echo(
        f"webwarden: {finding.severity.value.upper()} {finding.code} {finding.name}: "
        f"{finding.message} ({loc.path}:{loc.line})",
        err=True,
    )


def log_report(run: LogRun, findings: list[Finding], config: Config, triage: Triage) -> ReportData:
    """The reporters' view of a log-monitoring run."""
    return ReportData(
        findings=findings,
        rules={rule.code: rule_info(rule) for rule in run.rules},
        root=config.root,
        tool_version=__version__,
        files_found=len(run.files),
        files_analysed=sum(1 for f in run.files if f.format and not f.problem),
        lines=run.lines,
        seconds=run.seconds,
        accepted=triage.accepted,
        filtered=triage.filtered,
        command="logs",
        timeline=run.timeline.render(),
    )


def log_rules(config: Config) -> tuple[type[Rule], ...]:
    """The selected rules that judge logs, with the log monitor's notices."""
    rules = select_rules(config.select, config.extend_select, config.ignore)
    return tuple(r for r in rules if issubclass(r, LogRule | LogNoticeRule))


@click.command("logs")
@click.argument("paths", nargs=-1)
@click.option(
    "--log-format",
    type=click.Choice(LOG_FORMATS),
    help="Format of the logs [default: auto, detected per file].",
)
@click.option("--access-log-format", help="gunicorn's `access_log_format` string of the logs.")
@click.option("--follow", is_flag=True, help="Watch the files grow (like `tail -F`); Ctrl-C ends.")
@click.option("--show-ips", is_flag=True, help="Show client addresses unmasked.")
@report_options(FORMATS)
@selection_options
@threshold_options
@config_options
def logs_command(paths: tuple[str, ...], **options: Any) -> int:
    """Find attacks and abuse in the access or application logs at PATHS.

    PATHS are log files (plain, .gz, .bz2, .xz), directories of them, or `-` for
    standard input. Configuration is read from the current directory's pyproject.toml.
    """
    if not paths:
        raise click.UsageError("give log files, directories, or `-` for standard input")
    config = load_config(
        [Path.cwd()],
        config_file=options["config_file"],
        isolated=options["isolated"],
        overrides=shared_overrides(options),
    )
    settings = _settings(config, options)
    stop = threading.Event() if options["follow"] else None
    run = monitor_logs(
        paths,
        settings,
        log_rules(config),
        config.root,
        stop=stop,
        alert=_alert if stop is not None else None,
    )
    triage = Triage()
    findings = with_fingerprints(apply_configuration(run.findings, config, triage, _not_test_code))
    write_report(
        log_report(run, findings, config, triage), config.format, config.output, options["color"]
    )
    if options["exit_zero"]:
        return 0
    return exit_status(findings, config.fail_on)
