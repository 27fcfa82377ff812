"""A call through a table of functions lowered as a call of each of them."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    from tools.export import as_csv

    def add(request):
        pass

    def remove(request):
        pass

    ACTIONS = {"add": add, "remove": remove}
    EXPORTS = (as_csv, add)
    GROWN = [add]
    GROWN.append(remove)

    def subscript(request, kind):
        return ACTIONS[kind](request)

    def shadowed(request, kind):
        add = None
        return ACTIONS[kind](request)

    def imported(request, n):
        return EXPORTS[n](request)

    def fallback(request, kind):
        handler = ACTIONS.get(kind, show)
        return handler(request)

    def local(request, kind):
        steps = {"a": add}
        return steps[kind](request)

    def grown(request, n):
        return GROWN[n](request)

    def by_name(request, name):
        return getattr(request, "do_" + name)()

    class Base:
        def do_list(self, request):
            pass

    class Actions(Base):
        def run(self, request, action):
            return getattr(self, f"do_{action}")(request)

        def do_clear(self, request):
            pass

        def show(self, request):
            pass
    """
)


def _functions() -> dict[str, ir.Function]:
    parsed = parse_source(SOURCE, "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return {f.qualname.removeprefix("views."): f for f in Lowering(ctx).module_ir().functions}


def _called(function: ir.Function) -> list[str] | None:
    """What the function's dispatched call runs (None: no dispatch)."""
    for node in ir.walk(function.body):
        if isinstance(node, ir.Union) and node.dispatch:
            assert isinstance(node.values[0], ir.Clean)
            called = []
            for call in node.values[1:]:
                assert isinstance(call, ir.Call)
                match call.func:
                    case ir.Global(name=name):
                        called.append(name)
                    case ir.Attr(value=ir.Local(name=owner), attr=attr):
                        called.append(f"{owner}.{attr}")
            return called
    return None


@pytest.mark.parametrize(
    ("function", "expected"),
    [
        pytest.param("subscript", ["views.add", "views.remove"], id="module-table"),
        pytest.param("shadowed", ["views.add", "views.remove"], id="module-names-not-locals"),
        pytest.param("imported", ["tools.export.as_csv", "views.add"], id="imported-function"),
        pytest.param("fallback", ["views.add", "views.remove", "show"], id="local-holding-get"),
        pytest.param("local", ["views.add"], id="local-table"),
        pytest.param("grown", None, id="grown-table-unknown"),
        pytest.param("by_name", None, id="getattr-outside-a-method"),
        pytest.param("Actions.run", ["self.do_clear", "self.do_list"], id="getattr-prefix"),
    ],
)
def test_dispatched_calls(function: str, expected: list[str] | None) -> None:
    assert _called(_functions()[function]) == expected


def test_arguments_are_handed_to_each_call() -> None:
    union = next(
        node
        for node in ir.walk(_functions()["subscript"].body)
        if isinstance(node, ir.Union) and node.dispatch
    )
    calls = [call for call in union.values[1:] if isinstance(call, ir.Call)]
    assert [call.args for call in calls] == [(ir.Local("request"),)] * 2
