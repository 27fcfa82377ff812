"""The programs of compiled regular expressions, kept between runs.

webwarden's rules and models compile about a thousand regular expressions as their
modules are imported: 0.1 s of each command's start on this machine, a sixth of a small
project's check. Compiling one parses its text and translates it into a program (a list
of integers) that the `_sre` engine runs; the program depends only on the text, the
flags and the interpreter, so it is kept beside webwarden's bytecode and the next run
hands it to the engine directly. Only `re`'s own compiler is served (the function `re`
calls on a miss of its in-memory cache), by the same steps it takes; where the
interpreter's `re` does not make the same pattern that way, nothing is served.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import atexit
import re
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from webwarden.startup.kept_tables import read_table, table_file, write_table

Key = tuple[str | bytes, int]
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""What `_sre.compile` takes after the text: flags, code, groups, group names both ways."""

UNUSED_WRITES = 30
"""A program not used by this many runs that wrote the file is dropped: texts built in an
order that changes from run to run (the standard `tokenize` module's, from a set) are
compiled anew by every run and would otherwise pile up."""

_original = _compiler.compile
_programs: dict[Key, Program] = {}
_ages: dict[Key, int] = {}
"""For each kept program, how many writes of the file since a run used it."""
_fresh: list[Key] = []
_used: set[Key] = set()
_file: list[Path] = []


def cache_file() -> Path:
    """Where the programs are kept (beside webwarden's bytecode)."""
    return table_file("regex-programs")


def install(path: Path | None = None) -> None:
    """Serve `re`'s compilations from the file (`cache_file()` unless given) from now on,
    and write the programs made anew when the process exits."""
    if _compiler.compile is _compile or not _same_as_re():
        return
    _file.append(path or cache_file())
    for key, (age, program) in _read(_file[0]).items():
        _programs[key] = program
        _ages[key] = age
    _compiler.compile = _compile
    atexit.register(_write)


def fresh_count() -> int:
    """How many programs this process made that the file did not hold."""
    return len(_fresh)


def _compile(pattern: Any, flags: int = 0) -> re.Pattern[Any]:
    if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
        return _original(pattern, flags)  # type: ignore[no-any-return]
    key = (pattern, int(flags))
    program = _programs.get(key)
    if program is not None:
        try:
            _used.add(key)
            return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
        except (RuntimeError, TypeError, ValueError):
            # NOTE: a program the engine refuses (a file of another build): made anew.
            pass
    program = _program(pattern, int(flags))
    _programs[key] = program
    _fresh.append(key)
    _used.add(key)
    return _sre.compile(pattern, *program)  # type: ignore[no-any-return]


def _program(pattern: str | bytes, flags: int) -> Program:
    """`re._compiler.compile`'s steps, stopping before the engine: the parsed text's
    program, in plain integers (the compiler's opcodes are an `int` subclass `marshal`
    does not write)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    names = {str(name): int(index) for name, index in parsed.state.groupdict.items()}
    by_index: list[str | None] = [None] * parsed.state.groups
    for name, index in names.items():
        by_index[index] = name
    return (
        int(flags | parsed.state.flags),
        [int(word) for word in code],
        int(parsed.state.groups - 1),
        names,
        tuple(by_index),
    )


_SAMPLE = (r"(?P<word>\w+)(?:-(?P=word))?\s*(?i:x|y)+$", re.MULTILINE)


def _same_as_re() -> bool:
    """Whether these steps make what `re` makes on this interpreter (patterns compare
    equal only when their programs are the same)."""
    try:
        made = _sre.compile(_SAMPLE[0], *_program(_SAMPLE[0], int(_SAMPLE[1])))
        return bool(made == _original(_SAMPLE[0], int(_SAMPLE[1])))
    except Exception:
        return False


def _read(path: Path) -> dict[Key, tuple[int, Program]]:
    return {
        key: entry
        for key, entry in read_table(path, int(_sre.MAGIC)).items()
        if isinstance(key, tuple) and isinstance(entry, tuple) and len(entry) == 2
    }


def _write() -> None:
    if not _fresh or not _file:
        return
    kept: dict[Key, tuple[int, Program]] = {}
    for key, program in _programs.items():
        age = 0 if key in _used else _ages.get(key, 0) + 1
        if age <= UNUSED_WRITES:
            kept[key] = (age, program)
    write_table(_file[0], int(_sre.MAGIC), kept)
    _fresh.clear()
