"""Fixed hosts of URL templates (constant text, and text built of a start and a path), and
the paths an upload gives."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.binding import read_path
from webwarden.analysis.taint.settled import settled_kind
from webwarden.analysis.taint.shapes import (
    after_clean_base,
    closed_template,
    keyword_attributes,
    path_after_start,
    spread_symbols,
    symbolic_spread,
)
from webwarden.analysis.taint.specs import DJANGO_UPLOAD, PATH_CHECKED
from webwarden.analysis.taint.values import (
    CLOSED_URL,
    KEYS,
    OTHERS,
    Label,
    Origin,
    Trace,
    Value,
)

HOST = ir.Global("config.STORE_HOST")
AT = (1, 1)


@pytest.mark.parametrize(
    ("text", "closed"),
    [
        pytest.param("https://store.example.org/grants/{grant_id}", True, id="fields-in-path"),
        pytest.param("https://store.example.org/grants", True, id="no-field"),
        pytest.param("/grants/{grant_id}", True, id="local-path"),
        pytest.param("https://{region}.example.org/grants", False, id="field-in-host"),
        pytest.param("/{path}", False, id="field-may-start-a-host"),
        pytest.param("mailto:{address}?subject=Hi", True, id="mail-address"),
        pytest.param("mail{to}:{address}", False, id="field-in-scheme"),
        pytest.param("{target}", False, id="bare-field"),
    ],
)
def test_a_template_is_closed_when_its_start_before_any_field_is(text: str, closed: bool) -> None:
    assert closed_template(text) is closed


@pytest.mark.parametrize(
    ("parts", "closed"),
    [
        pytest.param((HOST, ir.Const("/grants/{grant_id}")), True, id="start-then-segment"),
        pytest.param((HOST, ir.Const("/grants")), True, id="start-then-segment-no-field"),
        pytest.param((HOST, ir.Const("/{grant_id}")), False, id="field-opens-the-segment"),
        pytest.param((HOST, ir.Const("//{host}/x")), False, id="double-slash"),
        pytest.param((ir.Const("https://"), HOST, ir.Const("/x/{y}")), True, id="scheme-host"),
        pytest.param((HOST, ir.Const("://{host}/x")), False, id="field-is-the-host"),
    ],
)
def test_text_built_of_a_start_and_a_path_segment_keeps_the_starts_host(
    parts: tuple[ir.Expr, ...], closed: bool
) -> None:
    built = ir.Fmt("+", parts, "", AT)
    assert path_after_start(built) is closed
    assert (settled_kind(built) == CLOSED_URL) is closed


UPLOADED = {Label(Origin("source", "1", (), "request.FILES['file']")): Trace(())}


@pytest.mark.parametrize(
    ("kind", "attr", "checked"),
    [
        pytest.param(DJANGO_UPLOAD, ".name", True, id="upload-name"),
        pytest.param(DJANGO_UPLOAD, ".path", True, id="model-file-field-path"),
        pytest.param(DJANGO_UPLOAD, ".url", False, id="other-attribute"),
        pytest.param("", ".path", False, id="not-an-upload"),
    ],
)
def test_an_uploads_name_and_stored_path_are_checked_paths(
    kind: str, attr: str, checked: bool
) -> None:
    upload = Value(UPLOADED, kind=kind)
    read = read_path(Value(parts={".file": upload}), (".file", attr))
    assert all(label.cleansed >= PATH_CHECKED for label in read) is checked


TENANT = ir.Attr(ir.Local("self"), "tenant")
DATA = Value(UPLOADED)
CLEAN = Value()


@pytest.mark.parametrize(
    ("parts", "values", "after"),
    [
        pytest.param(
            (HOST, ir.Const("/"), ir.Local("path")), (CLEAN, CLEAN, DATA), 2, id="base-slash"
        ),
        pytest.param(
            (HOST, ir.Const("/"), ir.Local("path")), (DATA, CLEAN, DATA), 0, id="chosen-base"
        ),
        pytest.param(
            (ir.Const("/"), TENANT, ir.Const("/reports/"), ir.Local("id")),
            (CLEAN, DATA, CLEAN, DATA),
            3,
            id="slash-value-path",
        ),
        pytest.param(
            (ir.Const("/"), TENANT, ir.Const("reports/"), ir.Local("id")),
            (CLEAN, CLEAN, CLEAN, DATA),
            0,
            id="value-may-end-in-a-host",
        ),
        pytest.param(
            (ir.Const("/"), ir.Local("path"), ir.Const("/")), (CLEAN, DATA, CLEAN), 0, id="short"
        ),
    ],
)
def test_what_follows_a_base_or_a_leading_value_and_a_slash_is_in_the_path(
    parts: tuple[ir.Expr, ...], values: tuple[Value, ...], after: int
) -> None:
    assert after_clean_base(ir.Fmt("f-string", parts, "", AT), list(values)) == after


KWARGS = {Label(Origin("param", "kw")): Trace(())}
OWN_KEYS = {Label(Origin("param", "kw", (KEYS,))): Trace(())}
OTHER_KEYS = {Label(Origin("param", "other", (KEYS,))): Trace(())}
_OWN_KEYS_MERGED = Value({**KWARGS, **OWN_KEYS}, {OTHERS: Value(OWN_KEYS)}, "<dict>")


def _spread_keywords(*spread: Value) -> list[tuple[str | None, object, Value]]:
    return [("title", None, Value()), *((None, None, value) for value in spread)]


def test_keyword_attributes_read_a_dict_of_known_keys() -> None:
    fields = Value(parts={"[ip]": Value(UPLOADED)}, kind="<dict>")
    attributes = keyword_attributes(_spread_keywords(fields))
    assert attributes is not None
    assert set(attributes) == {".title", ".ip"}


@pytest.mark.parametrize(
    ("spread", "symbolic"),
    [
        pytest.param(Value({Label(Origin("param", "kwargs")): Trace(())}), True, id="parameter"),
        pytest.param(Value(UPLOADED, kind="<dict>"), False, id="request-data"),
        pytest.param(Value(parts={"[ip]": Value()}, kind="<dict>"), False, id="known-keys"),
        pytest.param(_OWN_KEYS_MERGED, True, id="own-keys-merged"),
        pytest.param(
            Value({**KWARGS, **OTHER_KEYS}, {OTHERS: Value(OTHER_KEYS)}, "<dict>"),
            False,
            id="other-parameters-keys-merged",
        ),
        pytest.param(
            Value({**KWARGS, **UPLOADED}, {OTHERS: Value(OWN_KEYS)}, "<dict>"),
            False,
            id="request-data-merged",
        ),
    ],
)
def test_symbolic_spread(spread: Value, symbolic: bool) -> None:
    keywords = _spread_keywords(spread)
    assert keyword_attributes(keywords) is None or not symbolic
    assert symbolic_spread(keywords) is symbolic


def test_a_spread_parameter_merged_with_its_own_keys_stands_for_its_items() -> None:
    # `kw.update(cls._resolve_relations(kw))`: the keys merged back name no new item.
    assert spread_symbols(_OWN_KEYS_MERGED) == KWARGS


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("flask.request.host_url", None, id="flask-request"),
        pytest.param("shop.common.request.host_url", None, id="maybe-reexported-request"),
        pytest.param("urllib.request.urlopen", "=urllib.request.urlopen", id="urllib-request"),
        pytest.param("shop.config.API_URL", "=shop.config.API_URL", id="module-constant"),
    ],
)
def test_settled_kind_of_a_global(name: str, expected: str | None) -> None:
    """A read of a name that may be Flask's request, re-exported, is not settled: the
    request may choose it."""
    assert settled_kind(ir.Global(name)) == expected
