"""`webwarden rules` and `webwarden explain CODE`."""

from __future__ import annotations

import json
import sys

import click
from rich.table import Table

from webwarden.cli.common import rule_info
from webwarden.errors import ConfigError
from webwarden.report.text import make_console
from webwarden.rules.docs import cwe_link, render_page
from webwarden.rules.registry import all_rules, get_rule


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text")
def rules_command(output_format: str) -> int:
    """List every rule: code, name, practice, severity, CWE."""
    rules = all_rules()
    if output_format == "json":
        rows = [
            {
                "code": r.code,
                "name": r.name,
                "practice": r.practice.value,
                "practice_number": r.practice.number,
                "severity": r.severity.value,
                "confidence": r.confidence.value,
                "cwe": r.cwe,
                "status": r.status.value,
                "opt_in": r.opt_in,
                "summary": rule_info(r).summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(rows, indent=2))
        return 0
    table = Table(box=None)
    for column in ("Code", "Name", "Practice", "Severity", "CWE", "Status"):
        table.add_column(column, no_wrap=column != "Practice")
    for rule in rules:
        cwe = cwe_link(rule.cwe).split("]")[0].lstrip("[")
        table.add_row(
            rule.code,
            rule.name,
            f"{rule.practice.number} {rule.practice.label}",
            rule.severity.value,
            cwe,
            # NOTE: "opt-in" alone keeps the column as narrow as a status; `explain` and
            # the JSON give both.
            "opt-in" if rule.opt_in else rule.status.value,
        )
    make_console(sys.stdout).print(table)
    return 0


@click.command("explain")
@click.argument("code")
def explain_command(code: str) -> int:
    """Print the documentation of rule CODE (a code like WW1101 or a name)."""
    rule = get_rule(code)
    if rule is None:
        raise ConfigError(f"unknown rule {code!r} (see `webwarden rules`)")
    click.echo(render_page(rule), nl=False)
    return 0
