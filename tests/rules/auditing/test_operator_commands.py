"""Dangerous calls in commands an operator runs from a shell (Click and Flask CLI
commands, Django management commands, scripts reading `sys.argv` or parsing it with
argparse, standalone Django programs) are reported at low severity:
their arguments are typed by whoever may run the app's code already. Elsewhere, the
rule's own severity."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import audit
from webwarden.findings import Severity

FIXTURE = Path(__file__).parents[1] / "fixtures" / "WW1102" / "vulnerable_cli_commands"


def test_commands_are_low_and_views_keep_their_severity() -> None:
    findings = audit([FIXTURE], FIXTURE, select=["WW1102"])
    severities = {(f.location.path, f.location.line): f.severity for f in findings}
    assert severities == {
        ("cli.py", 19): Severity.LOW,
        ("cli.py", 24): Severity.LOW,
        ("cli.py", 30): Severity.LOW,
        ("cli.py", 36): Severity.HIGH,
        ("shop/management/commands/restore.py", 11): Severity.LOW,
        ("sync.py", 10): Severity.LOW,
        ("make_admin.py", 9): Severity.LOW,
        ("serve.py", 13): Severity.HIGH,
        # A standalone Django program (`django.setup()` at module level) is started by a
        # process manager; one registering tasks, or an ASGI entry point, is not.
        ("run_scheduler.py", 17): Severity.LOW,
        ("worker_tasks.py", 12): Severity.HIGH,
        ("asgi.py", 9): Severity.HIGH,
    }


HELPERS = Path(__file__).parents[1] / "fixtures" / "WW1101" / "vulnerable_command_helpers_project"


def test_helpers_only_commands_call_are_low() -> None:
    # A module function reached only from shell commands (of its module or, through
    # other module functions, of a module of commands) is low; one a view, a task module
    # or nothing in the project calls keeps the rule's severity.
    findings = audit([HELPERS], HELPERS, select=["WW1101", "WW1102"])
    severities = {(f.code, f.location.path, f.location.line): f.severity for f in findings}
    assert severities == {
        ("WW1101", "cli.py", 16): Severity.LOW,
        ("WW1101", "ops.py", 8): Severity.LOW,
        ("WW1102", "ops.py", 9): Severity.LOW,
        ("WW1101", "ops.py", 14): Severity.LOW,
        ("WW1101", "ops.py", 19): Severity.HIGH,
        ("WW1102", "ops.py", 20): Severity.HIGH,
        ("WW1101", "ops.py", 25): Severity.HIGH,
        ("WW1101", "ops.py", 30): Severity.HIGH,
        ("WW1101", "ops.py", 33): Severity.HIGH,
    }


CONSOLE_SCRIPT = (
    Path(__file__).parents[1] / "fixtures" / "WW1102" / "vulnerable_console_script_project"
)


def test_functions_a_console_script_reaches_are_low() -> None:
    # `shopctl = shop.cli:main` in setup.py's console_scripts: the module's `main` and the
    # functions only it reaches run from a shell. A module no entry point names, which a
    # view imports, keeps the rule's severity.
    findings = audit([CONSOLE_SCRIPT], CONSOLE_SCRIPT, select=["WW1102"])
    severities = {(f.location.path, f.location.line): f.severity for f in findings}
    assert severities == {
        ("shop/cli.py", 9): Severity.LOW,
        ("shop/tools.py", 7): Severity.HIGH,
    }


ARGV_SCRIPT = Path(__file__).parents[1] / "fixtures" / "WW1101" / "vulnerable_argv_script_project"


def test_scripts_reading_argv_at_top_level_are_low() -> None:
    # A deploy script whose top-level code reads `sys.argv` runs from a shell; a module
    # reading it only inside a function may be imported by anything.
    findings = audit([ARGV_SCRIPT], ARGV_SCRIPT, select=["WW1101"])
    severities = {(f.location.path, f.location.line): f.severity for f in findings}
    assert severities == {
        ("scripts/run_migrations.py", 9): Severity.LOW,
        ("shop/backup.py", 7): Severity.HIGH,
    }
