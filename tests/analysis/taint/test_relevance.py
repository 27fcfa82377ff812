"""The engine summarises only the functions request data may pass through, and that
leaves every flow as summarising every function finds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.analysis.taint import engine as taint_engine
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.engine import Engine
from webwarden.rules.base import TaintRule
from webwarden.rules.registry import all_rules

from .corpus_cases import CORPUS

TAINT_RULES = [rule for rule in all_rules() if issubclass(rule, TaintRule)]
TAINT = [rule.code for rule in TAINT_RULES]
FIXTURES = Path(__file__).parents[2] / "rules" / "fixtures"


def _every_function_a_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the engine summarise every function, as it did before it judged relevance."""

    def everything(
        _index: object, functions: dict[str, ir.Function], *_: object
    ) -> tuple[str, ...]:
        return tuple(functions)

    monkeypatch.setattr(taint_engine, "entered", everything)


def _findings(root: Path) -> list[tuple[str, str, int, int, str, str]]:
    return [
        (f.code, f.location.path, f.location.line, f.location.column, f.message, f.confidence.value)
        for f in audit([root], root, select=TAINT)
    ]


def _projects() -> list[Path]:
    codes = {rule.code for rule in TAINT_RULES}
    folders = [path for path in sorted(FIXTURES.iterdir()) if path.name in codes]
    return [CORPUS / "flask_app", CORPUS / "django_app", *folders]


@pytest.mark.parametrize("root", _projects(), ids=lambda path: path.name)
def test_summarising_only_what_request_data_reaches_finds_every_flow(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pruned = _findings(root)
    _every_function_a_root(monkeypatch)
    assert _findings(root) == pruned


APP = """\
import os
from flask import Flask, request
app = Flask(__name__)

def shell(command):
    os.system(command)

def unrelated(path):
    with open(path) as handle:
        return handle.read()

def current_title():
    return request.args["title"]

class Source:
    def value(self):
        return request.args["q"]

def banner():
    os.system("echo " + current_title())

def poll():
    source = Source()
    os.system(source.value())

@app.route("/run")
def run():
    shell(request.args["cmd"])
    return "ok"
"""


def test_functions_request_data_cannot_reach_are_left_out(
    tmp_path: Path, engines: list[Engine]
) -> None:
    (tmp_path / "app.py").write_text(APP, encoding="utf-8")
    found = [(f.location.line, f.code) for f in audit([tmp_path], tmp_path, select=TAINT)]
    # NOTE: `banner` and `poll` are called by no view: they are summarised because they
    # call a function whose summary hands request data back (by name, and by the name of
    # the method called on an object).
    assert found == [(6, "WW1105"), (20, "WW1105"), (24, "WW1105")]
    (engine,) = engines
    assert "app.unrelated" not in engine.needed
    assert "app.unrelated" not in engine.summaries
    assert {"app.run", "app.shell", "app.current_title", "app.Source.value"} <= engine.needed
    assert {"app.banner", "app.poll"} <= engine.needed
    assert engine.leaking >= {"app.current_title", "app.Source.value"}
