"""`webwarden check --watch`: scan, then scan again each time a file changes.

The process stays up between scans with webwarden imported and the last scan's results
in memory (`engine.resident`), so a scan after an edit costs what the edit changed plus
the project-wide passes, not the start-up and the reading back of a whole cache. The
operating system tells of changes (watchfiles: inotify, FSEvents or
ReadDirectoryChangesW, no polling); a change webwarden would not read (a file it
excludes, its own cache or report) starts no scan.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from webwarden.cli.common import error, report_data, write_report
from webwarden.config import Config
from webwarden.config.paths import cache_dir
from webwarden.discover import discover
from webwarden.engine.unchanged import RememberedReport, unchanged_key
from webwarden.errors import WebwardenError

if TYPE_CHECKING:
    from webwarden.engine.resident import ResidentCache

STEP_MS = 50
"""How long the tree must stay quiet after a change before the scan starts (an editor
saving several files, a `git checkout`, gives one scan)."""


def watch_and_scan(targets: list[Path], load: Callable[[], Config], options: dict[str, Any]) -> int:
    """Scan `targets`, then again after every change, until interrupted (exit 0).

    `load` gives the configuration, read again before each scan (an edit of it applies
    at once). A scan that fails (a configuration left invalid mid-edit, a path removed)
    prints its one-line error, and the next change is scanned again."""
    from watchfiles import watch

    from webwarden.engine.resident import ResidentCache
    from webwarden.engine.store import cache_path

    config = load()
    cache = None
    if config.cache:
        cache = ResidentCache(cache_path(config.cache_dir or cache_dir(), config.root))
    last: str | None = None
    try:
        last = _scan(targets, config, options, cache, last)
        started = False
        # NOTE: the watcher starts after the first scan, so the first wake-up (a change,
        # or half a second of quiet) looks again: what changed while the first scan ran,
        # before anything was watched, is scanned then rather than at the next change.
        for changes in watch(*targets, step=STEP_MS, rust_timeout=500, yield_on_timeout=True):
            if changes or not started:
                last = _rescan(targets, load, options, cache, last)
            started = True
    except KeyboardInterrupt:
        pass
    finally:
        if cache is not None:
            cache.shutdown()
    return 0


def _rescan(
    targets: list[Path],
    load: Callable[[], Config],
    options: dict[str, Any],
    cache: ResidentCache | None,
    last: str | None,
) -> str | None:
    """`_scan` with the configuration read again; a failure is reported in one line."""
    try:
        return _scan(targets, load(), options, cache, last)
    except WebwardenError as exc:
        error(f"{exc}; watching for changes")
    except Exception as exc:
        if os.environ.get("WEBWARDEN_DEBUG"):
            raise
        error(f"internal error: {type(exc).__name__}: {exc}; watching for changes")
    return None


def _scan(
    targets: list[Path],
    config: Config,
    options: dict[str, Any],
    cache: ResidentCache | None,
    last: str | None,
) -> str | None:
    """Scan unless nothing a scan reads changed since the scan keyed `last`; the key of
    what this scan read (None: it cannot be known, so the next change scans again)."""
    from webwarden.engine import scan

    started = time.perf_counter()
    discovery = discover(targets, config)
    key = unchanged_key(targets, config, discovery)
    if key is not None and key == last:
        return last
    if cache is not None:
        cache.end_scan()
    result = scan(targets, config, discovery=discovery, cache=cache)
    data = report_data(result)
    data.seconds = time.perf_counter() - started
    if config.output is None and sys.stdout.isatty():
        click.clear()  # NOTE: each report replaces the last on a terminal, as ruff's does
    write_report(data, config.format, config.output, options["color"])
    if key is not None and config.cache:
        RememberedReport(config, key).keep(data)
    click.echo(
        f"webwarden: {len(data.findings)} findings, scanned in {data.seconds:.2f} s; "
        "watching for changes (Ctrl-C to stop)",
        err=True,
    )
    # NOTE: `check` pauses the cycle collector; a process that scans for hours collects
    # what each scan left, then sets the survivors (the results kept in memory) aside so
    # the next collection looks only at the next scan's objects.
    gc.collect()
    gc.freeze()
    return key
