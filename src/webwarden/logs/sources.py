"""Where log lines come from: files (plain, gzip, bzip2, xz), directories, standard input.

Lines are read one at a time with a length limit (an attacker cannot make a line cost
more than `MAX_LINE` characters of memory) and decoded as UTF-8 with replacement.
Rotated files of one log (`access.log.2.gz`, `access.log.1`, `access.log`) are chained
oldest first, so each log is one time-ordered stream.
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from webwarden.errors import ConfigError

STDIN = "-"
STDIN_DISPLAY = "(stdin)"
MAX_LINE = 64 * 1024
TOO_LONG = None
"""Stands for a line longer than `MAX_LINE` (its text is not kept)."""
_ROTATED = re.compile(
    r"^(?P<base>.+?)(?:[.-](?P<number>\d{1,4})|-(?P<date>\d{8,10}))?(?:\.(?:gz|bz2|xz))?$"
)


class LogReadError(Exception):
    """A log cannot be opened or read on (becomes a WW031 notice)."""


@dataclass(frozen=True, slots=True)
class LogFile:
    """One input: a file, or standard input (`path` None)."""

    path: Path | None
    display: str
    """The path as reports show it: relative to the root when inside it, else absolute."""


def display_path(path: Path, root: Path) -> str:
    """`path` relative to `root` when inside it, else absolute (POSIX)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return absolute.as_posix()


def _rotation_key(path: Path) -> tuple[str, str, int, str]:
    match = _ROTATED.match(path.name)
    assert match is not None  # noqa: S101 - the pattern matches any name
    if match.group("number") is not None:
        return (
            str(path.parent),
            match.group("base"),
            0,
            f"{9999 - int(match.group('number')):04d}",
        )
    if match.group("date") is not None:
        return (str(path.parent), match.group("base"), 1, match.group("date"))
    return (str(path.parent), match.group("base"), 2, "")


def chains(paths: Sequence[str], root: Path) -> list[list[LogFile]]:
    """The inputs as streams: rotated files of one log chained oldest first.

    A directory contributes its regular, non-hidden files (not its subdirectories).
    """
    files: list[Path] = []
    streams: list[list[LogFile]] = []
    for given in paths:
        if given == STDIN:
            streams.append([LogFile(None, STDIN_DISPLAY)])
            continue
        path = Path(given)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            )
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise ConfigError(f"{given}: no such file or directory")
    grouped: dict[tuple[str, str], list[Path]] = {}
    for path in sorted(set(files), key=_rotation_key):
        directory, base, _, _ = _rotation_key(path)
        grouped.setdefault((directory, base), []).append(path)
    streams.extend([LogFile(p, display_path(p, root)) for p in group] for group in grouped.values())
    return streams


def _decompressed(raw: io.BufferedReader) -> BinaryIO:
    head = raw.peek(6)[:6]
    stream: object = raw
    if head.startswith(b"\x1f\x8b"):
        stream = gzip.GzipFile(fileobj=raw)
    elif head.startswith(b"BZh"):
        stream = bz2.BZ2File(raw)
    elif head.startswith(b"\xfd7zXZ\x00"):
        stream = lzma.LZMAFile(raw)  # noqa: SIM115 - read_lines closes the file under it
    return cast(BinaryIO, stream)


def _open_raw(file: LogFile) -> io.BufferedReader:
    if file.path is None:
        stdin = sys.stdin.buffer
        if isinstance(stdin, io.BufferedReader):
            return stdin
        return io.BufferedReader(stdin)  # type: ignore[arg-type]
    try:
        return open(file.path, "rb")
    except IsADirectoryError:
        raise LogReadError("not a regular file") from None
    except OSError as exc:
        raise LogReadError(f"cannot read: {exc.strerror or exc}") from None


def lines_of(stream: BinaryIO, first_number: int = 1) -> Iterator[tuple[int, str | None]]:
    """(line number, text without the newline) for each line; `TOO_LONG` past `MAX_LINE`."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="\n")
    readline = text.readline
    number = first_number - 1
    try:
        while True:
            line = readline(MAX_LINE)
            if not line:
                return
            number += 1
            if line[-1] != "\n" and len(line) >= MAX_LINE:
                while (rest := readline(MAX_LINE)) and rest[-1] != "\n":
                    pass
                yield number, TOO_LONG
                continue
            yield number, line.rstrip("\r\n")
    finally:
        # NOTE: detach, so that dropping the wrapper does not close standard input.
        with contextlib.suppress(ValueError):
            text.detach()


def read_lines(file: LogFile) -> Iterator[tuple[int, str | None]]:
    """The lines of one input; read errors (a truncated gzip) raise `LogReadError`."""
    raw = _open_raw(file)
    try:
        yield from lines_of(_decompressed(raw))
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise LogReadError(f"cannot read on: {exc}") from None
    finally:
        if file.path is not None:
            raw.close()
