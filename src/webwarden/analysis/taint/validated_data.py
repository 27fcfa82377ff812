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

from collections.abc import Iterable, Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView

VALIDATED_DATA = "<validated data>"
"""The part of a view's request value marking its `.data` as a validator's, keyed by the
fields it declares (not an attribute: those parts start with `.`)."""
_VALIDATED = frozenset({"data", "validated_data", "cleaned_data"})
"""What a bound serializer or form gives of the data it validated."""
_MAX_NESTING = 3
"""A decorator factory, its decorator and the wrapper: deeper is not followed."""


def rebinds_validated_data(index: IndexView, decorator: str) -> bool:
    """Whether the project's `decorator` (the callee of `@deco` or `@deco(...)`) is a
    function, or a factory of one, whose wrapper rebinds `<request>.data` to the `data`,
    `validated_data` or `cleaned_data` of an object it bound to that request's data
    (`s = serializer(data=request.data)`) under a test of `s.is_valid()`
    (`ir.Function.validates_data`)."""
    qualname = index.resolve(decorator)
    located = index.functions.get(qualname) if qualname is not None else None
    return located is not None and located.function.validates_data


def validating_functions(functions: Iterable[ir.Function]) -> frozenset[str]:
    """The functions of a module that so rebind, themselves or through the functions they
    define (a factory's decorator, its wrapper)."""
    by_name = {function.qualname: function for function in functions}
    return frozenset(
        name
        for name, function in by_name.items()
        if function.kind != "module" and _rebinds_in(by_name, name, 0)
    )


def _rebinds_in(by_name: Mapping[str, ir.Function], qualname: str, depth: int) -> bool:
    function = by_name.get(qualname)
    if function is None or depth > _MAX_NESTING:
        return False
    if _rebinds(function.body):
        return True
    return any(
        isinstance(statement, ir.Define) and _rebinds_in(by_name, statement.ref, depth + 1)
        for statement in ir.statements(function.body)
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
