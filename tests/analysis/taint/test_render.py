"""Source-like text of IR expressions, as flow notes and messages show them."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.render import render

NAME = ir.Local("name")
AT = (1, 1)


def _strip(value: ir.Expr) -> ir.Expr:
    return ir.Call(ir.Attr(value, "strip"), None, (), (), AT)


@pytest.mark.parametrize(
    ("expr", "text"),
    [
        (_strip(ir.Fmt("+", (ir.Const("a"), NAME), "a", AT)), "('a' + name).strip()"),
        (_strip(ir.Fmt("%", (ir.Const("%s"), NAME), "", AT)), "('%s' % name).strip()"),
        (_strip(ir.Union((NAME, ir.Const("x")))), "(name or 'x').strip()"),
        (_strip(ir.Fmt("f-string", (NAME,), "", AT)), 'f"...".strip()'),
        (_strip(NAME), "name.strip()"),
    ],
)
def test_an_operand_built_with_an_operator_is_parenthesised(expr: ir.Expr, text: str) -> None:
    assert render(expr) == text


def test_a_call_through_a_table_reads_as_written() -> None:
    lookup = ir.Sub(ir.Global("views.ACTIONS"), NAME)
    calls = tuple(ir.Call(ir.Global(f), f, (NAME,), (), AT) for f in ("views.a", "views.b"))
    dispatched = ir.Union((ir.Clean((lookup,)), *calls), dispatch=True)
    assert render(dispatched) == "views.ACTIONS[name](name)"
