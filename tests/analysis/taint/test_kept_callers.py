"""The callers index kept between analyses of one project (`taint.kept_callers`)."""

from __future__ import annotations

from collections.abc import Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import Located
from webwarden.analysis.taint.kept_callers import KeptCallers, Mentions
from webwarden.analysis.taint.relevance import Callers


class _Index:
    """The one question the callers index asks: what a name resolves to."""

    def __init__(self, names: Mapping[str, str]) -> None:
        self.names = names

    def resolve(self, name: str) -> str | None:
        return self.names.get(name)


class _Facts:
    """A file's lowered facts: what its functions mention."""

    def __init__(self, mentioned: Mentions) -> None:
        self.mentioned = mentioned

    def mentions(self) -> Mentions:
        return self.mentioned


def _located(qualname: str, owner: str = "") -> Located:
    name = qualname.rpartition(".")[2]
    return Located(ir.Function(qualname, name, (), (), (), (1, 1), owner), "")


FUNCTIONS = ("a.view", "a.helper", "b.task", "b.Form.clean", "c.util")
FILES = {"a.py": ["a.view", "a.helper"], "b.py": ["b.task", "b.Form.clean"], "c.py": ["c.util"]}
INDEX = _Index({"util": "c.util", "helper": "a.helper", "task": "b.task"})


def _answers(callers: Callers) -> dict[str, set[str]]:
    return {q: callers.of(_located(q, "b.Form" if ".Form." in q else "")) for q in FUNCTIONS}


def _fresh(graph: Mapping[str, list[str]], facts: Mapping[str, _Facts]) -> Callers:
    named = ((relpath, f.mentions()) for relpath, f in sorted(facts.items()))
    return Callers(INDEX, graph, named)  # type: ignore[arg-type]


def test_edits_kept_apart_give_what_a_fresh_index_gives() -> None:
    graph = {"a.view": ["a.helper"], "a.helper": ["c.util"], "b.task": [], "c.util": []}
    facts = {
        "a.py": _Facts({"a.view": ("helper",), "a.helper": ("util",)}),
        "b.py": _Facts({"b.task": ("util", ".clean"), "b.Form.clean": ()}),
        "c.py": _Facts({"c.util": ()}),
    }
    kept = KeptCallers()

    def kept_answers() -> dict[str, set[str]]:
        callers = kept.callers(INDEX, graph, FILES, facts, lambda r: facts[r].mentions())  # type: ignore[arg-type]
        return _answers(callers)

    assert kept_answers() == _answers(_fresh(graph, facts))
    # NOTE: an edit of a.py: its helper no longer calls util, its view names task.
    facts = {**facts, "a.py": _Facts({"a.view": ("helper", "task"), "a.helper": ()})}
    graph = {**graph, "a.view": ["a.helper", "b.task"], "a.helper": []}
    assert kept_answers() == _answers(_fresh(graph, facts))
    assert kept_answers()["c.util"] == {"b.task"}
    # NOTE: b.py edited so that nothing names util, then c.py gone.
    facts = {**facts, "b.py": _Facts({"b.task": (), "b.Form.clean": ()})}
    assert kept_answers() == _answers(_fresh(graph, facts))
    assert kept_answers()["b.Form.clean"] == set()


def test_a_new_index_starts_the_count_over() -> None:
    graph: dict[str, list[str]] = {"a.view": [], "a.helper": [], "b.task": [], "c.util": []}
    facts = {
        "a.py": _Facts({"a.view": ("util",), "a.helper": ()}),
        "b.py": _Facts({"b.task": (), "b.Form.clean": ()}),
        "c.py": _Facts({"c.util": ()}),
    }
    kept = KeptCallers()
    kept.callers(INDEX, graph, FILES, facts, lambda r: facts[r].mentions())  # type: ignore[arg-type]
    other = _Index({"util": "b.task"})
    callers = kept.callers(other, graph, FILES, facts, lambda r: facts[r].mentions())  # type: ignore[arg-type]
    assert callers.of(_located("b.task")) == {"a.view"}
    assert callers.of(_located("c.util")) == set()
