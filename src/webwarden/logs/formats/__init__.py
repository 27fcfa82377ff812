"""The log formats webwarden reads, and detecting which one a file is in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from webwarden.logs.events import LogEvent
from webwarden.logs.formats.applog import AppLogParser
from webwarden.logs.formats.base import LineParser as LineParser
from webwarden.logs.formats.clf import (
    CombinedParser,
    PrefixedCombinedParser,
    RunserverParser,
    WerkzeugParser,
)
from webwarden.logs.formats.gunicorn import GunicornParser
from webwarden.logs.formats.jsonl import JsonLinesParser
from webwarden.logs.formats.uwsgi import UwsgiParser

FORMATS = ("auto", "combined", "gunicorn", "uwsgi", "werkzeug", "runserver", "json", "app")
"""Values of `--log-format`; `auto` detects the format of each file from its first lines."""
DETECTION_LINES = 25


def make_parsers(
    access_log_format: str | None = None, json_fields: Mapping[str, str] | None = None
) -> list[LineParser]:
    """Every parser, in detection order (a given gunicorn format first)."""
    parsers: list[LineParser] = [
        CombinedParser(),
        JsonLinesParser(json_fields),
        UwsgiParser(),
        WerkzeugParser(),
        RunserverParser(),
        PrefixedCombinedParser(),
        AppLogParser(),
    ]
    if access_log_format is not None:
        parsers.insert(0, GunicornParser(access_log_format))
    return parsers


def parser_named(name: str, parsers: Iterable[LineParser]) -> LineParser:
    """The parser for a format name (`gunicorn` without a format string is the default)."""
    for parser in parsers:
        if parser.name == name:
            return parser
    return GunicornParser()


def detect(lines: Iterable[tuple[int, str]], parsers: Iterable[LineParser]) -> LineParser | None:
    """The parser that reads the most of `lines` as records (the first on a tie), or None."""
    sample = list(lines)
    best, best_count = None, 0
    for parser in parsers:
        count = sum(isinstance(parser.parse(text, "", number), LogEvent) for number, text in sample)
        if count > best_count:
            best, best_count = parser, count
    return best
