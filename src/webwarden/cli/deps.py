"""`webwarden deps`: the dependency inventory with known vulnerabilities (and `--fix`)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import click

from webwarden.cli.common import exit_status, report_data, write_report
from webwarden.cli.options import SEVERITIES, config_options, deps_overrides, report_options
from webwarden.config import Config, load_config
from webwarden.deps.fix import apply_fixes
from webwarden.deps.model import AuditedDependency, Dependency, Kind
from webwarden.deps.options import with_deps
from webwarden.engine import ScanResult, scan_dependencies
from webwarden.report.cyclonedx import CycloneDxReporter
from webwarden.report.interface import AdvisoryRef, InventoryEntry, ReportData

FORMATS = ("text", "json", "sarif", "html", "cyclonedx")


def shown_version(dependency: Dependency) -> str:
    """The pinned version, or the constraint as written."""
    if dependency.kind is Kind.PINNED:
        return dependency.version or ""
    return dependency.spec_text


def inventory(audited: list[AuditedDependency]) -> list[InventoryEntry]:
    """The inventory rows of an audit, in declaration order."""
    rows = []
    for entry in audited:
        dependency = entry.dependency
        rows.append(
            InventoryEntry(
                name=dependency.name,
                kind=dependency.kind.value,
                version=shown_version(dependency),
                source=dependency.source,
                path=dependency.declared.path,
                line=dependency.declared.line,
                applies=entry.applies,
                advisories=tuple(
                    AdvisoryRef(group.ids[0], group.ids[1:], group.primary.summary_line())
                    for group in entry.vulnerable
                ),
                smallest_fix=entry.smallest_fix,
                latest=entry.latest,
            )
        )
    return rows


def _data(result: ScanResult) -> ReportData:
    data = report_data(result, command="deps")
    audit = result.dependencies.audit
    data.inventory = inventory(audit.dependencies) if audit else []
    return data


def _fix(config: Config, result: ScanResult) -> None:
    audit = result.dependencies.audit
    if audit is None:
        return
    fixed = apply_fixes(config.root, audit.dependencies)
    for change in fixed.changed:
        click.echo(
            f"webwarden: fixed {change.path}:{change.line}: {change.before} -> {change.after}",
            err=True,
        )
    for path, line, name, why in fixed.skipped:
        click.echo(f"webwarden: not fixed {path}:{line} ({name}): {why}", err=True)


@click.command("deps")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@report_options(FORMATS)
@click.option(
    "--fix",
    is_flag=True,
    help="Rewrite vulnerable pins in requirements files to the fixing versions.",
)
@click.option(
    "--outdated",
    is_flag=True,
    help="Also report pins behind the newest release (package index JSON API).",
)
@click.option(
    "--offline", is_flag=True, help="Never use the network: only the local advisory store."
)
@click.option(
    "--db", type=click.Path(path_type=Path), help="Advisory store, or a folder/zip of OSV records."
)
@click.option(
    "--python",
    type=click.Path(path_type=Path),
    help="Audit what is installed in this virtualenv (or its python), not the project files.",
)
@click.option(
    "--python-version",
    help="Evaluate markers for this Python (e.g. 3.11) [default: the running one].",
)
@click.option("--platform", help="Evaluate markers for this platform: linux, win32 or darwin.")
@click.option("--osv-url", help="Base URL of the OSV API [default: https://api.osv.dev].")
@click.option(
    "--index-url", help="Base URL of the package index JSON API [default: https://pypi.org]."
)
@click.option("--timeout", type=float, help="Seconds one network request may take [default: 10].")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    help="Exit 1 at or above this severity [default: medium].",
)
@click.option("--exit-zero", is_flag=True, help="Always exit 0 unless webwarden itself fails.")
@config_options
def deps_command(paths: tuple[Path, ...], **options: Any) -> int:
    """List the dependencies of the project under PATHS with their known vulnerabilities."""
    overrides: dict[str, Any] = {}
    if options["fail_on"] is not None:
        overrides["fail-on"] = options["fail_on"]
    if options["output"] is not None:
        overrides["output"] = str(options["output"])
    config = load_config(
        list(paths),
        config_file=options["config_file"],
        isolated=options["isolated"],
        overrides=overrides,
    )
    config = with_deps(config, deps_overrides(options))
    targets = list(paths) or [Path.cwd()]
    result = scan_dependencies(targets, config)
    if options["fix"]:
        _fix(config, result)
        result = scan_dependencies(targets, config)
    fmt = options["output_format"] or config.format
    data = _data(result)
    if fmt == "cyclonedx":
        config = dataclasses.replace(config, format="json")
        from webwarden.cli.common import output_stream

        with output_stream(config.output) as stream:
            CycloneDxReporter().render(data, stream)
    else:
        write_report(data, fmt, config.output, options["color"])
    if options["exit_zero"]:
        return 0
    return exit_status(result.findings, config.fail_on)
