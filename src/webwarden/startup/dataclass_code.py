"""The compiled code of the methods `dataclasses` writes, kept between runs.

Creating a dataclass compiles the methods it generates (`__init__`, `__repr__`, `__eq__`,
`__hash__`, a frozen class's `__setattr__` ...) from source text, every time the module
that defines it is imported: webwarden's 350 dataclasses compile about 1,900 such texts,
0.17 s of each command's start on this machine (a third of importing webwarden). The
code depends only on the text, so it is kept in a file beside webwarden's own bytecode
(`__pycache__`), as the interpreter keeps a module's, and the next run executes it
without compiling it. Only the `exec` calls of the `dataclasses` module are served (its
global `exec` is shadowed); what they create is what they created before.
"""

from __future__ import annotations

import atexit
import dataclasses
from pathlib import Path
from types import CodeType
from typing import Any

from webwarden.startup.kept_tables import read_table, table_file, write_table

MOST_KEPT = 8000
"""Past this many texts in the file, a run keeps only the ones it used (texts of classes
since changed are dropped)."""

_FORMAT = 1
"""The version of what the table holds (source text -> code object)."""

_compiled: dict[str, CodeType] = {}
_fresh: list[str] = []
"""Texts compiled by this process, not found in the file."""
_used: set[str] = set()
_file: list[Path] = []
"""The file read at `install` and written at exit."""


def cache_file() -> Path:
    """Where the code is kept (beside webwarden's bytecode)."""
    return table_file("dataclass-code")


def install(path: Path | None = None) -> None:
    """Serve `dataclasses`' compilations from the file (`cache_file()` unless given) from
    now on, and write the texts compiled anew when the process exits (unless Python
    writes no bytecode either)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    _file.append(path or cache_file())
    _compiled.update(
        (text, code)
        for text, code in read_table(_file[0], _FORMAT).items()
        if isinstance(text, str) and isinstance(code, CodeType)
    )
    setattr(dataclasses, "exec", _exec)  # noqa: B010 - a module global, not a typed attribute
    atexit.register(_write)


def _exec(source: Any, globals: Any = None, locals: Any = None, /) -> None:
    if globals is None:
        # NOTE: as the builtin called from `dataclasses` would: its caller's globals.
        globals = vars(dataclasses)
    if not isinstance(source, str):
        exec(source, globals, locals)  # noqa: S102 - `dataclasses`' own call, unchanged
        return
    code = _compiled.get(source)
    if code is None:
        # NOTE: `dont_inherit`: this module's `from __future__ import annotations` must
        # not turn the generated methods' annotations into strings.
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _compiled[source] = code
        _fresh.append(source)
    _used.add(source)
    exec(code, globals, locals)  # noqa: S102 - the code `dataclasses` asked for


def fresh_count() -> int:
    """How many texts this process compiled that the file did not hold."""
    return len(_fresh)


def _write() -> None:
    if not _fresh or not _file:
        return
    kept = _compiled if len(_compiled) <= MOST_KEPT else {t: _compiled[t] for t in _used}
    write_table(_file[0], _FORMAT, kept)
    _fresh.clear()
