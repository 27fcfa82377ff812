"""`webwarden probe URL`: judge the running app with bounded, non-destructive requests."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from webwarden.cli.common import exit_status, report_data, write_report
from webwarden.cli.options import (
    apply_options,
    config_options,
    report_options,
    selection_options,
    shared_overrides,
    threshold_options,
)
from webwarden.config import Config, load_config
from webwarden.config.loader import FORMATS
from webwarden.probe.limits import MAX_PAGES, Limits

if TYPE_CHECKING:
    from webwarden.engine.live import LiveResult

DEFAULTS = Limits()


def probe_options(function: Any) -> Any:
    """The options that shape a probe, shared by `probe` and `check --url`."""
    options = [
        click.option(
            "--active",
            is_flag=True,
            help="Also submit each same-origin POST form once without its CSRF token.",
        ),
        click.option(
            "--max-pages",
            type=click.IntRange(1, 10_000),
            default=MAX_PAGES,
            show_default=True,
            help="Pages to crawl at most (start page, links, routes).",
        ),
        click.option(
            "--budget",
            type=click.IntRange(1, 100_000),
            default=DEFAULTS.budget,
            show_default=True,
            help="Requests to send at most, all checks included.",
        ),
        click.option(
            "--rate",
            type=click.FloatRange(0.01, 1000.0),
            default=DEFAULTS.rate,
            show_default=True,
            help="Requests per second at most.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(0.1, 300.0),
            default=DEFAULTS.timeout,
            show_default=True,
            help="Seconds to connect and between reads; a response may take 3x in all.",
        ),
        click.option(
            "--max-body",
            type=click.IntRange(1024, 1 << 30),
            default=DEFAULTS.max_body,
            show_default=True,
            help="Bytes of a response body to read at most.",
        ),
        click.option(
            "--http-port",
            type=click.IntRange(1, 65535),
            help="Port of the plain-HTTP site to check the HTTPS redirect on [default: 80 "
            "for an https target on 443].",
        ),
        click.option(
            "--ca-bundle",
            type=click.Path(exists=True, dir_okay=False),
            help="Also trust the CAs in this PEM file (internal or test certificates).",
        ),
    ]
    return apply_options(function, options)


def run_probe(url: str, config: Config, options: dict[str, Any], paths: list[str]) -> LiveResult:
    """Probe `url` with the command-line options; `paths` are extra GET routes to visit."""
    # NOTE: imported here so that `check` (which shares the options) loads the HTTP
    # client only when it probes.
    from webwarden.engine.live import probe
    from webwarden.probe.crawl import CrawlPlan

    limits = Limits(
        budget=options["budget"],
        rate=options["rate"],
        timeout=options["timeout"],
        max_body=options["max_body"],
    )
    plan = CrawlPlan(
        max_pages=options["max_pages"],
        active=options["active"],
        http_port=options["http_port"],
        route_paths=tuple(paths),
    )
    return probe(url, config, limits, plan, ca_bundle=options["ca_bundle"])


def project_paths(project: Path, config: Config) -> list[str]:
    """GET route paths of the project at `project`, from the static route models."""
    from webwarden.engine import scan
    from webwarden.probe.routes import route_paths, scanned_routes

    only_notices = dataclasses.replace(config, select=("WW000",), extend_select=(), ignore=())
    result = scan([project], only_notices)
    return route_paths(scanned_routes(result.projects))


@click.command("probe")
@click.argument("url")
@click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also visit the GET routes the static model finds in this project.",
)
@probe_options
@report_options(FORMATS)
@selection_options
@threshold_options
@config_options
def probe_command(url: str, project: Path | None, **options: Any) -> int:
    """Probe the running app at URL: headers, cookies, HTTPS, debug pages, CSRF.

    Sends GET requests only (one POST per form with --active) to URL's origin, within
    the request budget and rate limit; redirects elsewhere are recorded, not followed.
    """
    overrides = shared_overrides(options)
    config = load_config(
        [project] if project else [],
        config_file=options["config_file"],
        isolated=options["isolated"],
        overrides=overrides,
    )
    paths = project_paths(project, config) if project is not None else []
    live = run_probe(url, config, options, paths)
    data = report_data(live.result, command="probe")
    data.requests = live.record.requests
    data.pages = len(live.record.pages)
    write_report(data, config.format, config.output, options["color"])
    if options["exit_zero"]:
        return 0
    return exit_status(live.result.findings, config.fail_on)
