"""The result caches a daemon keeps between checks, one per project cache.

`check` asks `cache_for(config)` before it scans: outside a daemon there is none and the
scan opens the configured cache as usual; inside one, the project's `ResidentCache`
answers from memory what earlier checks read or stored. It lists the files with
`discover(paths, config)`, which in a daemon walks the tree again only when the last
walk's folders changed (`discover.again`).
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webwarden.config import Config
    from webwarden.discover import Discovery
    from webwarden.discover.again import Walk
    from webwarden.engine.resident import ResidentCache

KEPT = 2
"""Projects kept in memory at once (the least recently checked one is let go)."""


class Caches:
    """Resident caches by database path, the most recently used last."""

    def __init__(self) -> None:
        self._caches: OrderedDict[Path, ResidentCache] = OrderedDict()
        self._walks: dict[Path, Walk] = {}
        """The last walk of each project kept, by its database path."""

    def cache_for(self, config: Config) -> ResidentCache | None:
        """The project's resident cache (None when the check keeps no cache)."""
        if not config.cache:
            return None
        from webwarden.engine.resident import ResidentCache
        from webwarden.engine.store import project_cache_path

        where = project_cache_path(config)
        cache = self._caches.pop(where, None) or ResidentCache(where)
        self._caches[where] = cache
        while len(self._caches) > KEPT:
            gone, dropped = self._caches.popitem(last=False)
            dropped.shutdown()
            self._walks.pop(gone, None)
        cache.end_scan()
        return cache

    def discover(self, paths: Sequence[Path], config: Config) -> Discovery:
        """The files under `paths`, by the project's last walk when it still holds."""
        from webwarden.discover.again import walk
        from webwarden.engine.store import project_cache_path

        where = project_cache_path(config)
        done = self._walks[where] = walk(paths, config, self._walks.get(where))
        return done.discovery

    def projects(self) -> list[Path]:
        """The databases of the projects kept."""
        return list(self._caches)

    def flush(self) -> None:
        """Make every write left."""
        for cache in self._caches.values():
            cache.flush()

    def shutdown(self) -> None:
        """Make every write left and close the databases."""
        for cache in self._caches.values():
            cache.shutdown()
        self._caches.clear()
        self._walks.clear()


_serving: Caches | None = None


@contextlib.contextmanager
def serving(caches: Caches) -> Iterator[None]:
    """Checks in the block use `caches`."""
    global _serving
    _serving = caches
    try:
        yield
    finally:
        _serving = None


def cache_for(config: Config) -> ResidentCache | None:
    """The resident cache of the project (None outside a daemon)."""
    return _serving.cache_for(config) if _serving is not None else None


def discover(paths: Sequence[Path], config: Config) -> Discovery:
    """The files under `paths`, by the last walk of the project when no folder it listed
    changed since: kept in memory in a daemon, in the project's cache otherwise (callers
    use the cache)."""
    if _serving is not None:
        return _serving.discover(paths, config)
    from webwarden.engine.unchanged import remembered_walk

    return remembered_walk(paths, config)


def in_daemon() -> bool:
    """Whether this check is served by a daemon (no terminal of its own)."""
    return _serving is not None
