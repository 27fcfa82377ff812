"""Reading parsed events from the inputs: format detection, malformed-line accounting."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from webwarden.logs.events import NOISE, LogEvent
from webwarden.logs.formats import DETECTION_LINES, LineParser, detect
from webwarden.logs.sources import TOO_LONG, LogFile, LogReadError, read_lines

MALFORMED_SHOWN = 5
SAMPLE_LIMIT = 1000
"""At most this many lines are read to find `DETECTION_LINES` records to detect from."""
UNRECOGNISED = "not in a log format webwarden reads (see `--log-format`)"
_TEXT_KEPT = 300


@dataclass(slots=True)
class FileStats:
    """What reading one input gave: its format, line counts, malformed lines, problems."""

    display: str
    format: str | None = None
    lines: int = 0
    events: int = 0
    malformed: int = 0
    malformed_lines: list[int] = field(default_factory=list)
    first_malformed: str = ""
    problem: str | None = None
    """Why the input could not be read (wholly or from some line on)."""
    problem_line: int = 1

    def count_malformed(self, number: int, text: str | None) -> None:
        """Record a line that does not fit the file's format."""
        self.malformed += 1
        if len(self.malformed_lines) < MALFORMED_SHOWN:
            self.malformed_lines.append(number)
        if not self.first_malformed:
            self.first_malformed = (
                text[:_TEXT_KEPT] if text is not None else "(a line longer than 64 KiB)"
            )


class Detector:
    """Chooses each input's parser: the configured one, or the one that reads it best."""

    def __init__(self, parsers: Sequence[LineParser], forced: LineParser | None) -> None:
        self.parsers = parsers
        self.forced = forced

    def choose(self, sample: Iterable[tuple[int, str | None]]) -> LineParser | None:
        """The parser for a file whose first lines are `sample`."""
        if self.forced is not None:
            return self.forced
        return detect(((n, t) for n, t in sample if t and _is_record(t)), self.parsers)


def parse_lines(
    lines: Iterable[tuple[int, str | None]], parser: LineParser, stats: FileStats
) -> Iterator[LogEvent]:
    """The events of `lines`; malformed lines are counted in `stats`, never fatal."""
    parse = parser.parse
    display = stats.display
    for number, text in lines:
        stats.lines = number
        if text is TOO_LONG:
            stats.count_malformed(number, text)
            continue
        if not text or text[0] == "#":
            continue  # NOTE: `#` lines are comments (W3C extended logs, our fixtures).
        result = parse(text, display, number)
        if result is None:
            stats.count_malformed(number, text)
        elif result is not NOISE:
            if result.partial:
                stats.count_malformed(number, text)
            stats.events += 1
            yield result


def _is_record(text: str | None) -> bool:
    return text is not None and text[:1] not in ("", "#")


def _take_sample(lines: Iterator[tuple[int, str | None]]) -> list[tuple[int, str | None]]:
    """The first lines, up to `DETECTION_LINES` that are neither blank nor comments."""
    sample: list[tuple[int, str | None]] = []
    records = 0
    for item in lines:
        sample.append(item)
        records += _is_record(item[1])
        if records >= DETECTION_LINES or len(sample) >= SAMPLE_LIMIT:
            break
    return sample


_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
"""Control characters no text log holds (tab, line ends and escape aside)."""


def _sample_problem(sample: list[tuple[int, str | None]], padded: bool) -> str | None:
    """Binary data: NUL bytes with other control characters (an executable, a core dump).
    NULs alone are padding a writer left when the log was copied and truncated under it
    (logrotate's `copytruncate`), and are read past."""
    if padded and any(text is not None and _CONTROL.search(text) for _, text in sample):
        return "binary file (contains NUL bytes), not a text log"
    return None


def _without_padding(
    lines: Iterator[tuple[int, str | None]], seen: list[bool]
) -> Iterator[tuple[int, str | None]]:
    """The lines with NUL bytes left out; `seen[0]` becomes true when there were any."""
    for number, text in lines:
        if text is not None and "\x00" in text:
            seen[0] = True
            text = text.replace("\x00", "")
        yield number, text


def read_stream(
    chain: Sequence[LogFile], detector: Detector, all_stats: list[FileStats]
) -> Iterator[LogEvent]:
    """The events of rotated files read one after the other (oldest first)."""
    for file in chain:
        stats = FileStats(file.display)
        all_stats.append(stats)
        try:
            padded = [False]
            lines = _without_padding(read_lines(file), padded)
            sample = _take_sample(lines)
            problem = _sample_problem(sample, padded[0])
            parser = None if problem else detector.choose(sample)
            if parser is None:
                if any(_is_record(text) for _, text in sample):
                    stats.lines = sample[-1][0]
                    stats.problem = problem or UNRECOGNISED
                continue
            stats.format = parser.name
            yield from parse_lines(itertools.chain(sample, lines), parser, stats)
        except LogReadError as exc:
            stats.problem = str(exc) if not stats.lines else f"{exc} (after line {stats.lines})"
            stats.problem_line = max(1, stats.lines)
