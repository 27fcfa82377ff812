"""Findings per rule, and a cold scan against the bare parse, on real Flask applications.

The Django side is measured by `speed.py` (Django, Wagtail, django-oscar); this script
does the same for Flask: FlaskBB 2.0.2 and Flask-AppBuilder 5.3.0 (sdists), Indico 3.2.9
and, with `--superset`, Apache Superset 6.1.0 (wheels: their Python files and templates
are unpacked, the 100 MB of JavaScript assets are not). Read the findings for false
positives; the ratio is one cold run per tree (use `speed.py` for medians).

    python bench/flask_trees.py [--superset] [--tree PATH ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from compare import CORPORA, commands, count, measure, tree
from speed import compile_webwarden, rules, webwarden

SDISTS = {"FlaskBB-2.0.2": "flaskbb==2.0.2", "flask_appbuilder-5.3.0": "flask-appbuilder==5.3.0"}
WHEELS = {"indico-3.2.9": "indico==3.2.9"}
SUPERSET = {"superset-6.1.0": "apache-superset==6.1.0"}
_KEPT = (".py", ".html", ".txt", ".cfg", ".toml")


def wheel_tree(name: str, requirement: str) -> Path:
    """The Python files and templates of a wheel under bench/corpora, downloaded once."""
    target = CORPORA / name
    if target.exists():
        return target
    with tempfile.TemporaryDirectory() as tmp:
        pip = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary"]
        subprocess.run([*pip, ":all:", requirement, "-d", tmp], check=True)
        wheel = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(wheel) as bundle:
            for member in bundle.infolist():
                path = member.filename
                if path.endswith(_KEPT) and ".dist-info/" not in path and "/static/" not in path:
                    bundle.extract(member, target)
    return target


def cold(path: Path) -> tuple[float, float, float, float | None]:
    """(bare parse seconds, cold scan seconds, scan peak MiB, Bandit seconds or None when
    it is not installed) of one run each."""
    tools = commands(path)
    parse = measure(tools["parse"] or [])
    with tempfile.TemporaryDirectory() as tmp:
        scan = measure(webwarden(path, Path(tmp) / "cache"))
    bandit = tools["bandit"]
    seconds = measure(bandit)["seconds"] if bandit else None
    return parse["seconds"], scan["seconds"], scan["peak_mib"], seconds


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tree", type=Path, action="append", help="trees to scan instead")
    parser.add_argument("--superset", action="store_true", help="also Apache Superset")
    args = parser.parse_args()
    if args.tree:
        trees = {p.name: p for p in args.tree}
    else:
        trees = {n: tree(n, r) for n, r in SDISTS.items()}
        wheels = WHEELS | (SUPERSET if args.superset else {})
        trees.update({n: wheel_tree(n, r) for n, r in wheels.items()})
    compile_webwarden()
    for name, path in trees.items():
        report(name, path)


def report(name: str, path: Path) -> None:
    """Print one tree's size, parse, cold scan, peak memory, Bandit and findings per rule."""
    files, lines = count(path)
    parse, scan, peak, bandit = cold(path)
    print(
        f"\n{name}: {files} files, {lines} lines; parse {parse:.2f} s, "
        f"cold scan {scan:.2f} s ({scan / parse:.2f}x), peak {peak:.0f} MiB"
    )
    if bandit is not None:
        print(f"  bandit {bandit:.2f} s: webwarden cold is {bandit / scan:.1f}x faster")
    rules(name, path)


if __name__ == "__main__":
    main()
