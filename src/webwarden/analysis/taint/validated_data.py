"""Decorators of the project that hand a view only the data a serializer validated.

A project building its own API views on Django's `View` often validates each request in
a decorator factory, DRF's way: `@validate_serializer(EditProfileSerializer)` binds the
serializer given to the request's data, `s = serializer(data=request.data)`, and only
`if s.is_valid():` rebinds `request.data = s.data` and calls the view. In the view,
`request.data` then holds the fields the serializer declares, keyed by them: no key the
client chose reaches the model (mass assignment), though every value is still the
client's.
"""

from __future__ import annotations

from collections.abc import Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.wrappers import nested_functions

VALIDATED_DATA = "<validated data>"
"""The part of a view's request value marking its `.data` as a validator's, keyed by the
fields it declares (not an attribute: those parts start with `.`)."""
_VALIDATED = frozenset({"data", "validated_data", "cleaned_data"})
"""What a bound serializer or form gives of the data it validated."""


def validating_functions(by_name: Mapping[str, ir.Function]) -> frozenset[str]:
    """The functions of a module (by qualified name) whose wrapper rebinds
    `<request>.data` to the `data`, `validated_data` or `cleaned_data` of an object it
    bound to that request's data (`s = serializer(data=request.data)`) under a test of
    `s.is_valid()`, themselves or through the functions they define (a factory's
    decorator, its wrapper): see `ir.Function.validates_data`."""
    # NOTE: each body is read once, and most modules rebind nowhere: no function of
    # theirs is walked down to what it defines.
    rebinding = {id(function) for function in by_name.values() if _rebinds(function.body)}
    if not rebinding:
        return frozenset()
    return frozenset(
        name
        for name, function in by_name.items()
        if function.kind != "module"
        and any(id(f) in rebinding for f in nested_functions(by_name, name))
    )


def _rebinds(body: ir.Block) -> bool:
    bound = _bound_to_data(body)
    return bool(bound) and any(
        isinstance(statement, ir.If)
        and _tests_valid(statement.test, bound)
        and any(_rebind(inner, bound) for inner in ir.statements(statement.body))
        for statement in ir.statements(body)
    )


def _bound_to_data(body: ir.Block) -> frozenset[str]:
    """Locals given a call binding something to a request's data: `s = Form(data=x.data)`."""
    return frozenset(
        target.name
        for statement in ir.statements(body)
        if isinstance(statement, ir.Assign)
        and isinstance(statement.value, ir.Call)
        and any(
            key == "data" and isinstance(value, ir.Attr) and value.attr == "data"
            for key, value in statement.value.keywords
        )
        for target in statement.targets
        if isinstance(target, ir.TName)
    )


def _tests_valid(test: ir.Expr, bound: frozenset[str]) -> bool:
    """`s.is_valid()` of a bound local (the test itself, not its negation)."""
    return (
        isinstance(test, ir.Call)
        and isinstance(test.func, ir.Attr)
        and test.func.attr == "is_valid"
        and isinstance(test.func.value, ir.Local)
        and test.func.value.name in bound
    )


def _rebind(statement: ir.Stmt, bound: frozenset[str]) -> bool:
    """`request.data = s.data`: a `.data` attribute given what a bound local validated."""
    if not isinstance(statement, ir.Assign):
        return False
    value = statement.value
    return (
        isinstance(value, ir.Attr)
        and value.attr in _VALIDATED
        and isinstance(value.value, ir.Local)
        and value.value.name in bound
        and any(isinstance(t, ir.TAttr) and t.attr == "data" for t in statement.targets)
    )
