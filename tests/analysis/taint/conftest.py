"""Fixtures shared by the taint analysis tests."""

from __future__ import annotations

import pytest

from webwarden.analysis import taint
from webwarden.analysis.taint.engine import Engine


@pytest.fixture
def engines(monkeypatch: pytest.MonkeyPatch) -> list[Engine]:
    """The taint engines of the scans run in the test."""
    made: list[Engine] = []
    real = taint.analyse

    def keeping(*args: object, **kwargs: object) -> Engine:
        engine = real(*args, **kwargs)  # type: ignore[arg-type]
        made.append(engine)
        return engine

    monkeypatch.setattr(taint, "analyse", keeping)
    return made
