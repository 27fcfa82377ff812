"""The `webwarden` command's entry point.

NOTE: `check --daemon` is handed to the daemon before the command line is imported
(click, the report and finding modules): the client is what such a check costs.
"""

from __future__ import annotations

import gc
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
    from webwarden import startup

    startup.install()
    from webwarden.cli import main
    from webwarden.collector import exit_follows

    exit_follows()
    status = main(argv)
    spare_final_collections()
    sys.exit(status)


def spare_final_collections() -> None:
    """Leave every object alive now out of the cycle collections the interpreter makes
    as it exits.

    NOTE: after a scan those passes walk everything still alive (modules, rules, caches)
    and cost more than the rest of the exit (0.25 s on Django), only to find the
    nothing the command left behind. Frozen objects are still freed as the modules are
    torn down, and the standard streams flushed; the command has closed its report and
    cache files itself (`with` blocks).
    """
    gc.freeze()
