"""The command line: `webwarden check|rules|explain|probe|deps|db|logs|daemon`.

`main(argv)` runs a command in-process and returns its exit status, which is how the
tests drive it; the console script is `webwarden.entry.run` (which hands
`check --daemon` to a daemon before this module is imported).
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Sequence
from typing import Any

import click

from webwarden import __version__
from webwarden.cli.common import error
from webwarden.errors import WebwardenError


class LazyGroup(click.Group):
    """A group whose commands are imported when they are run or listed.

    NOTE: `webwarden check` should not pay for importing the log monitor, the advisory
    database tools and the probe; each command lives in its own module, named here.
    """

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy
        """Command name -> `module:attribute` of its click command."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command name, the lazy ones included (sorted, as click lists them)."""
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, imported on first use."""
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attribute = self.lazy[cmd_name].partition(":")
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    lazy={
        "check": "webwarden.cli.check:check_command",
        "rules": "webwarden.cli.rules:rules_command",
        "explain": "webwarden.cli.rules:explain_command",
        "deps": "webwarden.cli.deps:deps_command",
        "db": "webwarden.cli.db:db_group",
        "probe": "webwarden.cli.probe:probe_command",
        "logs": "webwarden.cli.logs:logs_command",
        "daemon": "webwarden.cli.daemon:daemon_group",
    },
)
@click.version_option(__version__, prog_name="webwarden")
@click.option("-v", "--verbose", count=True, help="Log what webwarden does (-vv for debug).")
def cli(verbose: int) -> None:
    """webwarden: a security auditor for Flask and Django applications."""
    if verbose:
        level = logging.DEBUG if verbose > 1 else logging.INFO
        logging.basicConfig(level=level, format="webwarden: %(name)s: %(message)s")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv`; return the exit status (0, 1 or 2)."""
    try:
        status = cli.main(args=list(argv) if argv is not None else None, standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.Abort:
        error("aborted")
        return 130
    except click.ClickException as exc:
        error(exc.format_message())
        return 2
    except WebwardenError as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:
        error("interrupted")
        return 130
    except Exception as exc:
        if os.environ.get("WEBWARDEN_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc} (set WEBWARDEN_DEBUG=1 for details)")
        return 2
    return status if isinstance(status, int) else 0
