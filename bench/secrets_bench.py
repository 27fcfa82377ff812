"""What the secret and authentication fact extractors cost, per tree, next to a parse.

Parses every `.py` file of each tree once, then times, over all files: the shared node
index and parent map (the engine's one traversal, done
anyway), `extract_secrets` and `extract_auth`. Prints seconds
and the ratio to the parse, the median of `--rounds` rounds.
"""

from __future__ import annotations

import argparse
import ast
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from webwarden.model.auth.extract import extract_auth
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.secrets.extract import extract_secrets
from webwarden.parse import ParsedPython, read_python


def _contexts(parsed: list[tuple[str, ParsedPython]]) -> list[FileContext]:
    contexts = []
    for relpath, module in parsed:
        names = NameResolver(module.tree, relpath)
        contexts.append(FileContext(relpath, relpath, module.lines, module.tree, names))
    return contexts


def _parse(tree: Path, files: list[Path]) -> list[tuple[str, ParsedPython]]:
    parsed = []
    for path in files:
        module = read_python(path, 2 << 20)
        if isinstance(module, ParsedPython):
            parsed.append((path.relative_to(tree).as_posix(), module))
    return parsed


def _index(ctx: FileContext) -> None:
    """What the engine's one traversal records: every parent and every node by type."""
    stack: list[ast.AST] = [ctx.tree]
    while stack:
        node = stack.pop()
        ctx.by_type.setdefault(type(node), []).append(node)
        for child in ast.iter_child_nodes(node):
            ctx.parents[id(child)] = node
            stack.append(child)
    ctx.mark_parents_complete(indexed=True)


def _round(tree: Path, files: list[Path]) -> dict[str, float]:
    started = time.perf_counter()
    contexts = _contexts(_parse(tree, files))
    times = {"parse": time.perf_counter() - started}
    steps: dict[str, Callable[[FileContext], object]] = {
        "index": _index,
        "secrets": extract_secrets,
        "auth": extract_auth,
    }
    for name, step in steps.items():
        started = time.perf_counter()
        for context in contexts:
            step(context)
        times[name] = time.perf_counter() - started
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for tree in args.trees:
        files = sorted(tree.rglob("*.py"))
        rounds = [_round(tree, files) for _ in range(args.rounds)]
        base = statistics.median(r["parse"] for r in rounds)
        print(f"{tree.name}: {len(files)} files")
        for step in rounds[0]:
            median = statistics.median(r[step] for r in rounds)
            print(f"  {step:8} {median:7.2f} s  {median / base:5.2f}x parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
