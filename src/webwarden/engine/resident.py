"""A result cache that outlives one scan: `check --watch` keeps it in memory.

A scan after an edit spends most of its time reading back what the last scan left in the
cache (every file's result, the taint analysis's record) and importing webwarden. A
process that keeps running between scans has all of that at hand already: this cache
answers from memory what it read or stored in this process. It still writes everything
through to the database, so a later `webwarden check` finds it there, but after the
report is out (`flush`), not while the user waits for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from webwarden.discover import SourceFile
from webwarden.engine.cache import ResultCache
from webwarden.engine.files import FilePlan, FileResult


class ResidentCache(ResultCache):
    """A `ResultCache` for many scans of one project in one process; with no `path`
    (`--no-cache`) it keeps everything in memory only."""

    def __init__(self, path: Path | None) -> None:
        self._memory_only = path is None
        super().__init__(path or Path())
        self._results: dict[str, tuple[str, FileResult]] = {}
        """relpath -> (key, result) of every result read or stored."""
        self._stat_memory: dict[str, tuple[int, int, str]] = {}
        """relpath -> (size, mtime, digest) of every file keyed."""
        self._objects: dict[str, object] = {}
        self._pending: list[Callable[[], None]] = []
        """Writes to the database not made yet (see `flush`)."""
        self._plan: FilePlan | None = None
        self._made: dict[str, tuple[str, str, str]] = {}
        """relpath -> (kind, content digest, key) of its last key under the plan `_plan`."""

    def _open(self) -> None:
        if not self._memory_only:
            super()._open()

    @property
    def usable(self) -> bool:
        """Always: what the database cannot keep (there is none, or it broke) is kept in
        memory for the scans of this process."""
        return True

    # -- reading ---------------------------------------------------------------------------

    def keys(self, files: Sequence[SourceFile], plan: FilePlan) -> dict[str, str]:
        """See `ResultCache.keys`; the stats read are kept."""
        if plan.templates is None and plan != self._plan:
            # NOTE: under the same first-wave plan (no template plan yet), a file's key
            # follows from its content alone.
            self._plan, self._made = plan, {}
        keys = super().keys(files, plan)
        self._stat_memory.update(self._digests)
        return keys

    def _key(self, file: SourceFile, plan: FilePlan, content: str) -> str:
        if plan.templates is not None:
            return super()._key(file, plan, content)
        made = self._made.get(file.relpath)
        if made is not None and made[:2] == (file.kind.value, content):
            return made[2]
        key = super()._key(file, plan, content)
        self._made[file.relpath] = (file.kind.value, content, key)
        return key

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
            self.flush()
            read = super().load(missing)
            self._results.update((relpath, (keys[relpath], r)) for relpath, r in read.items())
            hits.update(read)
        return hits

    def load_blob(self, name: str, key: str) -> object | None:
        """See `ResultCache.load_blob` (after the writes not made yet)."""
        self.flush()
        return super().load_blob(name, key)

    def load_parts(self, name: str) -> dict[str, object] | None:
        """See `ResultCache.load_parts` (after the writes not made yet)."""
        self.flush()
        return super().load_parts(name)

    def recall(self, name: str) -> object | None:
        """The object `remember`ed under `name` in this process."""
        return self._objects.get(name)

    # -- writing ---------------------------------------------------------------------------

    def store(
        self,
        keys: dict[str, str],
        results: Iterable[FileResult],
        pickled: Mapping[str, bytes] | None = None,
    ) -> None:
        """See `ResultCache.store`: kept in memory now, written by `flush`."""
        results = list(results)
        self._results.update(
            (r.relpath, (keys[r.relpath], r)) for r in results if r.relpath in keys
        )
        self._stat_memory.update(self._digests)
        kept, digests = dict(keys), dict(self._digests)
        self._pending.append(lambda: self._write_results(kept, results, pickled or {}, digests))

    def store_blob(self, name: str, key: str, value: object) -> None:
        """See `ResultCache.store_blob`: written by `flush`."""
        self._pending.append(lambda: ResultCache.store_blob(self, name, key, value))

    def store_parts(self, name: str, parts: Iterable[tuple[str, object | None]]) -> None:
        """See `ResultCache.store_parts`: the parts are taken now, written by `flush`."""
        taken = list(parts)
        self._pending.append(lambda: ResultCache.store_parts(self, name, taken))

    def remember(self, name: str, value: object) -> None:
        """Keep `value` for the next scan in this process."""
        self._objects[name] = value

    def flush(self) -> None:
        """Make the writes of the scans so far, in order."""
        pending, self._pending = self._pending, []
        for write in pending:
            write()

    # -- lifetime --------------------------------------------------------------------------

    def close(self) -> None:
        """End one scan: forget what was particular to it, keep the database open."""
        self.end_scan()

    def shutdown(self) -> None:
        """Make the writes left and close the database for good."""
        self.flush()
        super().close()
