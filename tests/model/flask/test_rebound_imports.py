"""Imported names a module rebinds at its top level."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.flask.rebound_imports import rebound_imports


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "from flask_talisman import talisman\ntalisman = talisman.Talisman()\n",
            {"talisman": 2},
            id="module-rebound-to-its-object",
        ),
        pytest.param(
            "from ext import FAS\nFAS = FAS(\n    app,\n)\n", {"FAS": 4}, id="class-rebound"
        ),
        pytest.param(
            "try:\n    import simplejson as json\nexcept ImportError:\n    json = None\n",
            {},
            id="fallback-in-try",
        ),
        pytest.param("import json\nif DEBUG:\n    json = None\n", {}, id="conditional-rebinding"),
        pytest.param("talisman = make()\nfrom x import talisman\n", {}, id="import-after"),
        pytest.param("import db\ndb = db.connect()\nimport db\n", {}, id="imported-again"),
    ],
)
def test_rebound_imports(source: str, expected: dict[str, int]) -> None:
    assert rebound_imports(ast.parse(textwrap.dedent(source))) == expected
