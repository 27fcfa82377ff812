"""The dataclass code cache: a second run compiles nothing, and makes the same classes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from webwarden.startup.kept_tables import read_table

_PROGRAM = """
import json, sys
from pathlib import Path
from webwarden.startup import dataclass_code
dataclass_code.install(Path(sys.argv[1]))
import dataclasses
from dataclasses import dataclass, field

@dataclass(frozen=True, slots=True)
class Point:
    x: int
    y: "list[str]" = field(default_factory=list)

@dataclass(order=True)
class Ranked:
    rank: int
    name: str = "?"

point = Point(1, ["a"])
try:
    point.x = 2
    frozen = False
except dataclasses.FrozenInstanceError:
    frozen = True
import webwarden.findings
print(json.dumps({
    "fresh": dataclass_code.fresh_count(),
    "repr": repr(point),
    "equal": Point(1, ["a"]) == point,
    "hashed": hash(Point(1, ("a",))) == hash(Point(1, ("a",))),
    "frozen": frozen,
    "ordered": Ranked(1) < Ranked(2, "b"),
    "annotations": {k: str(v) for k, v in Point.__init__.__annotations__.items()},
    "defaults": Point(3).y,
}))
"""


def _run(cache: Path, **env: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(cache)],
        env={"PYTHONPATH": str(REPO / "src"), "PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_a_second_run_compiles_nothing_and_makes_the_same_classes(tmp_path: Path) -> None:
    cache = tmp_path / "__pycache__" / "code.marshal"
    first = _run(cache)
    assert cache.is_file()
    second = _run(cache)
    assert first["fresh"]
    assert not second["fresh"]
    assert {**first, "fresh": 0} == second
    assert second["repr"] == "Point(x=1, y=['a'])"
    assert second["equal"]
    assert second["hashed"]
    assert second["frozen"]
    assert second["ordered"]
    assert second["defaults"] == []
    # Not strings: the cache's own `from __future__ import annotations` stays its own.
    assert second["annotations"] == {"x": "<class 'int'>", "y": "list[str]", "return": "None"}


def test_a_damaged_or_foreign_file_is_compiled_anew_and_replaced(tmp_path: Path) -> None:
    cache = tmp_path / "code.marshal"
    whole = _run(cache)
    good = cache.read_bytes()
    texts = set(read_table(cache, 1))
    assert texts
    middle = len(good) // 2
    flipped = good[:middle] + bytes([good[middle] ^ 1]) + good[middle + 1 :]
    for damaged in (b"", b"garbage", good[:4] + b"\xff" * 40, good[:middle], flipped):
        cache.write_bytes(damaged)
        assert _run(cache) == whole
        assert set(read_table(cache, 1)) == texts


def test_nothing_is_written_when_python_writes_no_bytecode(tmp_path: Path) -> None:
    cache = tmp_path / "code.marshal"
    _run(cache, PYTHONDONTWRITEBYTECODE="1")
    assert not cache.exists()


def test_an_unwritable_place_is_no_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    result = _run(blocked / "code.marshal")
    assert result["fresh"]
    assert not list(tmp_path.glob("**/*.tmp"))


def test_the_file_follows_the_bytecode_prefix(tmp_path: Path) -> None:
    program = "from webwarden.startup import dataclass_code; print(dataclass_code.cache_file())"
    done = subprocess.run(
        [sys.executable, "-c", program],
        env={"PYTHONPATH": str(REPO / "src"), "PYTHONPYCACHEPREFIX": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    where = Path(done.stdout.strip())
    assert where.is_relative_to(tmp_path)
    assert where.parent.name == "webwarden"
    assert where.name.startswith("dataclass-code.")
