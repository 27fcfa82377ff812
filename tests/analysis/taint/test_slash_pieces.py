from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.slash_pieces import slashless_piece

_TEXT = ir.Local("name")


def _cut(method: str, *args: ir.Expr, sep: str = "/", maxsplit: ir.Expr | None = None) -> ir.Call:
    keywords = (("maxsplit", maxsplit),) if maxsplit is not None else ()
    return ir.Call(ir.Attr(_TEXT, method), None, (ir.Const(sep), *args), keywords, (1, 0))


@pytest.mark.parametrize(
    ("call", "index", "expected"),
    [
        pytest.param(_cut("split"), ir.Const(1), True, id="split-every-slash"),
        pytest.param(_cut("rsplit"), ir.Local("i"), True, id="any-piece-of-a-full-split"),
        pytest.param(_cut("split", ir.Const(1)), ir.Const(0), True, id="before-first-slash"),
        pytest.param(_cut("split", ir.Const(1)), ir.Const(1), False, id="after-first-slash"),
        pytest.param(_cut("split", maxsplit=ir.Const(2)), ir.Const(1), True, id="maxsplit"),
        pytest.param(_cut("rsplit", ir.Const(1)), ir.Const(1), True, id="after-last-slash"),
        pytest.param(_cut("rsplit", ir.Const(1)), ir.Const(0), False, id="before-last-slash"),
        pytest.param(_cut("split", ir.Local("n")), ir.Const(0), False, id="limit-unknown"),
        pytest.param(_cut("split", ir.Const(1)), ir.Local("i"), False, id="index-unknown"),
        pytest.param(_cut("split"), ir.Clean((ir.Const(2),)), False, id="slice-or-negative"),
        pytest.param(_cut("partition"), ir.Const(0), True, id="partition-head"),
        pytest.param(_cut("partition"), ir.Const(2), False, id="partition-tail"),
        pytest.param(_cut("rpartition"), ir.Const(2), True, id="rpartition-tail"),
        pytest.param(_cut("rpartition"), ir.Const(0), False, id="rpartition-head"),
        pytest.param(_cut("split", sep="."), ir.Const(1), False, id="other-separator"),
    ],
)
def test_slashless_piece(call: ir.Call, index: ir.Expr, expected: bool) -> None:
    assert slashless_piece(call, index) is expected
