"""What a failed `isinstance(x, str)` proves of `x`: no request text as it was read."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.not_text import NOT_TEXT_IF, built_text, not_text_kinds
from webwarden.analysis.taint.values import ALL_KINDS, Label, Origin, Step, Trace, Value


def _read(text: str, steps: int = 1) -> Value:
    step = Step("views.py", 3, 5, f"{text} read")
    return Value(
        {Label(Origin("source", f"views.py:3:5:{text}", text=text)): Trace((step,) * steps)}
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("`request.POST.get('res_id', None)`", id="form-field"),
        pytest.param("`self.request.GET['q']`", id="query-parameter-of-a-view-class"),
        pytest.param("`request.args.get('next')`", id="flask-query-parameter"),
        pytest.param("URL parameter `slug`", id="url-parameter"),
    ],
)
def test_request_text_as_read_never_fails_the_test(text: str) -> None:
    assert not_text_kinds(_read(text)) == ALL_KINDS


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(_read("`request.GET.getlist('name')`"), id="list-of-values"),
        pytest.param(_read("`request.data.get('report')`"), id="json-value"),
        pytest.param(_read("`request.GET.get('names')`", steps=2), id="made-from-the-read"),
        pytest.param(Value(kind="<list>"), id="a-list-display"),
        pytest.param(None, id="unknown"),
    ],
)
def test_what_may_not_be_text_is_still_request_data(value: Value | None) -> None:
    assert not_text_kinds(value) == frozenset()


def test_a_parameter_as_given_is_marked_for_its_callers() -> None:
    given = Value({Label(Origin("param", "res_id")): Trace(())})
    assert not_text_kinds(given) == frozenset({NOT_TEXT_IF + "res_id"})


def _fmt(kind: str, *parts: ir.Expr) -> ir.Fmt:
    return ir.Fmt(kind, parts, "", (3, 5))


@pytest.mark.parametrize(
    ("node", "text"),
    [
        pytest.param(_fmt("+", ir.Local("name"), ir.Const(".json")), True, id="plus-constant"),
        pytest.param(_fmt("f-string", ir.Local("name")), True, id="f-string"),
        pytest.param(_fmt("%", ir.Const("%s.json"), ir.Local("name")), True, id="percent-format"),
        pytest.param(_fmt("+", ir.Local("a"), ir.Local("b")), False, id="plus-of-unknowns"),
        pytest.param(_fmt("%", ir.Local("a"), ir.Local("b")), False, id="percent-of-unknowns"),
        pytest.param(ir.Local("name"), False, id="a-local"),
    ],
)
def test_text_built_by_the_code(node: ir.Expr, text: bool) -> None:
    assert built_text(node) is text
