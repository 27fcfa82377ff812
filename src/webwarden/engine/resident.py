"""A result cache that outlives one scan: `check --watch` keeps it in memory.

A scan after an edit spends most of its time reading back what the last scan left in the
cache (every file's result, the taint analysis's record) and importing webwarden. A
process that keeps running between scans has all of that at hand already: this cache
answers from memory what it read or stored in this process, and still writes through to
the database, so a later `webwarden check` finds everything there too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from webwarden.discover import SourceFile
from webwarden.engine.cache import ResultCache
from webwarden.engine.files import FilePlan, FileResult


class ResidentCache(ResultCache):
    """A `ResultCache` for many scans of one project in one process."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._results: dict[str, tuple[str, FileResult]] = {}
        """relpath -> (key, result) of every result read or stored."""
        self._stat_memory: dict[str, tuple[int, int, str]] = {}
        """relpath -> (size, mtime, digest) of every file keyed."""
        self._objects: dict[str, object] = {}

    def keys(self, files: Sequence[SourceFile], plan: FilePlan) -> dict[str, str]:
        """See `ResultCache.keys`; the stats read are kept."""
        keys = super().keys(files, plan)
        self._stat_memory.update(self._digests)
        return keys

    def _stats(self, files: Sequence[SourceFile]) -> dict[str, tuple[int, int, str]]:
        if not self._stat_memory:
            self._stat_memory = super()._stats(files)
        return self._stat_memory

    def _stored(self, files: Sequence[SourceFile]) -> set[str]:
        if not self._results:
            return super()._stored(files)
        return set(self._results)

    def load(self, keys: dict[str, str]) -> dict[str, FileResult]:
        """See `ResultCache.load`: from memory what this process read or stored."""
        hits: dict[str, FileResult] = {}
        missing: dict[str, str] = {}
        for relpath, key in keys.items():
            known = self._results.get(relpath)
            if known is not None and known[0] == key:
                hits[relpath] = known[1]
            else:
                missing[relpath] = key
        if missing:
            read = super().load(missing)
            self._results.update((relpath, (keys[relpath], r)) for relpath, r in read.items())
            hits.update(read)
        return hits

    def store(
        self,
        keys: dict[str, str],
        results: Iterable[FileResult],
        pickled: Mapping[str, bytes] | None = None,
    ) -> None:
        """See `ResultCache.store`; the results are kept in memory too."""
        results = list(results)
        super().store(keys, results, pickled)
        self._results.update(
            (r.relpath, (keys[r.relpath], r)) for r in results if r.relpath in keys
        )
        self._stat_memory.update(self._digests)

    def recall(self, name: str) -> object | None:
        """The object `remember`ed under `name` in this process."""
        return self._objects.get(name)

    def remember(self, name: str, value: object) -> None:
        """Keep `value` for the next scan in this process."""
        self._objects[name] = value

    def close(self) -> None:
        """End one scan: forget what was particular to it, keep the database open."""
        self.end_scan()

    def shutdown(self) -> None:
        """Close the database for good."""
        super().close()
