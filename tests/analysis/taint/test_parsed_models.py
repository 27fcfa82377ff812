"""What a pydantic model parses request data to, and the marks a helper given the model
class leaves for its callers."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.parsed_models import (
    PARSED_BY,
    model_parameter,
    parsed,
    parsed_marked,
    parsed_marks_resolved,
    parses_no_text,
)
from webwarden.analysis.taint.values import ALL_KINDS, Label, Origin, Step, Trace, Value

READ = {Label(Origin("source", "views.py:3:5:body", text="body")): Trace(())}
STEP = Step("views.py", 4, 5, "parsed")


class _Index:
    """The few questions `parsed_models` asks of the project's classes."""

    def __init__(self, *classes: ir.ClassDef) -> None:
        self.classes = {cls.qualname: cls for cls in classes}

    def mro(self, qualname: str) -> list[str]:
        found = [qualname]
        for name in found:
            cls = self.classes.get(name)
            found += [base for base in (cls.bases if cls else ()) if base not in found]
        return found

    def inherits(self, qualname: str, prefixes: tuple[str, ...]) -> bool:
        return any(base.startswith(prefixes) for base in self.mro(qualname)[1:])


def _model(
    name: str, annotations: tuple[str, ...], plain: tuple[str, ...], base: str
) -> ir.ClassDef:
    return ir.ClassDef(name, (base,), (), (), annotations, plain=plain)


INDEX = _Index(
    _model("app.Strict", (), (), "pydantic.BaseModel"),
    _model("app.Frame", ("frame",), ("frame",), "app.Strict"),
    _model("app.Named", ("frame", "label"), ("frame",), "pydantic.BaseModel"),
    _model("app.Loose", (), (), "pydantic.BaseModel"),
    _model("app.Plain", ("frame",), ("frame",), "object"),
)


def test_a_parsed_model_holds_the_data_in_its_text_fields_only() -> None:
    parsed_named = parsed(INDEX, "app.Named", READ, STEP)  # type: ignore[arg-type]
    frame = parsed_named.part(".frame")
    assert frame is not None
    assert not frame.tainted
    label = parsed_named.part(".label")
    assert label is not None
    assert label.tainted


def test_a_model_declaring_no_field_may_hold_any_of_the_data() -> None:
    assert parsed(INDEX, "app.Loose", READ, STEP).tainted  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        pytest.param("ref:app.Frame", True, id="number-fields-inherited-base"),
        pytest.param("ref:app.Named", False, id="a-text-field"),
        pytest.param("ref:app.Loose", False, id="no-field"),
        pytest.param("ref:app.Plain", False, id="no-pydantic-model"),
        pytest.param("cls:app.Frame", False, id="an-instance"),
    ],
)
def test_parses_no_text(kind: str, expected: bool) -> None:
    assert parses_no_text(INDEX, kind) is expected  # type: ignore[arg-type]


def test_the_data_a_model_class_parameter_parses_is_resolved_by_the_class_passed() -> None:
    given = Value({Label(Origin("param", "schema_class")): Trace(())})
    name = model_parameter(given)
    assert name == "schema_class"
    ((label, _),) = parsed_marked(READ, name).items()
    assert label.cleansed == frozenset({PARSED_BY + "schema_class"})
    frame = {"schema_class": Value(kind="ref:app.Frame")}
    named = {"schema_class": Value(kind="ref:app.Named")}
    handed_on = {"schema_class": Value({Label(Origin("param", "model")): Trace(())})}
    assert parsed_marks_resolved(label.cleansed, frame, INDEX) == ALL_KINDS  # type: ignore[arg-type]
    assert parsed_marks_resolved(label.cleansed, named, INDEX) == frozenset()  # type: ignore[arg-type]
    assert parsed_marks_resolved(label.cleansed, handed_on, INDEX) == frozenset(  # type: ignore[arg-type]
        {PARSED_BY + "model"}
    )


def test_only_a_parameter_as_given_names_the_class() -> None:
    attribute = Value({Label(Origin("param", "self", (".schema",))): Trace(())})
    assert model_parameter(attribute) is None
