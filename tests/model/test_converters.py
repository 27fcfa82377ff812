from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.converters import ConverterFacts, loads_row, registered_loaders


def _method(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "def to_python(self, value):\n    return self.model.objects.get_or_404(id=value)",
            True,
            id="manager-lookup",
        ),
        pytest.param(
            "def to_python(self, value):\n    return Tag.query.get(value)",
            True,
            id="query-lookup",
        ),
        pytest.param(
            "def to_python(self, value):\n"
            "    row = self.model.objects(slug=value).first()\n"
            "    if row is None:\n"
            "        return NotFound()\n"
            "    return row",
            True,
            id="local-or-error-object",
        ),
        pytest.param(
            "def to_python(self, value):\n    return get_object_or_404(Page, slug=value) or None",
            True,
            id="shortcut",
        ),
        pytest.param(
            "def to_python(self, value):\n"
            "    row = Page.objects.filter(slug=value).first()\n"
            "    return row or value",
            False,
            id="text-when-missing",
        ),
        pytest.param(
            "def to_python(self, value):\n    return value.split(',')",
            False,
            id="text-split",
        ),
        pytest.param(
            "def to_python(self, value):\n    return UUID(value)",
            False,
            id="no-lookup",
        ),
        pytest.param(
            "def to_python(self, value):\n"
            "    row = Page.objects.get(slug=value)\n"
            "    row = value\n"
            "    return row",
            False,
            id="local-rebound-to-text",
        ),
    ],
)
def test_loads_row(source: str, expected: bool) -> None:
    assert loads_row(_method(source)) is expected


def test_registered_loaders_follow_first_base() -> None:
    facts = [
        ConverterFacts(
            registered=(
                ("flask", "page", "app.PageConverter"),
                ("flask", "mixed", "app.MixedConverter"),
                ("django", "page", "app.PageConverter"),
                ("flask", "plain", "werkzeug.routing.BaseConverter"),
            ),
            loaders=("app.RowConverter",),
            subclasses=(
                ("app.PageConverter", ("app.RowConverter",)),
                ("app.MixedConverter", ("app.TextMixin", "app.RowConverter")),
            ),
        )
    ]
    assert registered_loaders(facts, "flask") == frozenset({"page"})
