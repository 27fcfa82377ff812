"""Django management commands made for development or tests, by what their `help` says.

A seeding command (`manage.py dev_db`: "Creates a simple database for local development")
gives the accounts it makes a password written in the source, as a test's fixtures do:
the developer's value, not a deployment's.
"""

from __future__ import annotations

import ast
import posixpath

from webwarden.model.module import FileContext, identifier_words

_COMMANDS_FOLDER = "management/commands"
_DEVELOPMENT_WORDS = frozenset({"development", "dev", "testing", "tests", "test"})
"""Words of a command's help saying whom it is for (`for local development`, `suitable
for mailroom testing`)."""


def development_command(ctx: FileContext) -> str:
    """The command's name (`dev_db` of `app/management/commands/dev_db.py`) when the
    module is a Django management command whose `Command` class's `help` names
    development or tests; else ""."""
    folder, name = posixpath.split(ctx.relpath.removesuffix(".py"))
    if not folder.endswith(_COMMANDS_FOLDER) or not ctx.is_command_module:
        return ""
    help_text = _command_help(ctx.tree)
    return name if _DEVELOPMENT_WORDS.intersection(identifier_words(help_text)) else ""


def _command_help(tree: ast.Module) -> str:
    """The `help` string of the module's `Command` class ("" when it is not a literal)."""
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Command":
            for item in statement.body:
                if (
                    isinstance(item, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "help" for t in item.targets)
                    and isinstance(item.value, ast.Constant)
                    and isinstance(item.value.value, str)
                ):
                    return item.value.value
    return ""
