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
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from watchfiles import Change

from webwarden.cli.common import error, report_data, write_report
from webwarden.config import Config
from webwarden.discover import Discovery, discover
from webwarden.discover.again import restated
from webwarden.engine.unchanged import RememberedReport, local_key
from webwarden.errors import WebwardenError
from webwarden.wording import plural

if TYPE_CHECKING:
    from webwarden.engine.resident import ResidentCache

STEP_MS = 50
"""How long the tree must stay quiet after a change before the scan starts (an editor
saving several files, a `git checkout`, gives one scan)."""
GIT_STATE = ("/.git/index", "/.git/HEAD")
"""Files under .git a scan reads (which `.env` files are committed)."""


def watch_and_scan(targets: list[Path], load: Callable[[], Config], options: dict[str, Any]) -> int:
    """Scan `targets`, then again after every change, until interrupted (exit 0).

    `load` gives the configuration, read again before each scan (an edit of it applies
    at once). A scan that fails (a configuration left invalid mid-edit, a path removed)
    prints its one-line error, and the next change is scanned again."""
    from watchfiles import DefaultFilter, watch

    from webwarden.engine.resident import ResidentCache
    from webwarden.engine.store import project_cache_path

    config = load()
    where = project_cache_path(config) if config.cache else None
    cache = ResidentCache(where)
    session = _Session(targets, load, options, cache)
    default = DefaultFilter()
    # NOTE: a supervisor, an editor or a test runner stops a watcher with SIGTERM: it ends
    # as Ctrl-C does, with the cache written.
    previous = signal.signal(signal.SIGTERM, _interrupted)

    def wanted(change: Change, path: str) -> bool:
        return path.endswith(GIT_STATE) or default(change, path)

    def changes(polling: bool | None) -> Iterator[set[tuple[Change, str]]]:
        return watch(
            *targets,
            watch_filter=wanted,
            step=STEP_MS,
            rust_timeout=500,
            yield_on_timeout=True,
            force_polling=polling,
        )

    try:
        session.scan_or_report(None)
        try:
            _follow(session, changes(None))
        except (OSError, RuntimeError) as exc:
            # NOTE: e.g. Linux's limit on inotify watches, reached in a tree of many
            # folders: looking at the tree every 300 ms still works, at some CPU cost.
            click.echo(
                f"webwarden: warning: cannot be told of changes ({exc}); polling instead",
                err=True,
            )
            _follow(session, changes(True))
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        cache.shutdown()
    return 0


def _follow(session: _Session, changes: Iterable[set[tuple[Change, str]]]) -> None:
    """Scan after each batch of `changes`, until they end."""
    started = False
    # NOTE: the watcher starts after the first scan, so the first wake-up (a change, or
    # half a second of quiet) looks again: what changed while the first scan ran, before
    # anything was watched, is scanned then rather than at the next change.
    for batch in changes:
        if batch or not started:
            session.scan_or_report(batch if started else None)
        started = True


def _interrupted(number: int, frame: object) -> None:
    raise KeyboardInterrupt


class _Session:
    """The scans of one `check --watch` and what they keep between them."""

    def __init__(
        self,
        targets: list[Path],
        load: Callable[[], Config],
        options: dict[str, Any],
        cache: ResidentCache,
    ) -> None:
        self.targets = targets
        self.load = load
        self.options = options
        self.cache = cache
        self.key: str | None = None
        """What the last scan read on this machine (None: no scan yet, or it failed)."""
        self.seen: tuple[Config, Discovery] | None = None
        """The configuration and files of the last look at the tree."""

    def scan_or_report(self, changes: Iterable[tuple[Change, str]] | None) -> None:
        """`scan`; a failure is reported in one line and the next change scans again."""
        try:
            self.scan(changes)
        except WebwardenError as exc:
            error(f"{exc}; watching for changes")
            self.key = self.seen = None
        except Exception as exc:
            if os.environ.get("WEBWARDEN_DEBUG"):
                raise
            error(f"internal error: {type(exc).__name__}: {exc}; watching for changes")
            self.key = self.seen = None
        # NOTE: `check` pauses the cycle collector; a process that scans for hours
        # collects what each scan left once its report is out (a tenth of a second on
        # the Django tree, while the tree is quiet).
        gc.collect()

    def scan(self, changes: Iterable[tuple[Change, str]] | None) -> None:
        """Scan unless nothing a scan reads changed since the last scan (`changes`: what
        the operating system reported, None: look at everything)."""
        from webwarden.engine import scan

        started = time.perf_counter()
        config = self.load()
        discovery = self._discover(config, changes)
        self.seen = (config, discovery)
        # NOTE: even when the dependency audit asks the network (its answers may change
        # at any time), a change to nothing in the tree starts no scan: else writing a
        # report inside the tree would start the next scan, and so on.
        key, whole = local_key(self.targets, config, discovery)
        if key == self.key:
            return
        cache = self.cache
        cache.end_scan()
        result = scan(self.targets, config, discovery=discovery, cache=cache)
        data = report_data(result)
        data.seconds = time.perf_counter() - started
        if config.output is None and sys.stdout.isatty():
            click.clear()  # NOTE: each report replaces the last on a terminal, as ruff's does
        write_report(data, config.format, config.output, self.options["color"])
        click.echo(
            f"webwarden: {plural(len(data.findings), 'finding')}, scanned in {data.seconds:.2f} s; "
            "watching for changes (Ctrl-C to stop)",
            err=True,
        )
        self.key = key
        # NOTE: the cache is written once the report is out, while the tree is quiet.
        cache.flush()
        if config.cache and whole:
            RememberedReport(config, key).keep(data)

    def _discover(self, config: Config, changes: Iterable[tuple[Change, str]] | None) -> Discovery:
        """The files to scan: the last ones with new stats when only files already found
        were modified (an edit, the common case), else a new walk of the tree."""
        if changes is not None and self.seen is not None and self.seen[0] == config:
            found = _restat(self.seen[1], changes)
            if found is not None:
                return found
        return discover(self.targets, config)


def _restat(seen: Discovery, changes: Iterable[tuple[Change, str]]) -> Discovery | None:
    """`seen` with the stats of the modified files, or None when a change may alter what
    a walk finds (a file added, removed or not found before, a directory)."""
    where = {file.abspath: number for number, file in enumerate(seen.files)}
    files = list(seen.files)
    for change, path in changes:
        number = where.get(os.path.abspath(path))
        if change is not Change.modified or number is None:
            return None
        now = restated(files[number])
        if now is None:
            return None
        files[number] = now
    return Discovery(files, list(seen.problems))
