"""Timestamps of every format, as UTC epoch seconds; spans as reports show them."""

from __future__ import annotations

import pytest

from webwarden.logs.timeparse import (
    asctime,
    clf_time,
    epoch_time,
    format_span,
    iso_time,
    werkzeug_time,
)

T = 1714557600.0  # 2024-05-01 10:00:00 UTC


@pytest.mark.parametrize(
    ("parse", "text", "expected"),
    [
        pytest.param(clf_time, "01/May/2024:10:00:00 +0000", T, id="clf"),
        pytest.param(clf_time, "01/May/2024:03:00:05 -0700", T + 5, id="clf-negative-zone"),
        pytest.param(clf_time, "01/may/2024:10:00:00 +0000", T, id="clf-month-case"),
        pytest.param(clf_time, "01/May/2024:10:00:00 X0000", None, id="clf-no-sign"),
        pytest.param(clf_time, "01/Foo/2024:10:00:00 +0000", None, id="clf-month"),
        pytest.param(clf_time, "31/Feb/2024:10:00:00 +0000", None, id="clf-date"),
        pytest.param(clf_time, "01/May/2024:10:00", None, id="clf-short"),
        pytest.param(werkzeug_time, "01/May/2024 10:00:00", T, id="werkzeug"),
        pytest.param(werkzeug_time, "01/May/2024 10:60:00", None, id="werkzeug-minute"),
        pytest.param(werkzeug_time, "01/May/2024:10:00:00", None, id="werkzeug-shape"),
        pytest.param(asctime, "Wed May  1 10:00:00 2024", T, id="asctime"),
        pytest.param(asctime, "Wed May 1 10:00 2024", None, id="asctime-clock"),
        pytest.param(asctime, "Wed May", None, id="asctime-short"),
        pytest.param(iso_time, "2024-05-01T10:00:00Z", T, id="iso-z"),
        pytest.param(iso_time, "2024-05-01 12:00:00,250+02:00", T + 0.25, id="iso-comma-offset"),
        pytest.param(iso_time, "2024-05-01 10:00:00 +0000", T, id="iso-space-offset"),
        pytest.param(iso_time, "2024-05-01 10:00:00", T, id="iso-naive-is-utc"),
        pytest.param(iso_time, "01/May/2024:10:00:00 +0000", T, id="iso-falls-back-to-clf"),
        pytest.param(iso_time, "yesterday", None, id="iso-garbage"),
        pytest.param(iso_time, "x" * 50, None, id="iso-long"),
        pytest.param(epoch_time, 1714557600, T, id="epoch-seconds"),
        pytest.param(epoch_time, 1714557600000, T, id="epoch-milliseconds"),
        pytest.param(epoch_time, "2024-05-01T10:00:00Z", T, id="epoch-string"),
        pytest.param(epoch_time, True, None, id="epoch-bool"),
        pytest.param(epoch_time, None, None, id="epoch-none"),
    ],
)
def test_times(parse: object, text: object, expected: float | None) -> None:
    assert parse(text) == expected  # type: ignore[operator]


def test_clf_minute_cache_gives_each_second() -> None:
    assert clf_time("01/May/2024:10:00:01 +0000") == T + 1
    assert clf_time("01/May/2024:10:00:59 +0000") == T + 59


def test_spans() -> None:
    assert format_span(T, T) == "at 2024-05-01 10:00:00 UTC"
    assert format_span(T, T + 65) == "on 2024-05-01 10:00:00-10:01:05 UTC"
    assert format_span(T, T + 86400) == "from 2024-05-01 10:00:00 to 2024-05-02 10:00:00 UTC"
