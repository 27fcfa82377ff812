"""The options the reporting commands share, declared once."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli
from webwarden.cli.options import shared_overrides

SHARED = [
    "--format",
    "--output",
    "--select",
    "--ignore",
    "--fail-on",
    "--exit-zero",
    "--min-severity",
    "--min-confidence",
    "--config",
    "--isolated",
    "--color",
]


@pytest.mark.parametrize("command", ["check", "probe", "logs"])
def test_every_reporting_command_has_the_shared_options(command: str) -> None:
    helped = run_cli([command, "--help"]).stdout
    for option in SHARED:
        assert option in helped, f"{command} lacks {option}"


def test_shared_overrides_keep_only_what_was_given() -> None:
    given = {
        "select": ("WW11,WW540", "WW000"),
        "ignore": (),
        "fail_on": "high",
        "min_severity": None,
        "min_confidence": "medium",
        "output_format": "json",
        "output": None,
    }
    assert shared_overrides(given) == {
        "select": ["WW11", "WW540", "WW000"],
        "fail-on": "high",
        "min-confidence": "medium",
        "format": "json",
    }
