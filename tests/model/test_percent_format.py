"""`str.format` fields of a literal: their presentation types and the values they take."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.percent_format import FORMAT_NUMERIC, format_fields


def _fields(source: str) -> list[tuple[str, str | None]] | None:
    found = format_fields(ast.parse(source, mode="eval").body)
    if found is None:
        return None
    return [(kind, None if value is None else ast.unparse(value)) for kind, value in found]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param('"{} of {:.1f}".format(a, b)', [("", "a"), ("f", "b")], id="automatic"),
        pytest.param('"{1}{0:d}".format(a, b)', [("", "b"), ("d", "a")], id="numbered"),
        pytest.param('"{n:%}".format(n=share)', [("%", "share")], id="keyword"),
        pytest.param('_("<b>{}</b>").format(a)', [("", "a")], id="translated"),
        pytest.param('"{0.name}".format(user)', [("", None)], id="attribute-unknown"),
        pytest.param('"{} {}".format(a)', [("", "a"), ("", None)], id="missing-argument"),
        pytest.param('"{{literal}}".format()', [], id="escaped-braces"),
    ],
)
def test_format_fields(source: str, expected: list[tuple[str, str | None]]) -> None:
    assert _fields(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("template.format(a)", id="not-a-literal"),
        pytest.param('"{}".format(*values)', id="starred"),
        pytest.param('"{}".format(**values)', id="double-starred"),
        pytest.param('"{:{width}}".format(a, width=3)', id="nested-spec"),
        pytest.param('"{".format(a)', id="unbalanced"),
        pytest.param('"%s" % a', id="percent"),
    ],
)
def test_unreadable_format(source: str) -> None:
    assert _fields(source) is None


def test_numeric_types_exclude_character() -> None:
    assert {"d", "f", "%", "n"} <= FORMAT_NUMERIC
    assert "c" not in FORMAT_NUMERIC
    assert "s" not in FORMAT_NUMERIC
