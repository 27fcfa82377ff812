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
import contextlib
import dataclasses
import marshal
import os
import sys
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

MOST_KEPT = 8000
"""Past this many texts in the file, a run keeps only the ones it used (texts of classes
since changed are dropped)."""

_compiled: dict[str, CodeType] = {}
_fresh: list[str] = []
"""Texts compiled by this process, not found in the file."""
_used: set[str] = set()
_file: list[Path] = []
"""The file read at `install` and written at exit."""


def cache_file() -> Path:
    """Where the code is kept: webwarden's own `__pycache__` (or its place under
    `PYTHONPYCACHEPREFIX`), tagged with the interpreter (its bytecode and `marshal`
    format change between versions)."""
    tag = sys.implementation.cache_tag or "untagged"
    package = Path(__file__).parent
    folder = package / "__pycache__"
    if sys.pycache_prefix:
        # NOTE: where the interpreter then writes bytecode: the tree mirrored under it.
        folder = Path(sys.pycache_prefix) / package.relative_to(package.anchor)
    return folder / f"dataclass-code.{tag}.marshal"


def install(path: Path | None = None) -> None:
    """Serve `dataclasses`' compilations from the file (`cache_file()` unless given) from
    now on, and write the texts compiled anew when the process exits (unless Python
    writes no bytecode either)."""
    if getattr(dataclasses, "exec", None) is _exec:
        return
    _file.append(path or cache_file())
    _compiled.update(_read(_file[0]))
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


def _read(path: Path) -> dict[str, CodeType]:
    """The kept code, or nothing when the file is missing, unreadable or not of this
    interpreter (it is then written anew)."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC_NUMBER):
        return {}
    try:
        # NOTE: a file in webwarden's own `__pycache__`, trusted as its `.pyc` files are.
        table = marshal.loads(data[len(MAGIC_NUMBER) :])  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return {}
    if not isinstance(table, dict):
        return {}
    return {
        text: code
        for text, code in table.items()
        if isinstance(text, str) and isinstance(code, CodeType)
    }


def fresh_count() -> int:
    """How many texts this process compiled that the file did not hold."""
    return len(_fresh)


def _write() -> None:
    if not _fresh or not _file or sys.dont_write_bytecode:
        return
    kept = _compiled if len(_compiled) <= MOST_KEPT else {t: _compiled[t] for t in _used}
    path = _file[0]
    # NOTE: written aside and renamed over: a run reading it meanwhile, or a run killed
    # while writing, sees the whole old file or the whole new one.
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(MAGIC_NUMBER + marshal.dumps(kept))
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    _fresh.clear()
