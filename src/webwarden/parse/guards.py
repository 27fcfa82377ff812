"""Reading a file safely: size limit, binary detection, text decoding."""

from __future__ import annotations

import codecs
import stat
from dataclasses import dataclass
from pathlib import Path

from webwarden.parse.cookiecutter import generated_text


@dataclass(frozen=True, slots=True)
class Unreadable:
    """Why a file could not be analysed; becomes a WW000 finding at `line`:`column`."""

    reason: str
    line: int = 1
    column: int = 1


BINARY = "binary file (contains NUL bytes)"
"""The reason given for a file with NUL bytes in its first 8 KiB."""


def human_size(size: int) -> str:
    """`2097152` -> `2.0 MiB`."""
    value = float(size)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


def read_bytes(path: Path, max_size: int) -> bytes | Unreadable:
    """The file's bytes, or why they cannot be used (too big, unreadable, binary)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            # NOTE: opening a FIFO blocks until a writer comes; a device may never end.
            return Unreadable("not a regular file")
        with path.open("rb") as handle:
            data = handle.read(max_size + 1)
    except IsADirectoryError:
        return Unreadable("not a regular file")
    except OSError as exc:
        return Unreadable(f"cannot read: {exc.strerror or exc}")
    if len(data) > max_size:
        try:
            size = path.stat().st_size
        except OSError:
            size = len(data)
        return Unreadable(
            f"file is {human_size(size)}, larger than max-file-size ({human_size(max_size)})"
        )
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Unreadable(BINARY)
    return data


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    return line, offset - (before.rfind(b"\n") + 1) + 1


def decode_text(data: bytes, encoding: str = "utf-8") -> str | Unreadable:
    """Decode `data`, honouring a BOM; an undecodable byte gives its line and column."""
    if data.startswith(codecs.BOM_UTF8):
        data, encoding = data[len(codecs.BOM_UTF8) :], "utf-8"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        return Unreadable(
            f"not valid {encoding} text (byte 0x{data[exc.start]:02x} at line {line}); "
            "declare the encoding or convert the file to UTF-8",
            line,
            column,
        )
    except LookupError:
        return Unreadable(f"unknown text encoding `{encoding}`")


def read_text(path: Path, max_size: int, *, lenient: bool = False) -> str | Unreadable:
    """Read a non-Python text file (UTF-8, or UTF-16 with a BOM) with every guard.

    `lenient`: a byte that is not UTF-8 is read as U+FFFD instead of making the file
    unreadable (a `.env` saved in Latin-1 still holds ASCII keys and passwords). A
    cookiecutter template's file is read as the template generates it
    (`parse.cookiecutter.generated_text`)."""
    data = read_bytes(path, max_size)
    if isinstance(data, Unreadable):
        return data
    text = decode_text(data)
    if lenient and isinstance(text, Unreadable) and text.reason.startswith("not valid"):
        text = data.decode("utf-8", errors="replace")
    if isinstance(text, str) and (generated := generated_text(path, text)) is not None:
        return generated
    return text
