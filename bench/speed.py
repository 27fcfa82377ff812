"""Cold, warm and one-file-edit scans against Bandit, Semgrep, ruff's S rules and a bare
parse.

The edits are measured as one-shot `check` runs (edit-body, edit-add), in a
`check --watch` process (edit-watch: from the edit to the new report), and as
`check --daemon` runs served by a resident server (edit-daemon: the command's wall time).

For each tree (Django, Wagtail and django-oscar sdists from PyPI by default) it prints
files, lines, median wall seconds, peak memory and the ratio to a bare one-process
`ast.parse`, all measured side by side in one run. With `--scaling` it also times cold
and warm scans on real slices of the Django tree of about 1k, 10k, 100k and 500k lines,
and with `--rules` the findings per rule on each tree (read them for false positives).

    python bench/speed.py [--rounds 3] [--scaling] [--rules] [--tree PATH ...]
                          [--semgrep-rules PATH/semgrep-rules/python]

Semgrep is timed when `--semgrep-rules` names the python/ folder of a local checkout of
github.com/semgrep/semgrep-rules (its registry needs the network; nothing of it is
committed here) and `semgrep` is on PATH (a separate virtualenv: `pip install semgrep`):
once as users run it (its default ignores skip tests/), once on every file (semgrep-all).
"""

from __future__ import annotations

import argparse
import ast
import collections
import json
import os
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from compare import commands, count, measure, tree

HERE = Path(__file__).resolve().parent
CORPORA = HERE / "corpora"
TREES = {
    "django-5.2.19": "django==5.2.19",
    "wagtail-7.0.10": "wagtail==7.0.10",
    "django_oscar-3.2.6": "django-oscar==3.2.6",
}
SLICES = {
    "1k": "django/contrib/humanize",
    "10k": "django/contrib/auth",
    "100k": "django/db",
    "500k": ".",
}


def webwarden(path: Path, cache: Path, output: Path | None = None) -> list[str]:
    command = [
        shutil.which("webwarden") or "webwarden",
        "check",
        str(path),
        "--isolated",
        "--quiet",
        "--exit-zero",
        "--offline",
        "--format",
        "json",
        "--cache-dir",
        str(cache),
    ]
    if output is not None:
        command += ["-o", str(output)]
    return command


def _edited_return(text: str) -> str | None:
    """`text` with its first one-line `return x` made `return (x)`, if it has one."""
    original = text.splitlines(keepends=True)
    for number, line in enumerate(original):
        indent, _, value = line.partition("return ")
        if indent.strip() or not indent or not value.strip():
            continue
        lines = list(original)
        lines[number] = f"{indent}return ({value.rstrip()})\n"
        edited = "".join(lines)
        try:
            ast.parse(edited)
        except SyntaxError:
            continue
        return edited
    return None


def _victim(path: Path) -> Path:
    """The module both edits change: the first of some size with a one-line return."""
    for candidate in sorted(path.rglob("*.py")):
        if candidate.stat().st_size > 2000 and _edited_return(candidate.read_text("utf-8")):
            return candidate
    raise SystemExit(f"no module to edit under {path}")


def add_a_function(path: Path) -> None:
    """Append a function to one module (its outline changes: every index answer is
    checked again)."""
    with _victim(path).open("a", encoding="utf-8") as handle:
        handle.write("\n\ndef _webwarden_bench_edit(value):\n    return value\n")


def edit_a_body(path: Path, victim: Path | None = None) -> None:
    """Change one statement inside a function of one module, as most edits do: the first
    one-line `return x` becomes `return (x)` (the module still parses)."""
    victim = victim or _victim(path)
    edited = _edited_return(victim.read_text(encoding="utf-8"))
    assert edited is not None  # _victim chose a module that has one
    victim.write_text(edited, encoding="utf-8")


