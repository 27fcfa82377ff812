"""Which arguments of a QuerySet's `annotate()` put their data into the rows."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.annotations import holds_literal


def _call(callee: str, *args: ir.Expr) -> ir.Call:
    return ir.Call(ir.Global(callee), callee, args, (), (1, 1))


@pytest.mark.parametrize(
    ("expr", "holds"),
    [
        pytest.param(_call("django.db.models.Value", ir.Local("q")), True, id="value"),
        pytest.param(
            _call(
                "django.db.models.functions.Concat", _call("django.db.models.Value", ir.Local("q"))
            ),
            True,
            id="value-inside-another",
        ),
        pytest.param(
            _call("django.db.models.functions.Lower", ir.Local("field")), False, id="field"
        ),
        pytest.param(ir.Local("field"), False, id="name-alone"),
    ],
)
def test_a_value_expression_holds_its_operand(expr: ir.Expr, holds: bool) -> None:
    assert holds_literal(expr) is holds
