"""Which saves only move on the time of a visit's record (`writes.touched`)."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.writes.touched import _refreshes_time, touched_saves


@pytest.mark.parametrize(
    ("method", "refreshes"),
    [
        pytest.param("touch", True, id="touch"),
        pytest.param("update_modification_time", True, id="modification-time"),
        pytest.param("refresh_timestamp", True, id="timestamp"),
        pytest.param("archive", False, id="archive"),
        pytest.param("set_time_zone", False, id="time-zone-setting"),
        pytest.param("update_status", False, id="status"),
    ],
)
def test_refreshes_time(method: str, refreshes: bool) -> None:
    assert _refreshes_time(method) is refreshes


def _call(func: ir.Expr, *args: ir.Expr, line: int) -> ir.Call:
    callee = func.name if isinstance(func, ir.Global) else None
    return ir.Call(func, callee, args, (), (line, 4))


_MADE = ir.Assign(
    (ir.TName("view"),),
    _call(ir.Global("models.View.get_or_create"), line=1),
    (1, 4),
)
_ADD = ir.Eval(_call(ir.Global("models.db.session.add"), ir.Local("view"), line=3))


def _method(name: str, *args: ir.Expr) -> ir.Eval:
    return ir.Eval(_call(ir.Attr(ir.Local("view"), name), *args, line=2))


@pytest.mark.parametrize(
    ("middle", "touched"),
    [
        pytest.param(_method("update_modification_time"), True, id="time-moved-on"),
        pytest.param(_method("archive"), False, id="other-method"),
        pytest.param(_method("touch", ir.Local("when")), False, id="refresh-given-a-value"),
        pytest.param(
            ir.Assign((ir.TAttr(ir.Local("view"), "name"),), ir.Const("x"), (2, 4)),
            False,
            id="field-set",
        ),
    ],
)
def test_touched_saves_of_an_added_row(middle: ir.Stmt, touched: bool) -> None:
    saves = touched_saves([_MADE, middle, _ADD])
    assert saves == ({(3, 4)} if touched else set())


def test_added_row_whose_time_is_not_moved_on_is_no_touch() -> None:
    assert touched_saves([_MADE, _ADD]) == frozenset()
