"""Template feeds: which context names a value a view renders carries request data under."""

from __future__ import annotations

from webwarden.analysis.taint.state import put
from webwarden.analysis.taint.template_feeds import _set_attributes
from webwarden.analysis.taint.values import VALUES, Label, Origin, Trace, Value

_DATA = Value({Label(Origin("source", "case")): Trace(())})
_OTHER = Value({Label(Origin("source", "back")): Trace(())})


def _display(**items: Value) -> Value:
    return Value(parts={f"[{key}]": value for key, value in items.items()}, kind="<dict>")


def _fed(value: Value) -> list[str]:
    return sorted(name for name, held in _set_attributes("plots", value) if held.tainted)


def test_dict_displays_stored_under_the_codes_keys_feed_each_item_apart() -> None:
    plots = Value(kind="<dict>")
    for _ in range(2):
        plots = put(plots, [""], _display(case=_DATA, link=Value()))
    assert VALUES in (plots.parts or {})
    assert _fed(plots) == ["plots.items.#1.case", "plots.values.case"]


def test_a_value_of_no_known_shape_beside_them_feeds_the_dict_whole() -> None:
    plots = put(Value(kind="<dict>"), [""], _display(case=_DATA, link=Value()))
    plots = put(plots, [""], _OTHER)
    assert _fed(plots) == ["plots"]


def test_an_item_under_a_constant_key_beside_them_feeds_the_dict_whole() -> None:
    plots = put(Value(kind="<dict>"), [""], _display(case=_DATA))
    plots = put(plots, ["[total]"], _OTHER)
    assert _fed(plots) == ["plots"]
