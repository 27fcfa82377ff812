"""Code shapes that could make a per-function or per-module step quadratic.

Real trees rarely hold them, but generated code, data modules and long hand-written views
do: one function of thousands of statements, a data literal of thousands of records, a
chain of thousands of `elif`s or `+`s, thousands of functions calling each other in a row.
For each shape this writes a module at 1x, 2x and 4x a base size (never committed), runs a
cold `webwarden check` on it in a subprocess, and prints the seconds and peak RSS; the last
column is the time per unit of size against the 1x module's (fixed start-up left in), which
falls or stays flat when growth is linear and climbs when it is not. Nesting has a limit
of its own: an `elif` chain of about 200 branches or a sum of about 400 terms is reported
as a WW000 notice (too deeply nested to read in full), so those shapes stay below it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from compare import measure

_VIEW = "from flask import Flask, request\napp = Flask(__name__)\n"


def long_function(n: int) -> str:
    lines = [_VIEW, "@app.route('/a')", "def a():", "    x = request.args.get('q', '')"]
    lines.append("    v0 = x")
    lines += [f"    v{i} = x + '{i}' if len(x) > {i} else v{i - 1}" for i in range(1, n)]
    return "\n".join([*lines, f"    return v{n - 1}", ""])


def data_literal(n: int) -> str:
    rows = "".join(f"    {{'id': {i}, 'url': 'https://x.example/{i}'}},\n" for i in range(n))
    return f"DATA = [\n{rows}]\n"


def elif_chain(n: int) -> str:
    lines = [_VIEW, "@app.route('/b')", "def b():", "    k = request.args['k']"]
    lines += ["    if k == 'a0':", "        r = '0'"]
    for i in range(1, n):
        lines += [f"    elif k == 'a{i}':", f"        r = '{i}'"]
    return "\n".join([*lines, "    else:", "        r = k", "    return r", ""])


def call_chain(n: int) -> str:
    lines = [_VIEW]
    for i in range(n):
        lines += [f"def f{i}(x):", f"    return f{i + 1}(x + 'a')" if i < n - 1 else "    return x"]
    lines += ["@app.route('/c')", "def c():", "    return f0(request.args['q'])", ""]
    return "\n".join(lines)


def concatenation(n: int) -> str:
    return f"{_VIEW}@app.route('/d')\ndef d():\n    q = request.args['q']\n    return {' + '.join(['q'] * n)}\n"


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "long function (statements)": (long_function, 2_000),
    "data literal (records)": (data_literal, 8_000),
    "elif chain (branches)": (elif_chain, 40),
    "call chain (functions)": (call_chain, 1_000),
    "concatenation (operands)": (concatenation, 80),
}


def _scan(root: Path) -> dict[str, float]:
    command = [sys.executable, "-m", "webwarden", "check", str(root), "--no-cache", "--no-deps"]
    return measure([*command, "--format", "json", "-q", "--exit-zero"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    args = parser.parse_args()
    print(f"{'shape':<28} {'size':>7} {'seconds':>8} {'peak MiB':>9} {'s/unit vs 1x':>13}")
    for name, (make, base) in SHAPES.items():
        first: float | None = None
        for factor in (1, 2, 4):
            size = int(base * args.scale * factor)
            with tempfile.TemporaryDirectory() as directory:
                root = Path(directory)
                (root / "module.py").write_text(make(size))
                measured = _scan(root)
            per_unit = measured["seconds"] / size
            first = per_unit if first is None else first
            print(
                f"{name:<28} {size:>7} {measured['seconds']:8.2f} "
                f"{measured['peak_mib']:9.0f} {per_unit / first:13.2f}"
            )


if __name__ == "__main__":
    main()
