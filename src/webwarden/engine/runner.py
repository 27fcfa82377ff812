"""Run the per-file step over many files: from the cache, in worker processes, or here.

Workers are forked (on platforms that have fork) after webwarden and its rules are
imported, so they start at once; each receives the plan once and sends back small
`FileResult`s, never trees.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from webwarden.discover import FileKind, SourceFile
from webwarden.engine.cache import ResultCache, content_digest
from webwarden.engine.files import FilePlan, FileResult, analyse_file

MIN_FILES_PER_WORKER = 24
"""Below this many files per worker, forking costs more than it saves."""

STORE_EVERY = 256
"""Fresh results put in the cache at a time as the workers send them: written while the
workers still run, they leave only the last few to write after the last result."""

_PLAN: FilePlan | None = None


WORKER_NICENESS = 5
"""How much lower the workers' priority is while this process does `Early` work: the
work it starts waits for nothing else, so it should not wait for a core either."""


def _initialise(plan: FilePlan, niceness: int) -> None:
    global _PLAN  # NOTE: one plan per worker process, set once
    _PLAN = plan
    if niceness and hasattr(os, "nice"):  # NOTE: not on Windows
        os.nice(niceness)


def _work(file: SourceFile) -> tuple[str | None, bytes]:
    assert _PLAN is not None  # noqa: S101 - set by the initializer
    return _analysed(file, _PLAN)


def _analysed(file: SourceFile, plan: FilePlan) -> tuple[str | None, bytes]:
    # NOTE: pickled here, so that the parent keeps these very bytes for its cache
    # instead of pickling the result a second time.
    result = analyse_file(file, plan)
    return result.digest or content_digest(file), pickle.dumps(result, protocol=5)


def _work_with(plan: FilePlan, files: list[SourceFile]) -> list[tuple[str | None, bytes]]:
    """A chunk of files analysed with a plan other than the pool's."""
    return [_analysed(file, plan) for file in files]


def _is_read(file: SourceFile, plan: FilePlan) -> bool:
    return file.kind is not FileKind.OTHER or (
        plan.templates is not None and plan.templates.is_template(file)
    )


def _unread(file: SourceFile) -> FileResult:
    return FileResult(file.relpath, file.kind, analysed=False)


@dataclass(slots=True)
class Early:
    """Work this process does while the workers are still busy: once the files `select`
    picks are analysed, `start` is called with the results it has (theirs and every cached
    one, in the order given to `run_files`), and the workers go on with the rest meanwhile.

    Only when workers run.
    """

    select: Callable[[Sequence[SourceFile]], frozenset[str]]
    """The relpaths, among files to analyse, that `start` needs."""
    start: Callable[[list[FileResult]], None]
    more: Callable[[list[FileResult]], tuple[list[SourceFile], FilePlan] | None] | None = None
    """Called with the same results just before `start`: files to analyse with another
    plan, queued behind the rest (the templates, whose plan the application gives)."""
    extra: Extra | None = None
    """What `more` asked for, analysed, once `run_files` returns."""


