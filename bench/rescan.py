"""A daemon's rescan after a one-line edit, in process: CPU seconds per rescan.

`speed.py`'s edit-daemon times the command end to end (client start, socket, server),
which the machine's load moves by a tenth of a second; this runs the server's `check`
in this process on a copy of a tree, edits one function body before each rescan (as
edit-daemon does) and prints the median CPU time of the rescans. Run it for two
versions side by side to compare them (`PYTHONPATH=<other>/src`), and with `--profile
FILE` to write a cProfile of the rescans (the first check, which reads the cache, left
out).

    python bench/rescan.py --tree bench/corpora/django-5.2.19 [--rescans 12] [--profile out.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from speed import edit_a_body

from webwarden.collector import cycle_collector_paused
from webwarden.daemon.server import Server


def rescans(tree: Path, count: int, profile: Path | None) -> list[float]:
    """CPU seconds of `count` rescans of a copy of `tree`, each after a one-line edit."""
    profiler = cProfile.Profile() if profile else None
    seconds = []
    with tempfile.TemporaryDirectory(prefix="webwarden-rescan-") as tmp:
        copy = Path(tmp) / "tree"
        shutil.copytree(tree, copy, symlinks=True)
        argv = ["check", str(copy), "--isolated", "--quiet", "--exit-zero", "--offline"]
        argv += ["--format", "json", "-o", os.devnull, "--cache-dir", str(Path(tmp) / "cache")]
        request = {"argv": argv, "env": dict(os.environ), "cwd": tmp}
        server = Server()
        server.check(request)  # NOTE: the cold scan, which fills the cache
        server.caches.flush()
        time.sleep(2.5)  # NOTE: folders changed just now are not trusted (discover.again)
        server.check(request)
        for _ in range(count):
            edit_a_body(copy)
            # NOTE: as the server does: the collector paused until the answer is out,
            # the cache written after it, then a collection.
            with cycle_collector_paused():
                started = time.process_time()
                if profiler:
                    profiler.enable()
                server.check(request)
                if profiler:
                    profiler.disable()
                seconds.append(time.process_time() - started)
                server.caches.flush()
            gc.collect()
        server.caches.shutdown()
    if profiler and profile:
        profiler.dump_stats(profile)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, required=True)
    parser.add_argument("--rescans", type=int, default=12)
    parser.add_argument("--profile", type=Path)
    options = parser.parse_args()
    seconds = rescans(options.tree, options.rescans, options.profile)
    print(
        f"{options.tree.name}: {len(seconds)} rescans, CPU seconds median"
        f" {statistics.median(seconds):.3f} (min {min(seconds):.3f}, max {max(seconds):.3f})"
    )


if __name__ == "__main__":
    main()
