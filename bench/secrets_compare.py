"""webwarden's secret rules vs detect-secrets on the same trees: what each finds alone.

Runs both on the secret and database fixtures and the example apps (or `--tree PATH`),
compares findings by (file, line) and prints the counts and every line only one of the
two tools reports, with what each says it found. detect-secrets runs with its default
plugins (`scan --all-files`; `.expected` snapshots left out), webwarden with every
secret rule (practice 2, Django's and Flask's included), the credential rules of
practice 3 and `jwt-hardcoded-key`. WW244 reports a committed `.env` once, at its first
secret, so the other secret lines of such a file count as "detect-secrets only".
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
FIXTURES = REPO / "tests" / "rules" / "fixtures"
DEFAULT_TREES = [
    *(FIXTURES / code for code in ("WW240", "WW241", "WW242", "WW243", "WW244", "WW245")),
    *(FIXTURES / code for code in ("WW340", "WW341", "WW747")),
    REPO / "examples",
]
SELECT = "WW2,WW301,WW302,WW320,WW340,WW341,WW747"
Hits = dict[tuple[str, int], list[str]]


def webwarden_hits(tree: Path) -> Hits:
    """(path, line) -> rule codes and messages, from `webwarden check --format json`."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "webwarden",
            "check",
            str(tree),
            "--isolated",
            "--select",
            SELECT,
            "--format",
            "json",
            "--exit-zero",
            "-q",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
    )
    hits: Hits = defaultdict(list)
    for finding in json.loads(done.stdout)["findings"]:
        where = finding["location"]
        hits[(where["path"], where["line"])].append(f"{finding['code']} {finding['message']}")
    return hits


def detect_secrets_hits(tree: Path) -> Hits:
    """(path, line) -> plugin names, from `detect-secrets scan --all-files`."""
    executable = shutil.which("detect-secrets")
    if executable is None:
        sys.exit("detect-secrets is not installed: pip install -e '.[bench]'")
    done = subprocess.run(
        [executable, "scan", "--all-files", "."],
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,
    )
    hits: Hits = defaultdict(list)
    for path, results in json.loads(done.stdout)["results"].items():
        if path.endswith(".expected"):
            # NOTE: expected-findings snapshots are test data (masked), not sources.
            continue
        for result in results:
            hits[(path.removeprefix("./"), result["line_number"])].append(result["type"])
    return hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append", help="trees to compare")
    args = parser.parse_args()
    totals = {"both": 0, "webwarden only": 0, "detect-secrets only": 0}
    for tree in args.tree or DEFAULT_TREES:
        ours, theirs = webwarden_hits(tree), detect_secrets_hits(tree)
        name = tree.relative_to(REPO) if tree.is_relative_to(REPO) else tree
        both = ours.keys() & theirs.keys()
        only_ours = sorted(ours.keys() - theirs.keys())
        only_theirs = sorted(theirs.keys() - ours.keys())
        totals["both"] += len(both)
        totals["webwarden only"] += len(only_ours)
        totals["detect-secrets only"] += len(only_theirs)
        print(
            f"\n== {name}: both {len(both)}, webwarden only {len(only_ours)}, "
            f"detect-secrets only {len(only_theirs)}"
        )
        for key in only_ours:
            print(f"  webwarden only       {key[0]}:{key[1]}  {ours[key][0][:110]}")
        for key in only_theirs:
            print(f"  detect-secrets only  {key[0]}:{key[1]}  {', '.join(theirs[key])}")
    print("\nlines reported:", ", ".join(f"{k} {v}" for k, v in totals.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
