"""Options every reporting command shares, and how they become configuration keys.

`check`, `probe` and `logs` (and `deps`, in part) take the same report, selection,
threshold and configuration options; they are declared once here, and
`shared_overrides` turns the given ones into `[tool.webwarden]` keys.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from webwarden.cli.common import split_codes
from webwarden.findings import Confidence, Severity

F = TypeVar("F", bound=Callable[..., Any])
SEVERITIES = [s.value for s in Severity]
CONFIDENCES = [c.value for c in Confidence]


def apply_options(function: F, options: Sequence[Callable[[F], F]]) -> F:
    """Apply click options in the order listed (as if written as decorators)."""
    for option in reversed(options):
        function = option(function)
    return function


def report_options(formats: Sequence[str]) -> Callable[[F], F]:
    """`--format`, `-o/--output` and `--color/--no-color`."""

    def decorate(function: F) -> F:
        return apply_options(
            function,
            [
                click.option(
                    "--format",
                    "output_format",
                    type=click.Choice(formats),
                    help="Report format [default: text].",
                ),
                click.option(
                    "-o",
                    "--output",
                    type=click.Path(path_type=Path, dir_okay=False),
                    help="Write the report to FILE.",
                ),
                click.option(
                    "--color/--no-color",
                    default=None,
                    help="Force colours on or off [default: auto, NO_COLOR respected].",
                ),
            ],
        )

    return decorate


def selection_options(function: F) -> F:
    """`--select` and `--ignore`."""
    return apply_options(
        function,
        [
            click.option(
                "--select",
                multiple=True,
                help="Only these codes, prefixes or names (comma-separated).",
            ),
            click.option(
                "--ignore", multiple=True, help="Switch these rules off (comma-separated)."
            ),
        ],
    )


def threshold_options(function: F) -> F:
    """`--fail-on`, `--exit-zero`, `--min-severity` and `--min-confidence`."""
    return apply_options(
        function,
        [
            click.option(
                "--fail-on",
                type=click.Choice(SEVERITIES),
                help="Exit 1 at or above this severity [default: medium].",
            ),
            click.option(
                "--exit-zero", is_flag=True, help="Always exit 0 unless webwarden itself fails."
            ),
            click.option(
                "--min-severity",
                type=click.Choice(SEVERITIES),
                help="Hide findings below this severity.",
            ),
            click.option(
                "--min-confidence",
                type=click.Choice(CONFIDENCES),
                help="Hide findings below this confidence.",
            ),
        ],
    )


def config_options(function: F) -> F:
    """`--config FILE` and `--isolated`."""
    return apply_options(
        function,
        [
            click.option(
                "--config",
                "config_file",
                type=click.Path(path_type=Path, dir_okay=False),
                help="Read configuration from this file.",
            ),
            click.option("--isolated", is_flag=True, help="Ignore every configuration file."),
        ],
    )


_LISTS = (("select", "select"), ("ignore", "ignore"))
_VALUES = (
    ("fail_on", "fail-on"),
    ("min_severity", "min-severity"),
    ("min_confidence", "min-confidence"),
    ("output_format", "format"),
    ("output", "output"),
)


def shared_overrides(options: dict[str, Any]) -> dict[str, Any]:
    """The shared options that were given, as `[tool.webwarden]` keys."""
    overrides: dict[str, Any] = {}
    for option, key in _LISTS:
        if options.get(option):
            overrides[key] = split_codes(options[option])
    for option, key in _VALUES:
        if options.get(option) is not None:
            overrides[key] = options[option]
    return overrides


def deps_overrides(options: dict[str, Any]) -> dict[str, Any]:
    """The `deps` keys given on the command line (paths made absolute)."""
    overrides: dict[str, Any] = {}
    for option, key in (("offline", "offline"), ("outdated", "outdated")):
        if options.get(option):
            overrides[key] = True
    for option, key in (("db", "db"), ("python", "python")):
        if options.get(option) is not None:
            overrides[key] = str(Path(options[option]).resolve())
    for option, key in (
        ("python_version", "python-version"),
        ("platform", "platform"),
        ("osv_url", "osv-url"),
        ("index_url", "index-url"),
        ("timeout", "timeout"),
    ):
        if options.get(option) is not None:
            overrides[key] = options[option]
    return overrides
