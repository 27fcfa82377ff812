"""Django management commands made for development or tests, by their `help`."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.secrets.dev_commands import development_command
from webwarden.parse.python import ParsedPython, parse_source

COMMAND = """
from django.core.management import BaseCommand


class Command(BaseCommand):
    help = {help!r}

    def handle(self, *args, **options):
        pass
"""


@pytest.mark.parametrize(
    ("relpath", "help_text", "name"),
    [
        pytest.param("seed/management/commands/dev_db.py", "Creates a database for local development", "dev_db", id="development"),
        pytest.param("seed/management/commands/mailroom_db.py", "Generates a database for mailroom testing", "mailroom_db", id="testing"),
        pytest.param("seed/management/commands/create_admin.py", "Creates the first administrator", "", id="operator-command"),
        pytest.param("seed/scripts/dev_db.py", "Creates a database for local development", "", id="not-a-command-folder"),
    ],
)  # fmt: skip
def test_development_command(relpath: str, help_text: str, name: str) -> None:
    source = textwrap.dedent(COMMAND.format(help=help_text))
    parsed = parse_source(source, relpath)
    assert isinstance(parsed, ParsedPython)
    ctx = make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    assert development_command(ctx) == name
