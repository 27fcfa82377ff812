"""Following growing logs like `tail -F`: new lines as they are written, across rotation
(the path now names a new file) and truncation (`copytruncate`)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence

from webwarden.logs.events import LogEvent
from webwarden.logs.formats import DETECTION_LINES, LineParser
from webwarden.logs.reader import UNRECOGNISED, Detector, FileStats, parse_lines
from webwarden.logs.sources import MAX_LINE, TOO_LONG, LogFile, LogReadError

CHUNK = 1 << 20
TAIL_FOR_DETECTION = 64 * 1024
MARK_BYTES = 64


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace").rstrip("\r")


class Follower:
    """One followed file; `poll()` returns the complete lines written since the last call."""

    def __init__(self, file: LogFile, stats: FileStats) -> None:
        if file.path is None:
            raise LogReadError("standard input cannot be followed")
        self.path = file.path
        self.stats = stats
        self.parser: LineParser | None = None
        self.pending: list[tuple[int, str | None]] = []
        self._open(at_end=True)

    def _open(self, *, at_end: bool) -> None:
        try:
            self.handle = open(self.path, "rb")  # noqa: SIM115 - closed by close()
            status = os.fstat(self.handle.fileno())
        except OSError as exc:
            raise LogReadError(f"cannot read: {exc.strerror or exc}") from None
        self.identity = (status.st_dev, status.st_ino)
        self.number = 0
        self.partial = b""
        self.skipping = False
        self.mark = b""
        """The last bytes read, to notice a file truncated and refilled past our position."""
        self.tail: list[tuple[int, str | None]] = []
        if at_end:
            self._skip_existing()

    def _skip_existing(self) -> None:
        """Count the lines already there (for line numbers) and keep the last few."""
        last = b""
        while chunk := self.handle.read(CHUNK):
            self.number += chunk.count(b"\n")
            last = (last + chunk)[-TAIL_FOR_DETECTION:]
        self.mark = last[-MARK_BYTES:]
        *complete, self.partial = last.split(b"\n")
        first = self.number - len(complete) + 1
        self.tail = [
            (first + index, _decode(line)) for index, line in enumerate(complete[-DETECTION_LINES:])
        ]
        self.tail = [(n, t) for n, t in self.tail if n >= 1]

    def _read(self) -> list[tuple[int, str | None]]:
        lines: list[tuple[int, str | None]] = []
        while chunk := self.handle.read(CHUNK):
            self.mark = (self.mark + chunk)[-MARK_BYTES:]
            *complete, rest = (self.partial + chunk).split(b"\n")
            for raw in complete:
                self.number += 1
                if self.skipping or len(raw) > MAX_LINE:
                    lines.append((self.number, TOO_LONG))
                    self.skipping = False
                else:
                    lines.append((self.number, _decode(raw)))
            self.partial = rest
            if len(self.partial) > MAX_LINE:
                self.partial, self.skipping = b"", True
        return lines

    def _rewritten(self) -> bool:
        """Whether the file was truncated (and maybe refilled) under our position."""
        position = self.handle.tell()
        if os.fstat(self.handle.fileno()).st_size < position:
            return True
        if not self.mark:
            return False
        return (
            os.pread(self.handle.fileno(), len(self.mark), position - len(self.mark)) != self.mark
        )

    def poll(self) -> list[tuple[int, str | None]]:
        """Lines written since the last poll, following a rotation or truncation."""
        if self._rewritten():
            self.handle.seek(0)
            self.number, self.partial, self.mark, self.skipping = 0, b"", b"", False
        lines = self._read()
        try:
            status = os.stat(self.path)
        except OSError:
            return lines
        if (status.st_dev, status.st_ino) != self.identity:
            if self.partial or self.skipping:
                # NOTE: the rotated file ended without a newline: its last line is complete.
                self.number += 1
                lines.append((self.number, None if self.skipping else _decode(self.partial)))
            self.handle.close()
            self._open(at_end=False)
            lines += self._read()
        return lines

    def close(self) -> None:
        """Release the file."""
        self.handle.close()


def _events(
    follower: Follower, lines: list[tuple[int, str | None]], detector: Detector
) -> Iterator[LogEvent]:
    if follower.parser is None:
        follower.pending += lines
        follower.parser = detector.choose(follower.pending)
        if follower.parser is None:
            if len(follower.pending) >= DETECTION_LINES:
                follower.stats.problem = UNRECOGNISED
            return
        follower.stats.format = follower.parser.name
        lines, follower.pending = follower.pending, []
    yield from parse_lines(lines, follower.parser, follower.stats)


def follow(
    files: Sequence[LogFile],
    detector: Detector,
    all_stats: list[FileStats],
    stop: threading.Event,
    poll_seconds: float = 0.5,
) -> Iterator[LogEvent]:
    """Events of lines appended to `files` until `stop` is set, in arrival order."""
    followers: list[Follower] = []
    for file in files:
        stats = FileStats(file.display)
        all_stats.append(stats)
        try:
            follower = Follower(file, stats)
        except LogReadError as exc:
            stats.problem = str(exc)
            continue
        followers.append(follower)
        if follower.tail:
            follower.parser = detector.choose(follower.tail)
            stats.format = follower.parser.name if follower.parser else None
    try:
        while not stop.is_set():
            quiet = True
            for follower in followers:
                if follower.stats.problem:
                    continue
                lines = follower.poll()
                if lines:
                    quiet = False
                    yield from _events(follower, lines, detector)
            if quiet:
                stop.wait(poll_seconds)
    finally:
        for follower in followers:
            follower.close()
