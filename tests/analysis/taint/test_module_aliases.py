"""Module-level names bound once to an imported object (`module_aliases`)."""

from __future__ import annotations

import textwrap

from webwarden.analysis.taint.module_aliases import module_aliases
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

_MODULE = """
import shlex
import ckan.logic as logic
from portal import helpers

get_action = logic.get_action
quote = shlex.quote
own = helpers
local_value = 3
twice = shlex.quote
twice = str
changed = shlex.split


def reset():
    global changed
    changed = str
"""


def test_names_bound_once_to_imported_objects() -> None:
    parsed = parse_source(textwrap.dedent(_MODULE), "portal/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("portal/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    assert module_aliases(ctx) == {
        "get_action": "ckan.logic.get_action",
        "quote": "shlex.quote",
        "own": "portal.helpers",
    }
