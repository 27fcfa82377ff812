"""Taint rules vs Bandit on the labelled corpus, and the taint analysis on a big tree.

Part 1 scores both tools on `tests/analysis/taint/corpus` (124 labelled Flask and
Django cases): recall on the vulnerable cases (for webwarden, the case's own rule must
fire; for Bandit, any issue in the case counts) and false positives on the safe
look-alikes (any finding in the case). Part 2 times the per-file IR extraction and the
project step of the taint analysis on a tree (default: the Django 5.2.19 sdist).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from tests.analysis.taint.corpus_cases import APPS, CORPUS, Score, score  # noqa: E402
from webwarden.analysis.taint import analyse  # noqa: E402
from webwarden.config import load_config  # noqa: E402
from webwarden.engine import scan  # noqa: E402
from webwarden.rules.base import TaintRule  # noqa: E402
from webwarden.rules.registry import all_rules  # noqa: E402

TAINT = [rule.code for rule in all_rules() if issubclass(rule, TaintRule)]


def webwarden_hits(app: Path) -> list[tuple[str, int, str]]:
    config = app / "pyproject.toml"
    loaded = load_config(
        [app],
        config_file=config if config.is_file() else None,
        isolated=not config.is_file(),
        root=app,
        overrides={"select": TAINT},
    )
    return [(f.location.path, f.location.line, f.code) for f in scan([app], loaded).findings]


def bandit_hits(app: Path) -> list[tuple[str, int, str]] | None:
    bandit = shutil.which("bandit")
    if bandit is None:
        return None
    done = subprocess.run(
        [bandit, "-r", str(app), "-f", "json", "-q"], capture_output=True, text=True, check=False
    )
    report = json.loads(done.stdout or "{}")
    return [
        (Path(r["filename"]).resolve().relative_to(app).as_posix(), r["line_number"], r["test_id"])
        for r in report.get("results", [])
    ]


def show(tool: str, app: str, result: Score | None) -> None:
    if result is None:
        print(f"{tool:10} {app:11} not installed (pip install -e '.[bench]')")
        return
    print(
        f"{tool:10} {app:11} recall {result.found}/{result.vulnerable} "
        f"({result.recall:.0%})  false positives {result.false_positives}/{result.safe}"
    )
    if result.missed:
        print(f"{'':23}missed: {' '.join(result.missed)}")
    if result.flagged_safe:
        print(f"{'':23}flagged safe: {' '.join(result.flagged_safe)}")


def corpus() -> None:
    print("Labelled corpus (tests/analysis/taint/corpus)")
    for name in APPS:
        app = (CORPUS / name).resolve()
        show("webwarden", name, score(app, webwarden_hits(app)))
        hits = bandit_hits(app)
        show("bandit", name, None if hits is None else score(app, hits, any_code=True))


def tree(path: Path) -> None:
    config = load_config([path], isolated=True, root=path, overrides={"select": ["WW000"]})
    started = time.perf_counter()
    result = scan([path], config)
    scanned = time.perf_counter() - started
    assert result.project is not None
    started = time.perf_counter()
    engine = analyse(result.project)
    analysed = time.perf_counter() - started
    print(
        f"\n{path}: {result.files_analysed} files, {result.lines} lines, "
        f"{engine.analysed} function summaries, {len(engine.flows_found)} flows\n"
        f"  per-file step (parse, IR, facts): {scanned:.2f}s; taint project step: {analysed:.2f}s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, help="also time the analysis on this tree")
    options = parser.parse_args()
    corpus()
    if options.tree is not None:
        tree(options.tree.resolve())


if __name__ == "__main__":
    main()
