"""A module's facts: kept pickled until read, equal whatever their bytes."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model import facts as facts_module
from webwarden.model.facts import FactExtractor, Facts, extract_facts
from webwarden.parse.python import ParsedPython, parse_source

READS: list[str] = []


@dataclass(frozen=True)
class Counted:
    """A fact that notes when it is unpickled."""

    name: str

    def __setstate__(self, state: dict[str, str]) -> None:
        READS.append(state["name"])
        object.__setattr__(self, "name", state["name"])


def trip(facts: Facts) -> Facts:
    copied = pickle.loads(pickle.dumps(facts, protocol=5))  # noqa: S301 - our own data
    assert isinstance(copied, Facts)
    return copied


@pytest.fixture(autouse=True)
def _no_reads() -> None:
    READS.clear()


def test_a_value_is_unpickled_when_first_read_and_only_then() -> None:
    facts = trip(Facts({"django.views": Counted("views"), "flask": Counted("flask")}))
    assert READS == []
    assert "flask" in facts
    assert list(facts) == ["django.views", "flask"]
    assert len(facts) == 2
    assert READS == []
    assert facts.get("flask") == Counted("flask")
    assert facts["flask"] == Counted("flask")
    assert READS == ["flask"]


def test_missing_facts() -> None:
    facts = trip(Facts({"flask": 1}))
    assert facts.get("taint") is None
    assert facts.get("taint", 0) == 0
    assert "taint" not in facts
    with pytest.raises(KeyError, match="taint"):
        facts["taint"]
    assert trip(Facts()) == Facts() == {}


def test_a_second_trip_keeps_the_bytes_of_the_first() -> None:
    once = trip(Facts({"flask": Counted("flask")}))
    twice = trip(once)
    assert READS == []
    assert twice == once == {"flask": Counted("flask")}
    assert READS == ["flask", "flask"]
    assert trip(twice) == {"flask": Counted("flask")}


def test_equal_facts_compare_equal_whatever_their_bytes() -> None:
    names = frozenset(f"name{i}" for i in range(50))
    fresh = Facts({"secrets": names})
    # NOTE: bytes written by another process may differ for an equal value (a set
    # pickles its items in the order of that process's hash seed).
    stored = Facts()
    stored.__setstate__({"secrets": pickle.dumps(names, protocol=2)})
    assert stored.__getstate__() != fresh.__getstate__()
    assert stored == fresh


def test_extractors_not_in_tests_are_skipped_on_test_modules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    extractors = (
        FactExtractor("everywhere", lambda ctx: ctx.relpath),
        FactExtractor("application", lambda ctx: ctx.relpath, in_tests=False),
    )
    monkeypatch.setattr(facts_module, "extractors", lambda: extractors)
    parsed = parse_source("x = 1\n")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 10**6, frozenset(), ("tests/",))
    app = extract_facts(make_context("app.py", parsed, plan))
    test = extract_facts(make_context("tests/test_app.py", parsed, plan))
    assert dict(app) == {"everywhere": "app.py", "application": "app.py"}
    assert dict(test) == {"everywhere": "tests/test_app.py"}
