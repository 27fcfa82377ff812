from __future__ import annotations

import pytest

from webwarden.analysis.taint.binding import Substitution, read_path
from webwarden.analysis.taint.specs import DJANGO_UPLOAD
from webwarden.analysis.taint.state import symbol
from webwarden.analysis.taint.values import (
    SPREAD,
    UNROUTED_PATH,
    Label,
    Origin,
    Step,
    Trace,
    Value,
)

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


def _keywords_given() -> Value:
    """`fetch(client.nodes, order_by=order)`: the `**kwargs` dict the caller builds, one
    of its items request data."""
    return Value(parts={"[order_by]": Value(SOURCE)}, kind="<dict>")


def _returned_kwargs(*, approx: bool) -> Value:
    """The callee's `kwargs` returned itself, or only passed through a call webwarden does
    not model (`return func(**kwargs)`)."""
    return Value({Label(Origin("param", "kwargs")): Trace((Step("f", 1, 0, "+"),), approx)})


def _substitute_kwargs(returned: Value) -> Value:
    step = Step("helpers.py", 1, 0, "passed")
    binding = {"kwargs": _keywords_given()}
    return Substitution(binding, None, lambda _: step, "helpers.py").value(returned)


def test_a_parameter_returned_itself_keeps_the_callers_parts() -> None:
    result = _substitute_kwargs(_returned_kwargs(approx=False))
    assert result.parts is not None
    assert set(result.parts) == {"[order_by]"}


def test_what_an_unmodelled_call_made_of_a_parameter_is_not_its_parts() -> None:
    result = _substitute_kwargs(_returned_kwargs(approx=True))
    assert not result.parts
    assert result.tainted
    assert all(trace.approx for trace in result.taint.values())


def _request_path_read(*, unrouted: bool) -> frozenset[str]:
    """What the request's own path a callee read of its parameter is safe for, in the
    caller handing it its request."""
    step = Step("views.py", 1, 0, "passed")
    substitution = Substitution(
        {"req": Value(kind="<request>")}, None, lambda _: step, "helpers.py", unrouted=unrouted
    )
    read = substitution.value(symbol("param", "req", (".get_full_path()",)))
    (label,) = read.taint
    return label.cleansed


def test_a_view_hands_on_a_path_a_url_pattern_matched() -> None:
    assert "redirect" in _request_path_read(unrouted=False)


def test_a_middleware_hook_hands_on_a_path_no_pattern_matched() -> None:
    cleansed = _request_path_read(unrouted=True)
    assert "redirect" not in cleansed
    assert UNROUTED_PATH in cleansed


def _keywords_passed() -> Value:
    """`create(ip=request.remote_addr, note="web")`: `**kwargs` as its caller fills it."""
    return Value(parts={"[ip]": Value(SOURCE), "[note]": Value()}, kind="<dict>")


def _made_of(passed: Value, returned: Value) -> Value:
    step = Step("models.py", 1, 0, "passed")
    return Substitution({"kwargs": passed}, None, lambda _: step, "models.py").value(returned)


def test_an_object_made_of_spread_keywords_has_each_as_its_attribute() -> None:
    made = _made_of(_keywords_passed(), symbol("param", "kwargs", (SPREAD,)))
    ip = made.part(".ip")
    note = made.part(".note")
    assert ip is not None
    assert ip.tainted
    assert note is not None
    assert not note.tainted
    assert not made.taint
    assert made.part(".redirect_url") is None


def test_an_object_made_of_unknown_keys_holds_them_all() -> None:
    passed = Value(SOURCE, kind="<dict>")
    made = _made_of(passed, symbol("param", "kwargs", (SPREAD,)))
    assert made.tainted


@pytest.mark.parametrize(
    ("path", "tainted"),
    [
        pytest.param((SPREAD, ".ip"), True, id="attribute-given"),
        pytest.param((SPREAD, ".note"), False, id="attribute-given-clean"),
        pytest.param((SPREAD, ".redirect_url"), False, id="attribute-not-given"),
        pytest.param((SPREAD,), True, id="whole-object"),
    ],
)
def test_reading_an_object_made_of_spread_keywords(path: tuple[str, ...], tainted: bool) -> None:
    assert bool(read_path(_keywords_passed(), path)) is tainted
