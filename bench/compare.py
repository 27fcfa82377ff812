"""webwarden vs Bandit vs ruff's S rules vs a bare parse, on one tree, in one run.

Prints files, lines, median seconds, peak memory and the ratio of each tool to the
bare parse. Tools that are not installed are reported as missing, not skipped silently.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"
DJANGO = "django==5.2.19"


def django_tree() -> Path:
    """The unpacked Django sdist, downloaded on first use."""
    CORPORA.mkdir(exist_ok=True)
    existing = sorted(CORPORA.glob("django-5.2.19"))
    if existing:
        return existing[0]
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--no-binary",
            ":all:",
            DJANGO,
            "-d",
            str(CORPORA),
        ],
        check=True,
    )
    archive = next(CORPORA.glob("django-5.2.19.tar.gz"))
    with tarfile.open(archive) as bundle:
        bundle.extractall(CORPORA, filter="data")
    return CORPORA / "django-5.2.19"


def commands(tree: Path) -> dict[str, list[str] | None]:
    """Tool name -> command line (None when the tool is missing)."""
    bandit = shutil.which("bandit")
    ruff = shutil.which("ruff")
    webwarden = shutil.which("webwarden")
    return {
        "parse": [sys.executable, str(HERE / "_parse_all.py"), str(tree)],
        "webwarden": [
            webwarden,
            "check",
            str(tree),
            "--isolated",
            "--format",
            "json",
            "--quiet",
            "--exit-zero",
        ]
        if webwarden
        else None,
        "bandit": [bandit, "-r", "-q", "-f", "json", str(tree)] if bandit else None,
        "ruff-S": [
            ruff,
            "check",
            "--select",
            "S",
            "--no-cache",
            "--isolated",
            "--exit-zero",
            "-q",
            str(tree),
        ]
        if ruff
        else None,
    }


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall seconds and peak RSS (MiB) of one run of `command` and its children, in a
    fresh measuring process (`env`: its environment, default this one's)."""
    completed = subprocess.run(
        [sys.executable, str(HERE / "_measure.py"), *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def count(tree: Path) -> tuple[int, int]:
    """Python files and lines under `tree`."""
    out = subprocess.run(
        [sys.executable, str(HERE / "_parse_all.py"), str(tree)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return int(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, help="tree to scan (default: Django 5.2.19 sdist)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    tree = args.tree or django_tree()
    files, lines = count(tree)
    print(f"tree: {tree}  ({files} Python files, {lines:,} lines)")
    tools = commands(tree)
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, cmd in tools.items() if cmd}
    for _ in range(args.rounds):
        for name, command in tools.items():
            if command:
                runs[name].append(measure(command))
    floor = statistics.median(r["seconds"] for r in runs["parse"])
    print(f"{'tool':<10} {'seconds':>8} {'x parse':>8} {'peak MiB':>9}")
    for name, command in tools.items():
        if not command:
            print(f"{name:<10} {'missing':>8}")
            continue
        seconds = statistics.median(r["seconds"] for r in runs[name])
        peak = max(r["peak_mib"] for r in runs[name])
        print(f"{name:<10} {seconds:8.2f} {seconds / floor:8.2f} {peak:9.1f}")


if __name__ == "__main__":
    main()
