"""Where the per-file step spends its time, component by component, on one tree.

Not a profiler run (no per-call overhead): each component is timed with perf_counter
around the real code, in one process, so the parts add up to the per-file step. The
cycle collector is paused, as a scan pauses it.
"""

from __future__ import annotations

import argparse
import ast
import time
from collections import defaultdict
from pathlib import Path

from webwarden.collector import cycle_collector_paused
from webwarden.config import load_config
from webwarden.discover import FileKind, discover
from webwarden.engine import files
from webwarden.model import facts as facts_module
from webwarden.model.names import package_dirs
from webwarden.parse import Unreadable, read_python
from webwarden.rules.registry import select_rules


def main() -> None:
    with cycle_collector_paused():
        _profile()


def _profile() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    args = parser.parse_args()
    config = load_config([args.tree], isolated=True)
    discovery = discover([args.tree], config)
    rules = select_rules()
    packages = package_dirs(f.relpath for f in discovery.files)
    plan = files.FilePlan(
        tuple(r.code for r in rules), config.max_file_size, packages, config.test_paths
    )
    timings: dict[str, float] = defaultdict(float)
    python = [f for f in discovery.files if f.kind is FileKind.PYTHON]
    extractors = facts_module.extractors()
    for file in python:
        started = time.perf_counter()
        parsed = read_python(file.path, plan.max_file_size)
        timings["read+parse"] += time.perf_counter() - started
        if isinstance(parsed, Unreadable):
            continue
        started = time.perf_counter()
        ctx = files.make_context(file.relpath, parsed, plan)
        timings["index+names"] += time.perf_counter() - started
        started = time.perf_counter()
        stack: list[ast.AST] = [parsed.tree]
        while stack:
            node = stack.pop()
            stack.extend(ast.iter_child_nodes(node))
        timings["bare walk"] += time.perf_counter() - started
        started = time.perf_counter()
        files._walk(ctx, plan)
        timings["rules"] += time.perf_counter() - started
        for extractor in extractors:
            if ctx.is_test_file and not extractor.in_tests:
                continue
            started = time.perf_counter()
            extractor.extract(ctx)
            timings[f"extract {extractor.name}"] += time.perf_counter() - started
    total = sum(v for k, v in timings.items() if k != "bare walk")
    print(f"{len(python)} Python files")
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        print(f"{name:<28} {seconds:7.2f} s")
    print(f"{'total (without bare walk)':<28} {total:7.2f} s")


if __name__ == "__main__":
    main()
