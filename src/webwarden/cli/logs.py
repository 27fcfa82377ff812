"""`webwarden logs`: find attacks and abuse in access and application logs."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import click

from webwarden import __version__
from webwarden.cli.common import exit_status, rule_info, split_codes, write_report
from webwarden.config import Config, load_config
from webwarden.config.loader import FORMATS
from webwarden.engine.triage import Triage, apply_configuration
from webwarden.findings import Finding, Severity
from webwarden.findings.fingerprint import with_fingerprints
from webwarden.logs.formats import FORMATS as LOG_FORMATS
from webwarden.logs.monitor import LogRun, monitor_logs
from webwarden.logs.settings import LogSettings, parse_settings
from webwarden.report import ReportData
from webwarden.rules.base import LogNoticeRule, LogRule, Rule
from webwarden.rules.registry import select_rules

SEVERITIES = [s.value for s in Severity]


def _overrides(options: dict[str, Any]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for option, key in (("select", "select"), ("ignore", "ignore")):
        if options[option]:
            overrides[key] = split_codes(options[option])
    for option, key in (
        ("fail_on", "fail-on"),
        ("min_severity", "min-severity"),
        ("min_confidence", "min-confidence"),
        ("output_format", "format"),
        ("output", "output"),
    ):
        if options[option] is not None:
            overrides[key] = options[option]
    return overrides


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
@click.option(
    "--format", "output_format", type=click.Choice(FORMATS), help="Report format [default: text]."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the report to FILE.",
)
@click.option("--select", multiple=True, help="Only these codes, prefixes or names.")
@click.option("--ignore", multiple=True, help="Switch these rules off (comma-separated).")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Exit 1 at or above this severity [default: medium].",
)
@click.option("--exit-zero", is_flag=True, help="Always exit 0 unless webwarden itself fails.")
@click.option(
    "--min-severity", type=click.Choice(SEVERITIES), help="Hide findings below this severity."
)
@click.option(
    "--min-confidence",
    type=click.Choice(["low", "medium", "high"]),
    help="Hide findings below this confidence.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read configuration from this file.",
)
@click.option("--isolated", is_flag=True, help="Ignore every configuration file.")
@click.option("--color/--no-color", default=None, help="Force colours on or off.")
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
        overrides=_overrides(options),
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
