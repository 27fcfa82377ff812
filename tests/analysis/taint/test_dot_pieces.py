from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.dot_pieces import dotless_piece, split_on_dots

_TEXT = ir.Local("name")


def _split(method: str, *args: ir.Expr, maxsplit: ir.Expr | None = None) -> ir.Call:
    keywords = (("maxsplit", maxsplit),) if maxsplit is not None else ()
    return ir.Call(ir.Attr(_TEXT, method), None, (ir.Const("."), *args), keywords, (1, 0))


@pytest.mark.parametrize(
    ("call", "index", "expected"),
    [
        pytest.param(_split("split"), ir.Const(3), True, id="split-every-dot"),
        pytest.param(_split("rsplit", ir.Const(1)), ir.Const(1), True, id="extension"),
        pytest.param(_split("rsplit", ir.Const(1)), ir.Const(0), False, id="stem-keeps-dots"),
        pytest.param(_split("rsplit", ir.Const(1)), ir.Clean((ir.Const(1),)), True, id="last"),
        pytest.param(_split("split", ir.Const(1)), ir.Const(0), True, id="before-first-dot"),
        pytest.param(_split("split", ir.Const(1)), ir.Const(1), False, id="after-first-dot"),
        pytest.param(
            _split("split", maxsplit=ir.Const(1)), ir.Clean((ir.Const(1),)), False, id="split-last"
        ),
        pytest.param(_split("split", ir.Local("n")), ir.Const(0), False, id="limit-unknown"),
    ],
)
def test_dotless_piece(call: ir.Call, index: ir.Expr, expected: bool) -> None:
    assert dotless_piece(call, index) is expected


def test_a_split_on_another_separator_is_no_split_on_dots() -> None:
    call = ir.Call(ir.Attr(_TEXT, "split"), None, (ir.Const("/"),), (), (1, 0))
    assert split_on_dots(call) is None
