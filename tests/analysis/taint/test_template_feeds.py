"""Template feeds: which context names a value a view renders carries request data under."""

from __future__ import annotations

from webwarden.analysis.taint.state import put
from webwarden.analysis.taint.template_feeds import _set_attributes
from webwarden.analysis.taint.validation_errors import ELEMENT
from webwarden.analysis.taint.values import DICTS, VALUES, Label, Origin, Trace, Value
from webwarden.analysis.taint.values import EMPTY as EMPTY_TAINT

_DATA = Value({Label(Origin("source", "case")): Trace(())})
_OTHER = Value({Label(Origin("source", "back")): Trace(())})


def _display(**items: Value) -> Value:
    return Value(parts={f"[{key}]": value for key, value in items.items()}, kind="<dict>")


def _fed(value: Value, records: frozenset[str] = frozenset()) -> list[str]:
    fed = _set_attributes("plots", value, records.__contains__)
    return sorted(name for name, held in fed if held.tainted)


def _instance(cls: str, **attributes: Value) -> Value:
    return Value(parts={f".{key}": value for key, value in attributes.items()}, kind=f"cls:{cls}")


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


def test_an_instance_of_a_class_with_no_methods_feeds_each_attribute_apart() -> None:
    item = _instance("app.Item", url=Value(), back=_DATA)
    listed = _instance("app.List", items=Value(EMPTY_TAINT, {ELEMENT: item}, DICTS), q=_OTHER)
    assert _fed(listed, frozenset({"app.List", "app.Item"})) == ["plots.items.back", "plots.q"]


def test_an_instance_of_a_class_with_methods_feeds_whole() -> None:
    item = _instance("app.Item", url=Value(), back=_DATA)
    assert _fed(item) == ["plots"]
    listed = _instance("app.List", items=Value(EMPTY_TAINT, {ELEMENT: item}, DICTS))
    assert _fed(listed, frozenset({"app.List"})) == ["plots.items"]


def test_an_instance_holding_data_of_its_own_feeds_whole() -> None:
    item = Value(_DATA.taint, {".url": Value()}, "cls:app.Item")
    assert _fed(item, frozenset({"app.Item"})) == ["plots"]
