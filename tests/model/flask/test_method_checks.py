"""Whether a method of a project class checks the visitor's right before it stores."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.method_checks import leading_check
from webwarden.model.flask.references import Namer
from webwarden.parse.python import ParsedPython, parse_source

_HEAD = (
    "from flask import abort\n"
    "from flask_principal import Permission\n"
    "from app.auth import may\n"
    "from app.store import store\n"
    "admin = Permission()\n"
)


def _leading(body: str) -> tuple[bool, tuple[tuple[str, bool], ...]]:
    source = _HEAD + "class Page:\n    def act(self):\n" + textwrap.indent(body, " " * 8)
    parsed = parse_source(source, "app/pages.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/pages.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    cls = ctx.tree.body[-1]
    assert isinstance(cls, ast.ClassDef)
    method = cls.body[0]
    assert isinstance(method, ast.FunctionDef)
    return leading_check(Namer(ctx), method)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "if not may('write'):\n    abort(403)\nstore.write(1)\n",
            (True, ()),
            id="refuses-first",
        ),
        pytest.param(
            '"""Save."""\nname = 1\nif not may("write"):\n    abort(401)\nstore.write(name)\n',
            (True, ()),
            id="after-docstring-and-local",
        ),
        pytest.param(
            "with admin.require():\n    store.write(1)\n",
            (True, ()),
            id="principal-permission",
        ),
        pytest.param(
            # NOTE: the project step stops at the call, which may store.
            "store.write(1)\nif not may('write'):\n    abort(403)\n",
            (True, (("app.store.store.write", False),)),
            id="refusal-after-a-call",
        ),
        pytest.param(
            "self.enabled()\nrow = self.load()\nself.require()\nstore.write(row)\n",
            (
                False,
                (
                    ("self.enabled", False),
                    ("self.load", True),
                    ("self.require", False),
                    ("app.store.store.write", False),
                ),
            ),
            id="calls-kept-in-order",
        ),
        pytest.param(
            "return self.rename()\n",
            (False, (("self.rename", False),)),
            id="returned-call-ends-them",
        ),
        pytest.param(
            "if not page.exists():\n    abort(404)\nif not may('write'):\n    abort(404)\n"
            "store.write(1)\n",
            (False, (("app.store.store.write", False),)),
            id="not-found-is-no-refusal",
        ),
        pytest.param(
            "self.path = 'x'\nif not may('write'):\n    abort(403)\n",
            (False, ()),
            id="attribute-stored-first",
        ),
    ],
)
def test_leading_check(body: str, expected: tuple[bool, tuple[tuple[str, bool], ...]]) -> None:
    assert _leading(body) == expected
