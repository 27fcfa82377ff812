from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.mapping_returns import returned_settings
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _functions(source: str):  # type: ignore[no-untyped-def]
    parsed = parse_source(textwrap.dedent(source), "app/config.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/config.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))

    def lookup(ref: str) -> tuple[FileContext, ast.FunctionDef] | None:
        name = ref.rpartition(".")[2]
        found = [s for s in ctx.tree.body if isinstance(s, ast.FunctionDef) and s.name == name]
        return (ctx, found[0]) if found else None

    return lookup


@pytest.mark.parametrize(
    ("body", "expected", "opaque"),
    [
        pytest.param(
            'return {"SESSION_COOKIE_SECURE": True}',
            {"SESSION_COOKIE_SECURE": True},
            False,
            id="dict-display",
        ),
        pytest.param(
            'data = dict(DEBUG=False)\ndata["TESTING"] = False\nreturn data',
            {"DEBUG": False, "TESTING": False},
            False,
            id="local-built-by-items",
        ),
        pytest.param(
            'data = {}\nif env:\n    data["DEBUG"] = True\nreturn data',
            {"DEBUG": UNKNOWN},
            False,
            id="item-under-a-test",
        ),
        pytest.param(
            "data = {}\nfor loader in [_flask, _extra]:\n    data |= loader(env)\nreturn data",
            {"SESSION_COOKIE_SECURE": True, "EXTRA": 1},
            False,
            id="loaders-of-a-literal-list",
        ),
        pytest.param(
            "data = {}\ndata.update(_environment(env))\nreturn data",
            {},
            True,
            id="keys-from-the-environment",
        ),
        pytest.param(
            "data = {}\ndata[env.get('KEY')] = 1\nreturn data", {}, True, id="computed-key"
        ),
        pytest.param("data = {}\nmerge(data)\nreturn data", {}, True, id="handed-on"),
    ],
)
def test_returned_settings(body: str, expected: dict[str, object], opaque: bool) -> None:
    source = (
        "def load(env):\n"
        + textwrap.indent(body, "    ")
        + "\n\ndef _flask(env):\n    return {'SESSION_COOKIE_SECURE': True}\n"
        + "\ndef _extra(env):\n    return {'EXTRA': 1}\n"
        + "\ndef _environment(env):\n    return {k: v for k, v in env.items()}\n"
    )
    returned = returned_settings("app.config.load", _functions(source))
    assert returned is not None
    assert {s.key: s.value for s in returned.settings} == expected
    assert returned.opaque is opaque


def test_a_function_returning_no_dict() -> None:
    source = "def load(env):\n    if env:\n        return {}\n    return None\n"
    assert returned_settings("app.config.load", _functions(source)) is None