@dataclass(slots=True)
class Extra:
    """The files `Early.more` asked for, with the plan they were analysed with."""

    batch: _Batch

    @property
    def plan(self) -> FilePlan:
        """The plan they were analysed with."""
        return self.batch.plan

    @property
    def files(self) -> Sequence[SourceFile]:
        """The files, in the order `Early.more` gave them."""
        return self.batch.files

    def results(self) -> list[FileResult]:
        """Their results, in order; the fresh ones go into the cache."""
        self.batch.store()
        return self.batch.results()


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> multiprocessing.context.BaseContext:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def run_files(
    files: Sequence[SourceFile],
    plan: FilePlan,
    *,
    jobs: int,
    cache: ResultCache | None,
    progress: Callable[[int], None] | None = None,
    early: Early | None = None,
) -> list[FileResult]:
    """The `FileResult` of every file, in the order given; see `Early` for `early`."""
    # NOTE: a file no rule reads (an image, a stylesheet) has nothing to cache or to send
    # to a worker: its result is known without opening it.
    known = {f.relpath: _unread(f) for f in files if not _is_read(f, plan)}
    if known:
        read = [f for f in files if f.relpath not in known]
        counted = None if progress is None else (lambda done: progress(done + len(known)))
        found = run_files(read, plan, jobs=jobs, cache=cache, progress=counted, early=early)
        results = {r.relpath: r for r in found}
        if progress is not None:
            progress(len(files))
        return [known.get(f.relpath) or results[f.relpath] for f in files]
    batch = _Batch.open(files, plan, cache)
    todo = [f for f in files if f.relpath not in batch.hits]
    done = len(batch.hits)
    if progress is not None and done:
        progress(done)
    workers = min(jobs, len(todo) // MIN_FILES_PER_WORKER)
    if workers > 1:
        needed = early.select(todo) if early is not None else frozenset()
        first = [f for f in todo if f.relpath in needed]
        todo = first + [f for f in todo if f.relpath not in needed]
        niceness = WORKER_NICENESS if early is not None else 0
        chunksize = max(1, len(todo) // (workers * 16))
        with ProcessPoolExecutor(workers, _context(), _initialise, (plan, niceness)) as pool:
            analysed = pool.map(_work, todo, chunksize=chunksize)
            queued: list[tuple[list[SourceFile], Future[list[tuple[str | None, bytes]]]]] = []
            if early is not None and not first:
                queued = _start(early, batch, first, pool, chunksize)
            for count, (file, (digest, data)) in enumerate(zip(todo, analysed, strict=True), 1):
                result = pickle.loads(data)  # noqa: S301 - from our own worker
                batch.add(file, result, data, digest)
                if count % STORE_EVERY == 0:
                    batch.store()
                if progress is not None:
                    progress(done + count)
                if early is not None and count == len(first):
                    queued = _start(early, batch, first, pool, chunksize)
            if early is not None and early.extra is not None:
                for chunk, future in queued:
                    for file, (digest, data) in zip(chunk, future.result(), strict=True):
                        result = pickle.loads(data)  # noqa: S301 - from our own worker
                        early.extra.batch.add(file, result, data, digest)
    else:
        for count, file in enumerate(todo, 1):
            batch.add(file, analyse_file(file, plan))
            if progress is not None:
                progress(done + count)
    batch.store()
    return batch.results()


def _start(
    early: Early,
    batch: _Batch,
    first: Sequence[SourceFile],
    pool: ProcessPoolExecutor,
    chunksize: int,
) -> list[tuple[list[SourceFile], Future[list[tuple[str | None, bytes]]]]]:
    """Queue what `early.more` asks for behind the pool's work, then run `early.start`."""
    queued = []
    wanted = early.more(batch.results()) if early.more is not None else None
    if wanted is not None:
        files, plan = wanted
        extra = _Batch.open(files, plan, batch.cache)
        todo = [f for f in files if f.relpath not in extra.hits]
        early.extra = Extra(extra)
        for at in range(0, len(todo), chunksize):
            chunk = todo[at : at + chunksize]
            queued.append((chunk, pool.submit(_work_with, plan, chunk)))
    batch.start(early, first)
    return queued


@dataclass(slots=True)
class _Batch:
    """The results of one `run_files` as they come: from the cache, and analysed anew."""

    files: Sequence[SourceFile]
    plan: FilePlan
    cache: ResultCache | None
    keys: dict[str, str]
    """relpath -> cache key, of the files whose key is known."""
    hits: dict[str, FileResult]
    fresh: dict[str, FileResult] = field(default_factory=dict)
    unstored: list[SourceFile] = field(default_factory=list)
    """The files whose fresh result is not in the cache yet, in the order they came."""
    pickled: dict[str, bytes] = field(default_factory=dict)
    """The fresh results not in the cache yet, as the workers pickled them (what the
    cache stores)."""
    digests: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def open(cls, files: Sequence[SourceFile], plan: FilePlan, cache: ResultCache | None) -> _Batch:
        """The batch of `files`, with what the cache holds of them."""
        keys = cache.keys(files, plan) if cache is not None and cache.usable else {}
        hits = cache.load(keys) if cache is not None and keys else {}
        return cls(files, plan, cache, keys, hits)

    def add(
        self, file: SourceFile, result: FileResult, data: bytes = b"", digest: str | None = None
    ) -> None:
        """One file's fresh result (as pickled and with its content digest, from a worker)."""
        self.fresh[file.relpath] = result
        self.unstored.append(file)
        if data:
            self.pickled[file.relpath] = data
            self.digests[file.relpath] = digest
        elif result.digest:
            self.digests[file.relpath] = result.digest

    def results(self) -> list[FileResult]:
        """The results so far, in the order of `files`."""
        return [
            r for f in self.files if (r := self.hits.get(f.relpath) or self.fresh.get(f.relpath))
        ]

    def start(self, early: Early, analysed: Sequence[SourceFile]) -> None:
        """Hand the results so far to `early`, the cache keys of `analysed` known."""
        self._add_keys(analysed)
        early.start(self.results())

    def store(self) -> None:
        """Put the fresh results not stored yet in the cache."""
        if self.cache is None or not self.unstored:
            return
        files, self.unstored = self.unstored, []
        self._add_keys(files)
        pickled = {f.relpath: self.pickled.pop(f.relpath, b"") for f in files}
        self.cache.store(self.keys, [self.fresh[f.relpath] for f in files], pickled)

    def _add_keys(self, analysed: Sequence[SourceFile]) -> None:
        """The cache keys of files analysed here, added to `keys` (and to the cache's
        `known_keys`, on which the taint record is keyed)."""
        cache = self.cache
        if cache is None or not cache.usable:
            return
        for file in analysed:
            if file.relpath not in self.keys and (
                digest := self.digests.get(file.relpath) or content_digest(file)
            ):
                key = cache.key_of(file, self.plan, digest)
                if key is not None:
                    self.keys[file.relpath] = key
