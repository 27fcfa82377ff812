"""Large data files in a project: the text rules' time must grow with their size, not faster.

Projects ship sample data beside their code: scanner reports a test suite parses (DefectDojo
keeps 110 MB of them), fixtures, exported JSON. The secret rules read every JSON, YAML and
config file. This writes a tree of generated reports (long base64 blobs, hex digests, URLs,
key/value pairs, a few planted secrets; never committed) at 1x, 2x and 4x a base size, runs a
cold `webwarden check` on each in a subprocess, and prints seconds, MB/s and peak RSS; the
last column is the time per MB against the 1x tree's, which stays near 1.0 when growth is
linear.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import sys
import tempfile
from pathlib import Path

from compare import measure


def _report(rng: random.Random, index: int) -> dict[str, object]:
    blob = base64.b64encode(rng.randbytes(rng.randint(2_000, 40_000))).decode()
    issues = [
        {
            "id": hashlib.sha256(f"{index}-{n}".encode()).hexdigest(),
            "title": f"Outdated component {n} in en-us build",
            "url": f"https://scanner.example.com/issues/{index}/{n}?page={n}&lang=en-us",
            "evidence": blob[n * 64 : n * 64 + 4_000],
            "password": "redacted",
        }
        for n in range(rng.randint(20, 120))
    ]
    if index % 50 == 0:
        issues.append({"api_key": "AKIA" + "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ2", k=16))})
    return {"scanner": "generated", "issues": issues, "raw": blob}


def write_tree(root: Path, megabytes: float, seed: int = 7) -> float:
    """Reports under `root/tests/scans/` until they hold `megabytes`; the MB written."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    folder = root / "tests" / "scans"
    folder.mkdir(parents=True)
    (root / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    written = index = 0
    while written < megabytes * 1e6:
        text = json.dumps(_report(rng, index), indent=1 if index % 2 else None)
        (folder / f"report_{index:05d}.json").write_text(text)
        written += len(text)
        index += 1
    return written / 1e6


def _scan(root: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "webwarden", "check", str(root), "--no-cache", "--no-deps"]
    return measure([*command, "--format", "json", "-q"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--megabytes", type=float, default=25.0, help="size of the 1x tree")
    args = parser.parse_args()
    base: float | None = None
    print(f"{'tree':>6} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'peak MiB':>9} {'s/MB vs 1x':>11}")
    for factor in (1, 2, 4):
        with tempfile.TemporaryDirectory() as directory:
            root = Path(directory)
            size = write_tree(root, args.megabytes * factor)
            measured = _scan(root)
        per_mb = measured["seconds"] / size
        base = per_mb if base is None else base
        print(
            f"{factor:>5}x {size:7.1f} {measured['seconds']:8.2f} {size / measured['seconds']:7.1f} "
            f"{measured['peak_mib']:9.0f} {per_mb / base:11.2f}"
        )


if __name__ == "__main__":
    main()
