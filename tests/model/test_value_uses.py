"""`value_ends`: every use of a value, followed through the locals it is bound to."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.value_uses import End, value_ends
from webwarden.parse.python import ParsedPython, parse_source


def _ends(body: str) -> list[str]:
    """How each use of `make()`'s value ends in `view`, with `send(...)` as the delivery."""
    source = "def view(user, session, db, other):\n" + textwrap.indent(
        textwrap.dedent(body), "    "
    )
    parsed = parse_source(source, "app/views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/views.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    made = next(
        n for n in ast.walk(ctx.tree) if isinstance(n, ast.Call) and ctx.call_name(n) == "make"
    )

    def delivers(holder: ast.AST, child: ast.AST) -> bool:
        return (
            isinstance(holder, ast.Call)
            and child is not holder.func
            and ctx.call_name(holder) == "send"
        )

    return sorted(str(use.end) for use in value_ends(ctx, made, delivers))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("send(make())\n", ["delivered"], id="inline-argument"),
        pytest.param(
            "d = make()\np = {'h': d}\nsend(data=p)\n", ["delivered"], id="through-two-locals"
        ),
        pytest.param(
            "d = make()\nuser.pw = d\nsend(d)\n", ["delivered", "kept"], id="set-on-object"
        ),
        pytest.param(
            "d = make()\nsession['pw'] = d\nsend(d)\n", ["delivered", "kept"], id="session-key"
        ),
        pytest.param(
            "d = make()\ndb.execute('sql', (d,))\nsend(d)\n",
            ["delivered", "kept"],
            id="handed-to-another-call",
        ),
        pytest.param("d = make()\nsend(d)\nreturn d\n", ["delivered", "kept"], id="returned"),
        pytest.param(
            "d = make()\nif not d:\n    return\nif d == other:\n    send(d)\n",
            ["delivered", "tested", "tested"],
            id="tested",
        ),
        pytest.param(
            "d = make()\np = {}\np['h'] = d\np.update(x=1)\nsend(p)\n",
            ["kept"],
            id="item-set-on-a-container-is-not-followed",
        ),
        pytest.param(
            "p = {'h': make()}\np.update({'x': 1})\np['k'] = 2\nsend(p)\n",
            ["delivered", "tested", "tested"],
            id="container-changed-in-place",
        ),
        pytest.param(
            "d = make()\na, b = d[:5], d[5:]\nsend(a)\nreturn b in other\n",
            ["delivered", "tested"],
            id="pair-unpacked",
        ),
        pytest.param(
            "a = make()\nb = a\nc = b\nd = c\ne = d\nsend(e)\n",
            ["kept"],
            id="deeper-than-followed",
        ),
        pytest.param(
            "d = make()\nif check(d) == 1:\n    send(d)\n",
            ["delivered", "kept"],
            id="compared-after-a-call",
        ),
    ],
)
def test_value_ends(body: str, expected: list[str]) -> None:
    assert _ends(body) == expected


def test_end_names() -> None:
    assert [e.value for e in End] == ["delivered", "tested", "kept"]
