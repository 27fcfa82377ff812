"""The files the start-up caches keep their tables in.

Each is a `marshal`led table in webwarden's own `__pycache__`, after a header naming the
interpreter's bytecode (`importlib`'s magic number), the format of what the table holds
and a checksum of the rest: a file of another interpreter, a damaged or a truncated one
reads as empty (and is then written anew), never as wrong code.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


def table_file(kind: str) -> Path:
    """Where the table of `kind` is kept: webwarden's own `__pycache__` (or its place
    under `PYTHONPYCACHEPREFIX`), tagged with the interpreter."""
    tag = sys.implementation.cache_tag or "untagged"
    folder = _PACKAGE / "__pycache__"
    if sys.pycache_prefix:
        # NOTE: where the interpreter then writes bytecode: the tree mirrored under it.
        folder = Path(sys.pycache_prefix) / _PACKAGE.relative_to(_PACKAGE.anchor)
    return folder / f"{kind}.{tag}.marshal"


def _header(version: int, payload: bytes) -> bytes:
    return MAGIC_NUMBER + version.to_bytes(4, "little") + zlib.crc32(payload).to_bytes(4, "little")


def read_table(path: Path, version: int) -> dict[Any, Any]:
    """The table kept at `path`, or nothing when it is missing, unreadable, damaged or not
    of this interpreter and `version`."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    payload = data[len(MAGIC_NUMBER) + 8 :]
    if data[: len(MAGIC_NUMBER) + 8] != _header(version, payload):
        return {}
    try:
        # NOTE: a file in webwarden's own `__pycache__`, trusted as its `.pyc` files are.
        table = marshal.loads(payload)  # noqa: S302
    except (EOFError, ValueError, TypeError):
        return {}
    return table if isinstance(table, dict) else {}


def write_table(path: Path, version: int, table: dict[Any, Any]) -> None:
    """Keep `table` at `path`, unless Python writes no bytecode; a place that cannot be
    written is no error (the next run compiles again)."""
    if sys.dont_write_bytecode:
        return
    payload = marshal.dumps(table)
    # NOTE: written aside and renamed over: a run reading it meanwhile, or a run killed
    # while writing, sees the whole old file or the whole new one.
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(_header(version, payload) + payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