def watch_edits(path: Path, cache: Path, edits: int = 3) -> dict[str, float]:
    """A `check --watch` process on `path`: the median seconds from a one-line edit to its
    new report (edits of a function body, one at a time), the scan time it prints for
    them, and its peak memory."""
    process = subprocess.Popen(
        [*webwarden(path, cache), "--watch"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            lines.put(line)

    def scanned() -> float:
        while "watching for changes" not in (line := lines.get(timeout=600)):
            pass
        return float(line.split("scanned in ")[1].split()[0])

    threading.Thread(target=read, daemon=True).start()
    scanned()
    time.sleep(1.0)  # NOTE: past the watcher's first look at the tree (cli/watch.py)
    victim = _victim(path)
    latencies, scans = [], []
    for _ in range(edits):
        time.sleep(1.0)  # NOTE: an edit comes after the last scan has written its cache
        started = time.perf_counter()
        edit_a_body(path, victim)
        scans.append(scanned())
        latencies.append(time.perf_counter() - started)
    with open(f"/proc/{process.pid}/status", encoding="utf-8") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    process.terminate()
    process.wait(timeout=60)
    return {
        "seconds": statistics.median(latencies),
        "scan": statistics.median(scans),
        "peak_mib": peak / 1024,
    }


def daemon_edits(path: Path, cache: Path, edits: int = 3) -> dict[str, float]:
    """`check --daemon` after a one-line edit: the median wall seconds of the command (the
    client, from start to exit) over `edits` edits of a function body, once a first
    `check --daemon` has started the server; the peak memory is the server's."""
    with tempfile.TemporaryDirectory(prefix="wwd-", dir="/tmp") as folder:
        env = {**os.environ, "WEBWARDEN_DAEMON_DIR": folder}
        command = [*webwarden(path, cache), "--daemon"]
        subprocess.run(command, env=env, check=True, capture_output=True)
        victim = _victim(path)
        seconds = []
        for _ in range(edits):
            edit_a_body(path, victim)
            seconds.append(measure(command, env)["seconds"])
        status = subprocess.run(
            [command[0], "daemon", "status"], env=env, capture_output=True, text=True
        ).stdout
        pid = int(status.split("pid ")[1].split(",")[0])
        with open(f"/proc/{pid}/status", encoding="utf-8") as lines:
            peak = next(int(line.split()[1]) for line in lines if line.startswith("VmHWM"))
        subprocess.run([command[0], "daemon", "stop"], env=env, check=True, capture_output=True)
    return {"seconds": statistics.median(seconds), "peak_mib": peak / 1024}


SEMGREP_RULESETS = ("django", "flask", "lang/security", "jinja2", "sqlalchemy", "requests")
"""The folders of semgrep-rules' python/ that make its Django, Flask and Python security
rules (what `p/django`, `p/flask` and `p/python` draw on)."""


def semgrep(rules: Path) -> list[str]:
    """Semgrep as a user runs it (its default ignores, which skip tests/), offline:
    rules from a local checkout of semgrep-rules, no metrics."""
    configs = [part for ruleset in SEMGREP_RULESETS for part in ("--config", str(rules / ruleset))]
    command = shutil.which("semgrep") or "semgrep"
    return [command, "scan", "--metrics=off", "--quiet", "--json", "-o", os.devnull, *configs]


def compare(
    name: str, source: Path, rounds: int, semgrep_rules: Path | None = None
) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = collections.defaultdict(list)
    with tempfile.TemporaryDirectory(prefix="webwarden-bench-") as tmp:
        for round_ in range(rounds):
            copy = Path(tmp) / f"{name}-{round_}"
            shutil.copytree(source, copy, symlinks=True)
            cache = Path(tmp) / f"cache-{round_}"
            tools = commands(copy)  # NOTE: the other tools run as compare.py runs them
            runs["parse"].append(measure(tools["parse"]))
            runs["cold"].append(measure(webwarden(copy, cache)))
            runs["warm"].append(measure(webwarden(copy, cache)))
            edit_a_body(copy)
            runs["edit-body"].append(measure(webwarden(copy, cache)))
            add_a_function(copy)
            runs["edit-add"].append(measure(webwarden(copy, cache)))
            runs["edit-watch"].append(watch_edits(copy, cache))
            runs["edit-daemon"].append(daemon_edits(copy, cache))
            if (bandit := tools["bandit"]) is not None:
                runs["bandit"].append(measure(bandit))
            if semgrep_rules is not None:
                env = {**os.environ, "SEMGREP_ENABLE_VERSION_CHECK": "0"}
                runs["semgrep"].append(measure([*semgrep(semgrep_rules), str(copy)], env))
                # NOTE: an empty .semgrepignore in the folder it runs from replaces its
                # default ignores: then it reads the files the other tools read.
                (copy / ".semgrepignore").touch()
                every = measure([*semgrep(semgrep_rules), "."], env, cwd=copy)
                runs["semgrep-all"].append(every)
                (copy / ".semgrepignore").unlink()
            if (ruff := tools["ruff-S"]) is not None:
                runs["ruff-S"].append(measure(ruff))
            shutil.rmtree(copy)
    return runs


def report(name: str, files: int, lines: int, runs: dict[str, list[dict[str, float]]]) -> None:
    floor = statistics.median(r["seconds"] for r in runs["parse"])
    print(f"\n{name}: {files} Python files, {lines:,} lines")
    print(f"  {'run':<10} {'seconds':>8} {'x parse':>8} {'peak MiB':>9}")
    for tool, measured in runs.items():
        seconds = statistics.median(r["seconds"] for r in measured)
        peak = max(r["peak_mib"] for r in measured)
        print(f"  {tool:<10} {seconds:8.2f} {seconds / floor:8.2f} {peak:9.1f}")
    watched = statistics.median(r["scan"] for r in runs["edit-watch"])
    print(f"  edit-watch: end to end (edit -> new report); the scan itself took {watched:.2f} s")
    cold = statistics.median(r["seconds"] for r in runs["cold"])
    for tool in ("bandit", "semgrep", "semgrep-all", "ruff-S"):
        if tool in runs:
            other = statistics.median(r["seconds"] for r in runs[tool])
            print(
                f"  webwarden cold is {other / cold:.1f}x faster than {tool}"
                if other > cold
                else f"  webwarden cold is {cold / other:.1f}x slower than {tool}"
            )


def rules(name: str, source: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        output = Path(tmp) / "report.json"
        subprocess.run(webwarden(source, Path(tmp) / "cache", output), check=True)
        findings = json.loads(output.read_text())["findings"]
    counts = collections.Counter(
        (f["code"], f["name"], "test" if f["context"] == "test code" else "app") for f in findings
    )
    print(f"\nfindings per rule on {name} ({len(findings)} in all):")
    for (code, rule, where), number in sorted(counts.items()):
        print(f"  {code:<7} {rule:<40} {where:<5} {number:5}")


def scaling(django: Path, rounds: int) -> None:
    print("\nscaling on slices of the Django tree (cold / warm seconds, median):")
    print(
        f"  {'slice':<6} {'files':>6} {'lines':>9} {'parse':>7} {'cold':>7} {'warm':>7} {'cold/kline':>11}"
    )
    for label, relative in SLICES.items():
        path = django / relative
        files, lines = count(path)
        parse, cold, warm = [], [], []
        for _ in range(rounds):
            with tempfile.TemporaryDirectory() as tmp:
                parse.append(
                    measure([sys.executable, str(HERE / "_parse_all.py"), str(path)])["seconds"]
                )
                cold.append(measure(webwarden(path, Path(tmp)))["seconds"])
                warm.append(measure(webwarden(path, Path(tmp)))["seconds"])
        c = statistics.median(cold)
        print(
            f"  {label:<6} {files:6} {lines:9,} {statistics.median(parse):7.2f} {c:7.2f} "
            f"{statistics.median(warm):7.2f} {1000 * c / lines:11.4f}"
        )


def compile_webwarden() -> None:
    """Write webwarden's bytecode, as `pip install` does (this machine sets
    PYTHONDONTWRITEBYTECODE, so an editable install would compile on every run)."""
    import compileall

    import webwarden

    compileall.compile_dir(Path(webwarden.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--tree", type=Path, action="append", help="trees to scan (default: the three sdists)"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scaling", action="store_true")
    parser.add_argument("--rules", action="store_true")
    parser.add_argument(
        "--semgrep-rules",
        type=Path,
        help="the python/ folder of a semgrep-rules checkout: also time Semgrep (on PATH)",
    )
    args = parser.parse_args()
    trees = (
        {p.name: p for p in args.tree} if args.tree else {n: tree(n, r) for n, r in TREES.items()}
    )
    compile_webwarden()
    print(f"machine: {os.cpu_count()} CPUs; webwarden jobs default = CPUs; rounds = {args.rounds}")
    for name, path in trees.items():
        files, lines = count(path)
        report(name, files, lines, compare(name, path, args.rounds, args.semgrep_rules))
        if args.rules:
            rules(name, path)
    if args.scaling:
        django = trees.get("django-5.2.19") or tree("django-5.2.19", TREES["django-5.2.19"])
        scaling(django, args.rounds)


if __name__ == "__main__":
    main()
