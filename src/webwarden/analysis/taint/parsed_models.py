"""What a pydantic model parses request data to: its fields, each of the type it declares.

`FrameQuery.model_validate(request.get_json())` (also `model_validate_json`, and
pydantic 1's `parse_obj` and `parse_raw`) raises unless each field converts to the
type it is annotated with: a field typed `int`, `float`, `bool`, `UUID`, a date or
time (also `Optional[int]`, `int | None`, `conint(ge=1)`) holds no text of the
client's, any other field (`str`, a list, a nested model) what the client sent.

A helper given the model class (`validate_body(FrameQuery)`, returning
`schema_class.model_validate(payload)`) parses with the class its caller passes: the
data it hands back carries a mark naming that parameter (`PARSED_BY`), which binding
the call resolves (`parsed_marks_resolved`): every kind when the class passed declares
fields, each of a type that holds no text, nothing otherwise. A model reading extra
keys as attributes (`extra="allow"`) is taken to declare only its fields.
"""

from __future__ import annotations

from collections.abc import Mapping

from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.values import (
    ALL_KINDS,
    CLEAN,
    EMPTY,
    Label,
    Step,
    Taint,
    Value,
    approximate,
    extend,
)

PYDANTIC_MODELS = (
    "pydantic.BaseModel",
    "pydantic.main.BaseModel",
    "pydantic.v1.BaseModel",
    "pydantic.v1.main.BaseModel",
)
"""pydantic's model base (1 and 2), by qualified name."""
PARSERS = frozenset({"model_validate", "model_validate_json", "parse_obj", "parse_raw"})
"""A pydantic model's class methods that parse data into an instance (or raise)."""
PARSED_BY = "<parsed-by>"
"""Prefix of a mark on the data a parameter holding a model class parsed
(`PARSED_BY + "schema_class"`): safe for every kind when the caller passes a model whose
fields all hold no text."""


def model_fields(index: IndexView, qualname: str) -> tuple[list[str], frozenset[str]]:
    """The fields a pydantic model declares (its own and its project bases'), and those of
    them typed to hold no text."""
    fields: list[str] = []
    plain: set[str] = set()
    for name in index.mro(qualname):
        cls = index.classes.get(name)
        if cls is None:
            continue
        fields += [field for field in cls.annotations if field not in fields]
        plain.update(cls.plain)
    return fields, frozenset(plain)


def is_pydantic_model(index: IndexView, qualname: str) -> bool:
    """Whether the project class is a pydantic model."""
    return qualname in index.classes and index.inherits(qualname, PYDANTIC_MODELS)


def parsed(index: IndexView, qualname: str, data: Taint, step: Step) -> Value:
    """The instance the model `qualname` parses `data` into: each field the data, or
    nothing when its type holds no text; all the data when it declares no field."""
    fields, plain = model_fields(index, qualname)
    held = Value(extend(data, step))
    if not fields:
        return Value(approximate(held.taint), kind=f"cls:{qualname}")
    parts = {f".{field}": CLEAN if field in plain else held for field in fields}
    return Value(EMPTY, parts, kind=f"cls:{qualname}")


def parses_no_text(index: IndexView, kind: str) -> bool:
    """Whether a value of `kind` is a pydantic model class declaring fields that all hold
    no text."""
    if not kind.startswith("ref:") or not is_pydantic_model(index, kind[4:]):
        return False
    fields, plain = model_fields(index, kind[4:])
    return bool(fields) and plain.issuperset(fields)


def model_parameter(receiver: Value) -> str | None:
    """The parameter a class method is called on, as the function was given it (no
    attribute of it, nothing made of it): the name a `PARSED_BY` mark carries."""
    if receiver.parts or receiver.kind or len(receiver.taint) != 1:
        return None
    ((label, trace),) = receiver.taint.items()
    origin = label.origin
    if origin.kind != "param" or origin.path or label.cleansed or trace.steps:
        return None
    return origin.name


def parsed_marked(taint: Taint, param: str) -> Taint:
    """`taint`, data a model class the caller passes as `param` parses, so marked."""
    mark = frozenset({PARSED_BY + param})
    return {Label(label.origin, label.cleansed | mark): trace for label, trace in taint.items()}


def parsed_marks_resolved(
    cleansed: frozenset[str], binding: Mapping[str, Value], index: IndexView | None
) -> frozenset[str]:
    """The callee's `PARSED_BY` marks in the caller's terms: every kind when the class
    each names was passed a model whose fields hold no text; the caller's own mark when
    it passed its own parameter as given (a helper handing the class on); else none."""
    marks = [kind for kind in cleansed if kind.startswith(PARSED_BY)]
    if not marks:
        return cleansed
    kept = cleansed.difference(marks)
    for mark in marks:
        passed = binding.get(mark[len(PARSED_BY) :])
        if passed is None:
            continue
        if index is not None and parses_no_text(index, passed.kind):
            return kept | ALL_KINDS
        handed_on = model_parameter(passed)
        if handed_on is not None:
            kept |= {PARSED_BY + handed_on}
    return kept
