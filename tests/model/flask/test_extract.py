"""Which modules have Flask facts."""

from __future__ import annotations

import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.model.flask.facts import FlaskFacts
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    from flask import Flask as Application

    app = Application(__name__)
    """
)


def _facts(relpath: str) -> FlaskFacts | None:
    parsed = parse_source(SOURCE, relpath)
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return extract(make_context(relpath, parsed, plan))


def test_an_application_module_has_its_facts_through_an_aliased_import() -> None:
    facts = _facts("shop/app.py")
    assert facts is not None
    assert [app.ref for app in facts.apps] == ["app.app"]


def test_test_code_has_no_facts() -> None:
    assert _facts("tests/test_app.py") is None
