"""The closure variables a factory's parameters give the function it makes and returns."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.factory_params import factory_params
from webwarden.analysis.taint.lower_stmt import Lowering
from webwarden.engine.files import FilePlan, make_context
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    def actions(model, allowed, *, permission=None):
        def decorator(view):
            def wrapped(request):
                return view(request)
            return wrapped
        return decorator

    def rebinding(allowed):
        def view(request):
            return allowed
        allowed = load()
        return view

    def shadowing(allowed):
        def decorator(view):
            allowed = view.names
            def wrapped(request):
                return allowed
            return wrapped
        return decorator

    def calling(allowed):
        def run(request):
            return allowed
        return run(None)

    def entry(request, allowed):
        def run(value):
            return allowed
        return run
    """
)


def _functions() -> dict[str, ir.Function]:
    parsed = parse_source(SOURCE, "views.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("views.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return {f.qualname.removeprefix("views."): f for f in Lowering(ctx).module_ir().functions}


@pytest.mark.parametrize(
    ("nested", "expected"),
    [
        pytest.param(
            "actions.decorator.wrapped",
            {"model", "allowed", "permission", "view"},
            id="decorator-factory",
        ),
        pytest.param("rebinding.view", set(), id="parameter-bound-anew"),
        pytest.param("shadowing.decorator.wrapped", {"view"}, id="shadowed-in-between"),
        pytest.param("calling.run", set(), id="called-not-returned"),
        pytest.param("entry.run", set(), id="enclosed-by-an-entry"),
    ],
)
def test_factory_parameters(nested: str, expected: set[str]) -> None:
    functions = _functions()
    keyed = {f.qualname: f for f in functions.values()}
    entries = {q for q in keyed if q.endswith(".entry")}
    found = factory_params(keyed, functions[nested], lambda name: name in entries)
    assert found == expected
