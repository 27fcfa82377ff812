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
from concurrent.futures import ProcessPoolExecutor

from webwarden.discover import FileKind, SourceFile
from webwarden.engine.cache import ResultCache, content_digest
from webwarden.engine.files import FilePlan, FileResult, analyse_file

MIN_FILES_PER_WORKER = 24
"""Below this many files per worker, forking costs more than it saves."""

_PLAN: FilePlan | None = None


def _initialise(plan: FilePlan) -> None:
    global _PLAN  # NOTE: one plan per worker process, set once
    _PLAN = plan


def _work(file: SourceFile) -> tuple[str | None, bytes]:
    assert _PLAN is not None  # noqa: S101 - set by the initializer
    # NOTE: pickled here, so that the parent keeps these very bytes for its cache
    # instead of pickling the result a second time.
    return content_digest(file), pickle.dumps(analyse_file(file, _PLAN), protocol=5)


def _is_read(file: SourceFile, plan: FilePlan) -> bool:
    return file.kind is not FileKind.OTHER or (
        plan.templates is not None and plan.templates.is_template(file)
    )


def _unread(file: SourceFile) -> FileResult:
    return FileResult(file.relpath, file.kind, analysed=False)


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
) -> list[FileResult]:
    """The `FileResult` of every file, in the order given."""
    # NOTE: a file no rule reads (an image, a stylesheet) has nothing to cache or to send
    # to a worker: its result is known without opening it.
    known = {f.relpath: _unread(f) for f in files if not _is_read(f, plan)}
    if known:
        read = [f for f in files if f.relpath not in known]
        counted = None if progress is None else (lambda done: progress(done + len(known)))
        found = run_files(read, plan, jobs=jobs, cache=cache, progress=counted)
        results = {r.relpath: r for r in found}
        if progress is not None:
            progress(len(files))
        return [known.get(f.relpath) or results[f.relpath] for f in files]
    keys = cache.keys(files, plan) if cache is not None and cache.usable else {}
    hits = cache.load(keys) if cache is not None and keys else {}
    todo = [f for f in files if f.relpath not in hits]
    fresh: dict[str, FileResult] = {}
    pickled: dict[str, bytes] = {}
    done = len(hits)
    if progress is not None and done:
        progress(done)
    digests: dict[str, str | None] = {}
    workers = min(jobs, len(todo) // MIN_FILES_PER_WORKER)
    if workers > 1:
        chunksize = max(1, len(todo) // (workers * 16))
        with ProcessPoolExecutor(workers, _context(), _initialise, (plan,)) as pool:
            for file, (digest, data) in zip(
                todo, pool.map(_work, todo, chunksize=chunksize), strict=True
            ):
                fresh[file.relpath] = pickle.loads(data)  # noqa: S301 - from our own worker
                pickled[file.relpath] = data
                digests[file.relpath] = digest
                done += 1
                if progress is not None:
                    progress(done)
    else:
        for file in todo:
            fresh[file.relpath] = analyse_file(file, plan)
            done += 1
            if progress is not None:
                progress(done)
    if cache is not None and fresh:
        for file in todo:
            if (
                file.relpath not in keys
                and cache.usable
                and (digest := digests.get(file.relpath) or content_digest(file))
            ):
                key = cache.key_of(file, plan, digest)
                if key is not None:
                    keys[file.relpath] = key
        cache.store(keys, fresh.values(), pickled)
    return [hits.get(f.relpath) or fresh[f.relpath] for f in files]
