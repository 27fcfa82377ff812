"""The fields a Django model form's `Meta` lists, read from its class body."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint.saved_models import listed_meta_fields


def _class(source: str) -> ast.ClassDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.ClassDef)
    return node


@pytest.mark.parametrize(
    ("source", "listed"),
    [
        pytest.param(
            'class Meta:\n    model = Order\n    fields = ["paid", "notes"]',
            ("paid", "notes"),
            id="list",
        ),
        pytest.param('class Meta:\n    fields = ("paid",)', ("paid",), id="tuple"),
        pytest.param('class Meta:\n    fields = "__all__"', None, id="all-fields"),
        pytest.param("class Meta:\n    fields = BASE + ['x']", None, id="a-sum"),
        pytest.param('class Meta:\n    exclude = ["notes"]', None, id="exclude-only"),
        pytest.param('class Options:\n    fields = ["paid"]', None, id="not-a-meta-class"),
    ],
)
def test_listed_meta_fields(source: str, listed: tuple[str, ...] | None) -> None:
    assert listed_meta_fields(_class(source)) == listed
