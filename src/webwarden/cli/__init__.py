"""The command line: `webwarden check|rules|explain|probe|deps|db|logs`.

`main(argv)` runs a command in-process and returns its exit status, which is how the
tests drive it; `run()` is the console-script entry point.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence

import click

from webwarden import __version__
from webwarden.cli.check import check_command
from webwarden.cli.common import error
from webwarden.cli.db import db_group
from webwarden.cli.deps import deps_command
from webwarden.cli.logs import logs_command
from webwarden.cli.probe import probe_command
from webwarden.cli.rules import explain_command, rules_command
from webwarden.errors import WebwardenError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="webwarden")
@click.option("-v", "--verbose", count=True, help="Log what webwarden does (-vv for debug).")
def cli(verbose: int) -> None:
    """webwarden: a security auditor for Flask and Django applications."""
    if verbose:
        level = logging.DEBUG if verbose > 1 else logging.INFO
        logging.basicConfig(level=level, format="webwarden: %(name)s: %(message)s")


cli.add_command(check_command)
cli.add_command(rules_command)
cli.add_command(explain_command)
cli.add_command(deps_command)
cli.add_command(db_group)
cli.add_command(probe_command)
cli.add_command(logs_command)


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


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
