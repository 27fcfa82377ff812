"""The `webwarden` command's entry point.

NOTE: `check --daemon` is handed to the daemon before the command line is imported
(click, the report and finding modules): the client is what such a check costs.
"""

from __future__ import annotations

import sys


def run() -> None:
    """Console-script entry point (and `python -m webwarden`)."""
    argv = sys.argv[1:]
    from webwarden.daemon import client

    if client.wants_daemon(argv):
        served = client.run_check(argv)
        if served is not None:
            sys.exit(served)
        argv = [word for word in argv if word != "--daemon"]
    from webwarden.cli import main

    sys.exit(main(argv))
