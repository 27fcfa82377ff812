from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.form_errors import rendered_form_errors

FORM = ir.Local("form")


def _method(receiver: ir.Expr, name: str) -> ir.Call:
    return ir.Call(ir.Attr(receiver, name), None, (), (), (1, 0))


@pytest.mark.parametrize(
    ("part", "expected"),
    [
        pytest.param(ir.Attr(FORM, "errors"), True, id="form-errors"),
        pytest.param(ir.Attr(ir.Local("add_form"), "errors"), True, id="named-form"),
        pytest.param(ir.Attr(ir.Attr(ir.Local("self"), "form"), "errors"), True, id="self-form"),
        pytest.param(
            ir.Attr(ir.Sub(FORM, ir.Const("title")), "errors"), True, id="bound-field-errors"
        ),
        pytest.param(_method(FORM, "non_field_errors"), True, id="non-field-errors"),
        pytest.param(ir.Sub(ir.Attr(FORM, "errors"), ir.Const("title")), False, id="one-list"),
        pytest.param(ir.Attr(ir.Local("formset"), "errors"), False, id="formset-errors"),
        pytest.param(ir.Attr(ir.Local("serializer"), "errors"), False, id="serializer-errors"),
        pytest.param(ir.Attr(FORM, "data"), False, id="form-data"),
        pytest.param(_method(FORM, "errors"), False, id="called"),
    ],
)
def test_rendered_form_errors(part: ir.Expr, expected: bool) -> None:
    assert rendered_form_errors(part) is expected
