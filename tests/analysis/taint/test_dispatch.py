from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.dispatch import STDLIB_MEMBER, stdlib_call, stdlib_member
from webwarden.analysis.taint.values import Value


@pytest.mark.parametrize(
    ("held", "expected"),
    [
        pytest.param(ir.Global("subprocess"), f"{STDLIB_MEMBER}subprocess>", id="subprocess"),
        pytest.param(ir.Global("os"), "", id="module-with-propagators"),
        pytest.param(ir.Global("os.path"), "", id="path-functions-hand-text-on"),
        pytest.param(ir.Global("markdown"), "", id="third-party-module"),
        pytest.param(ir.Local("module"), "", id="local-name"),
    ],
)
def test_stdlib_member(held: ir.Expr, expected: str) -> None:
    assert stdlib_member(held) == expected


def test_stdlib_call_sees_the_member_behind_a_chosen_lookup() -> None:
    member = stdlib_member(ir.Global("subprocess"))
    assert stdlib_call(Value(kind=member))
    assert stdlib_call(Value(kind=f"<chosen:3:4>{member}"))
    assert not stdlib_call(Value(kind="<chosen:3:4>"))
