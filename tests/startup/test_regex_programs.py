"""The regular expression cache: a second run makes no program anew, and every pattern
it serves is the one `re` itself makes (patterns compare equal only when their programs
are the same)."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from webwarden.startup.kept_tables import read_table, write_table

_PROGRAM = """
import json, re, sys
from pathlib import Path
from webwarden.startup import regex_programs
regex_programs.UNUSED_WRITES = int(sys.argv[3])
regex_programs.install(Path(sys.argv[1]))
if sys.argv[2] == "webwarden":
    from webwarden.rules.registry import all_rules
    all_rules()
samples = [
    (r"(?P<key>[a-z_]+)\\s*=\\s*(?P<value>'[^']*')", 0, "SECRET_KEY = 'x'"),
    (r"(?i)secret|token", 0, "A TOKEN"),
    (r"^\\w+$", re.MULTILINE | re.UNICODE, "one\\nzwei drei\\nvier"),
    (rb"(?L)[a-z]+", 0, b"ab cd"),
    (r\"\"\"
        (?P<a>x)   # a comment
        (?P=a)?
    \"\"\", re.VERBOSE, "xx"),
    (sys.argv[4], 0, sys.argv[4]),
]
served = {}
for text, flags, subject in samples:
    pattern = re.compile(text, flags)
    found = pattern.findall(subject)
    served[repr((text, flags))] = [repr(found), dict(pattern.groupindex)]
same = all(
    regex_programs._sre.compile(text, *program) == regex_programs._original(text, flags)
    for (text, flags), program in regex_programs._programs.items()
)
print(json.dumps({
    "fresh": regex_programs.fresh_count(),
    "kept": len(regex_programs._programs),
    "same": same,
    "served": served,
}))
"""


def _run(
    cache: Path, what: str = "", unused_writes: int = 30, extra: str = "a+"
) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(cache), what, str(unused_writes), extra],
        env={"PYTHONPATH": f"{REPO / 'src'}:{REPO}", "PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_second_run_makes_no_program_and_serves_what_re_makes(tmp_path: Path) -> None:
    cache = tmp_path / "__pycache__" / "regex.marshal"
    first = _run(cache, "webwarden")
    second = _run(cache, "webwarden")
    assert isinstance(first["kept"], int)
    assert first["kept"] > 500
    assert first["fresh"]
    # NOTE: the standard `tokenize` module's pattern is built from a set: its text
    # changes from run to run with the hash seed, and is made anew each time.
    assert isinstance(second["fresh"], int)
    assert second["fresh"] <= 2
    assert first["same"]
    assert second["same"]
    assert first["served"] == second["served"]
    served = second["served"]
    assert isinstance(served, dict)
    assert served[repr((r"(?i)secret|token", 0))] == ["['TOKEN']", {}]
    assert served[repr(("a+", 0))] == ["['a']", {}]


def test_programs_unused_by_several_writes_are_dropped(tmp_path: Path) -> None:
    cache = tmp_path / "regex.marshal"
    for run in range(5):
        _run(cache, unused_writes=2, extra=f"run{run}")
    kept = {text for text, _flags in read_table(cache, int(_sre.MAGIC))}
    assert {"run2", "run3", "run4"} <= kept
    assert not {"run0", "run1"} & kept


def test_a_program_the_engine_refuses_is_made_anew(tmp_path: Path) -> None:
    cache = tmp_path / "regex.marshal"
    write_table(cache, int(_sre.MAGIC), {("a+", 0): (0, (32, [1, 2, 3], 0, {}, ()))})
    result = _run(cache)
    served = result["served"]
    assert isinstance(served, dict)
    assert served[repr(("a+", 0))] == ["['a']", {}]
    assert result["same"]
