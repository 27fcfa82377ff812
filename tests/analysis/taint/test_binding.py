from __future__ import annotations

import pytest

from webwarden.analysis.taint.binding import Substitution
from webwarden.analysis.taint.specs import DJANGO_UPLOAD
from webwarden.analysis.taint.state import symbol
from webwarden.analysis.taint.values import Label, Origin, Step, Trace, Value

UPLOAD_PATH = (".cleaned_data", "[upload]")
SOURCE = {Label(Origin("source", "views.py:3:4", text="`request.FILES`")): Trace(())}


def _caller_form() -> Value:
    """A bound form as its caller holds it: `cleaned_data["upload"]` is the upload."""
    upload = Value(SOURCE, kind=DJANGO_UPLOAD)
    return Value(parts={".cleaned_data": Value(parts={"[upload]": upload})})


def _substitute(returned: Value) -> Value:
    step = Step("forms.py", 1, 0, "passed")
    return Substitution({"self": _caller_form()}, None, lambda _: step, "forms.py").value(returned)


def test_a_part_handed_back_as_read_is_the_callers_object() -> None:
    result = _substitute(symbol("param", "self", UPLOAD_PATH))
    assert result.kind == DJANGO_UPLOAD
    assert result.tainted


@pytest.mark.parametrize(
    "returned",
    [
        pytest.param(
            Value({Label(Origin("param", "self", UPLOAD_PATH)): Trace((Step("f", 1, 0, "+"),))}),
            id="changed-on-the-way",
        ),
        pytest.param(
            Value({Label(Origin("param", "self", UPLOAD_PATH), frozenset({"sql"})): Trace(())}),
            id="cleansed",
        ),
        pytest.param(symbol("param", "self", (".cleaned_data", "[title]")), id="no-such-part"),
        pytest.param(symbol("param", "self", (".cleaned_data", ".read()")), id="method-result"),
    ],
)
def test_other_values_keep_no_kind(returned: Value) -> None:
    assert _substitute(returned).kind == ""
