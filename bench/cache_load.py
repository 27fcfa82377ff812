"""What loading the cached per-file results costs, part by part.

Unpickles every row of the `results` table of a cache (fill it with a scan first), then
reads each kind of fact of every module, and prints the best of a few rounds of each:
the rows are what `ResultCache.load` pays on every scan, the facts what a project pass
pays when it reads them (a fact no pass reads stays pickled and costs nothing).

    python bench/cache_load.py CACHE_DIR
"""

from __future__ import annotations

import argparse
import gc
import pickle
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from webwarden.engine.files import FileResult
from webwarden.model.project import ModuleSummary


def summaries(rows: list[bytes]) -> list[ModuleSummary]:
    results = [pickle.loads(row) for row in rows]  # noqa: S301 - our own cache
    return [r.summary for r in results if isinstance(r, FileResult) and r.summary is not None]


def best(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def best_read(rows: list[bytes], name: str, rounds: int) -> float:
    """Reading fact `name` of every module, from freshly unpickled rows each round."""
    times = []
    for _ in range(rounds):
        fresh = summaries(rows)
        started = time.perf_counter()
        for summary in fresh:
            summary.facts.get(name)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("cache_dir", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    gc.disable()  # NOTE: as during a scan (see engine.pipeline)
    for path in sorted(args.cache_dir.glob("results-*.sqlite3")):
        report(path, args.rounds)


def report(path: Path, rounds: int) -> None:
    with sqlite3.connect(path) as db:
        rows = [bytes(row[0]) for row in db.execute("SELECT value FROM results")]
    print(f"{path.name}: {len(rows)} rows, {sum(map(len, rows)) / 1e6:.1f} MB")
    print(f"  unpickle rows         {best(lambda: summaries(rows), rounds):.4f} s")
    for name in sorted({name for summary in summaries(rows) for name in summary.facts}):
        print(f"  read {name:<16} {best_read(rows, name, rounds):.4f} s")


if __name__ == "__main__":
    main()
