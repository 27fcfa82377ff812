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


def tree(name: str, requirement: str) -> Path:
    """An unpacked sdist under bench/corpora, downloaded on first use."""
    target = CORPORA / name
    if target.exists():
        return target
    CORPORA.mkdir(exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "--no-binary",
            ":all:",
            requirement,
            "-d",
            str(CORPORA),
        ],
        check=True,
    )
    archive = next(CORPORA.glob(f"{name}.tar.gz"))
    with tarfile.open(archive) as bundle:
        bundle.extractall(CORPORA, filter="data")
    return target


def commands(root: Path) -> dict[str, list[str] | None]:
    """Tool name -> command line (None when the tool is missing)."""
    bandit = shutil.which("bandit")
    ruff = shutil.which("ruff")
    webwarden = shutil.which("webwarden")
    return {
        "parse": [sys.executable, str(HERE / "_parse_all.py"), str(root)],
        "webwarden": [
            webwarden,
            "check",
            str(root),
            "--isolated",
            "--format",
            "json",
            "--quiet",
            "--exit-zero",
        ]
        if webwarden
        else None,
        "bandit": [bandit, "-r", "-q", "-f", "json", str(root)] if bandit else None,
        "ruff-S": [
            ruff,
            "check",
            "--select",
            "S",
            "--no-cache",
            "--isolated",
            "--exit-zero",
            "-q",
            str(root),
        ]
        if ruff
        else None,
    }


def measure(
    command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> dict[str, float]:
    """Wall seconds and peak RSS (MiB) of one run of `command` and its children, in a
    fresh measuring process (`env`: its environment, default this one's; `cwd`: its
    folder, default this one's)."""
    completed = subprocess.run(
        [sys.executable, str(HERE / "_measure.py"), *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=cwd,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def count(root: Path) -> tuple[int, int]:
    """Python files and lines under `root`."""
    out = subprocess.run(
        [sys.executable, str(HERE / "_parse_all.py"), str(root)],
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
    root = args.tree or tree("django-5.2.19", DJANGO)
    files, lines = count(root)
    print(f"tree: {root}  ({files} Python files, {lines:,} lines)")
    tools = commands(root)
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
