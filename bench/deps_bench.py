"""Dependency audit figures: importing the PyPA advisory snapshot, auditing 300 pins.

    python bench/deps_bench.py [--snapshot ../shared/data/pypa-advisory-db] [--runs 3]

(`--snapshot` defaults to $WEBWARDEN_SHARED_DATA/pypa-advisory-db, as the tests find it.)

Measures, on this machine:
1. `webwarden db import` of the snapshot into a fresh SQLite store (wall time);
2. auditing a generated requirements.txt of 300 pinned packages (300 distinct packages
   of the snapshot, each pinned to a version its own advisories mention) offline
   against that store: in-process (`audit_project`) and as a `webwarden deps` process;
3. the same 300 pins online against a loopback OSV API serving the same snapshot
   (tests/deps/osv_server.py), cold and warm on-disk cache;
4. `pip-audit -r` on the same file, where it can run: first with its defaults (needs
   PyPI's JSON API on the network), then with `--osv-url` at the loopback server
   (`-s osv --no-deps --disable-pip`), cold and warm cache. The loopback server matches
   `/v1/query` by the records' explicit `versions` lists only, so pip-audit's ids are an
   independent cross-check of webwarden's range evaluation; the differences are printed.
Timings are wall-clock medians of `--runs` runs. Nothing here is asserted; figures go in
the closing note of the issue.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.deps.osv_server import OsvData, OsvServer, serve  # noqa: E402
from webwarden.deps.advisories.bulk import read_records  # noqa: E402
from webwarden.deps.advisories.local_store import import_records  # noqa: E402
from webwarden.deps.advisories.osv import parse_record  # noqa: E402
from webwarden.deps.audit import known_versions  # noqa: E402
from webwarden.deps.options import DepsOptions  # noqa: E402
from webwarden.deps.run import audit_project  # noqa: E402


def timed(action: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time of `runs` calls, and the last result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def requirements(snapshot: Path, count: int) -> str:
    """`count` pins: distinct packages, each at the middle version its records mention."""
    by_name: dict[str, list] = {}
    for _, document in read_records(snapshot):
        if isinstance(document, dict) and not document.get("withdrawn"):
            advisory = parse_record(document)
            for name in {a.name for a in advisory.affected}:
                by_name.setdefault(name, []).append(advisory)
    lines = []
    for name in sorted(by_name):
        versions = [v for v in known_versions(by_name[name], name) if not v.is_prerelease]
        if versions:
            lines.append(f"{name}=={versions[len(versions) // 2]}")
        if len(lines) == count:
            break
    return "\n".join(lines) + "\n"


def webwarden_ids(root: Path, options: DepsOptions) -> dict[str, set[str]]:
    audit = audit_project(root, [root / "requirements.txt"], options)
    return {
        d.dependency.key: {i for g in d.vulnerable for i in g.ids}
        for d in audit.dependencies
        if d.vulnerable
    }


def pip_audit(requirements_file: Path, extra: list[str], cache: Path) -> tuple[int, dict | str]:
    command = [
        "pip-audit", "-r", str(requirements_file), "--progress-spinner", "off",
        "-f", "json", "--cache-dir", str(cache), *extra,
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=900, check=False)
    if run.returncode not in (0, 1):
        return run.returncode, (run.stderr.strip().splitlines() or ["?"])[-1]
    return run.returncode, json.loads(run.stdout)


def pip_audit_ids(document: dict) -> dict[str, set[str]]:
    return {
        d["name"].lower(): {i for v in d["vulns"] for i in (v["id"], *v.get("aliases", []))}
        for d in document.get("dependencies", [])
        if d.get("vulns")
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("WEBWARDEN_SHARED_DATA", REPO.parent / "shared" / "data"))
    parser.add_argument("--snapshot", type=Path, default=shared / "pypa-advisory-db")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    vulns = args.snapshot / "vulns"
    work = Path(tempfile.mkdtemp(prefix="webwarden-deps-bench-"))
    try:
        store = work / "store.sqlite3"
        seconds, result = timed(
            lambda: import_records(store, read_records(vulns), origin="bench", replace=True),
            args.runs,
        )
        print(f"import snapshot ({result.imported} advisories): {seconds:.2f} s")  # type: ignore[attr-defined]

        project = work / "project"
        project.mkdir()
        (project / "requirements.txt").write_text(requirements(vulns, args.count), "utf-8")
        options = DepsOptions(db=store, offline=True, stale_days=100_000)
        seconds, offline = timed(lambda: webwarden_ids(project, options), args.runs)
        print(
            f"webwarden audit of {args.count} pins, offline store, in-process: {seconds:.3f} s"
            f" ({len(offline)} vulnerable packages)"
        )  # type: ignore[arg-type]
        command = [sys.executable, "-m", "webwarden", "deps", str(project), "--db", str(store),
                   "--offline", "--format", "json", "--isolated", "--exit-zero"]  # fmt: skip
        seconds, _ = timed(
            lambda: subprocess.run(command, capture_output=True, check=True), args.runs
        )
        print(f"webwarden deps process (startup included), offline store: {seconds:.3f} s")

        data = OsvData(vulns)
        with serve(OsvServer(data)) as server:
            cache = work / "webwarden-cache"
            online = DepsOptions(osv_url=server.url, cache_dir=cache, stale_days=100_000)
            started = time.perf_counter()
            webwarden_ids(project, online)
            cold = time.perf_counter() - started
            requests = len(server.requests)
            seconds, _ = timed(lambda: webwarden_ids(project, online), args.runs)
            print(
                f"webwarden online (loopback OSV API): cold cache {cold:.2f} s "
                f"({requests} requests), warm cache {seconds:.3f} s"
            )

            if shutil.which("pip-audit") is None:
                print("pip-audit: not installed (pip install pip-audit); skipped")
                return
            pip_cache = work / "pip-audit-cache"
            started = time.perf_counter()
            status, answer = pip_audit(
                project / "requirements.txt", ["--no-deps", "--disable-pip"], pip_cache
            )
            default = time.perf_counter() - started
            if isinstance(answer, str):
                shown = answer
            else:
                skipped = sum(1 for d in answer["dependencies"] if d.get("skip_reason"))
                shown = f"{len(pip_audit_ids(answer))} vulnerable, {skipped} skipped as not found"
            print(
                f"pip-audit -r (defaults: PyPI JSON API): exit {status} after {default:.1f} s: {shown}"
            )
            osv = ["-s", "osv", "--osv-url", f"{server.url}/v1/query", "--no-deps", "--disable-pip"]
            before = len(server.requests)
            started = time.perf_counter()
            status, answer = pip_audit(project / "requirements.txt", osv, pip_cache)
            cold = time.perf_counter() - started
            started = time.perf_counter()
            pip_audit(project / "requirements.txt", osv, pip_cache)
            warm = time.perf_counter() - started
            if isinstance(answer, str):
                print(f"pip-audit -r with --osv-url (loopback): exit {status}: {answer}")
                return
            theirs = pip_audit_ids(answer)
            print(
                f"pip-audit -r with --osv-url (loopback): cold {cold:.2f} s "
                f"({len(server.requests) - before} requests for both runs), warm {warm:.2f} s "
                f"({len(theirs)} vulnerable packages)"
            )
            for name in sorted(set(offline) | set(theirs)):  # type: ignore[arg-type]
                ours, other = offline.get(name, set()), theirs.get(name, set())  # type: ignore[union-attr]
                if not (ours & other) and (ours or other):
                    print(
                        f"  differs: {name}: webwarden {sorted(ours)[:3]} pip-audit {sorted(other)[:3]}"
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
