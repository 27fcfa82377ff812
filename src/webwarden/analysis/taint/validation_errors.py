"""jsonschema's validation errors: which of their attributes the validated document fills.

`validator.iter_errors(document)` yields a `ValidationError` for each place the document
breaks the schema: its `instance`, `message` and `path` come from the document; its
`schema`, `validator`, `validator_value` and schema paths come from the schema the
validator was made with (the application's own, whatever the document says).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint.values import CLEAN, Value, extend, given_taint

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords
    from webwarden.analysis.taint.interpret import Interpreter

VALIDATION_ERRORS = "<jsonschema-errors>"
"""The kind of what `iter_errors()` returns: its errors are its `ELEMENT` part."""
ELEMENT = "[*]"
_ERROR = "jsonschema.exceptions.ValidationError"
_SCHEMA_SIDE = frozenset(
    {"schema", "validator", "validator_value", "schema_path", "relative_schema_path"}
    | {"absolute_schema_path"}
)
_COPIES = frozenset({"list", "tuple", "sorted", "iter"})
"""Builtins giving the same errors again (`errors = list(validator.iter_errors(doc))`)."""


def iter_errors(interp: Interpreter, args: Args, keywords: Keywords) -> Value:
    """`validator.iter_errors(document)`: errors holding the document's data, but in the
    attributes that come from the schema."""
    given = given_taint(args, keywords)
    if not given:
        return Value(kind=VALIDATION_ERRORS)
    taint = extend(given, interp.step("validated by `.iter_errors()`"))
    error = Value(taint, {f".{name}": CLEAN for name in _SCHEMA_SIDE}, _ERROR)
    return Value(parts={ELEMENT: error}, kind=VALIDATION_ERRORS)


def copied_errors(name: str, args: Args, keywords: Keywords) -> Value | None:
    """`list(errors)`, `sorted(errors)`: the errors, still told apart by attribute."""
    if name not in _COPIES or len(args) != 1 or keywords:
        return None
    value = args[0][1]
    return value if value.kind == VALIDATION_ERRORS else None
