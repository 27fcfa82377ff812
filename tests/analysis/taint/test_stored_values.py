from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.stored_values import stored_value_guards


def _guarded(test: str) -> list[str]:
    expression = ast.parse(test, mode="eval").body
    return [guard.name for guard in stored_value_guards(expression, {"name", "other"})]


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        pytest.param("M.query.filter(M.name == name).first() is not None", ["name"], id="found"),
        pytest.param("M.query.filter(name == M.name).first()", ["name"], id="truthy-reversed"),
        pytest.param("M.query.filter_by(name=name).count() > 0", ["name"], id="filter-by-count"),
        pytest.param("M.objects.filter(name=name).exists()", ["name"], id="django-exists"),
        pytest.param(
            "M.query.filter(and_(M.a == name, M.b == other)).first() is not None",
            ["name", "other"],
            id="and",
        ),
        pytest.param("M.query.filter(M.name == name).first() is None", [], id="missing"),
        pytest.param(
            "M.query.filter(or_(M.a == name, M.b == other)).first()", [], id="either-column"
        ),
        pytest.param("M.query.filter(M.name != name).first()", [], id="not-equal"),
        pytest.param("M.objects.filter(name__icontains=name).exists()", [], id="other-lookup"),
        pytest.param("is_valid(name)", [], id="no-lookup"),
    ],
)
def test_stored_value_guards(test: str, expected: list[str]) -> None:
    assert _guarded(test) == expected
