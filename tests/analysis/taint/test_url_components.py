"""URLs put together from components: data after the `?` or `#` chooses no site."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.url_components import FURL, furl_changed, furl_made, furl_query_part
from webwarden.analysis.taint.values import CLEAN, Label, Origin, Trace, Value, reaching

_DATA = Value({Label(Origin("source", "q")): Trace(())})
_EXPR = ir.Const(None)


@pytest.mark.parametrize(
    ("args", "keywords"),
    [
        pytest.param([CLEAN, _DATA], [], id="args-by-position"),
        pytest.param([CLEAN], [("args", _DATA)], id="args-by-name"),
        pytest.param([CLEAN], [("query", _DATA), ("fragment", _DATA)], id="query-fragment"),
        pytest.param([CLEAN, CLEAN, CLEAN, _DATA], [], id="fragment-by-position"),
    ],
)
def test_furl_query_chooses_no_site(args: list[Value], keywords: list[tuple[str, Value]]) -> None:
    made = furl_made([(_EXPR, v) for v in args], [(k, _EXPR, v) for k, v in keywords])
    assert not reaching(made.whole(), "redirect")
    assert reaching(made.whole(), "html")


@pytest.mark.parametrize(
    ("args", "keywords"),
    [
        pytest.param([_DATA], [], id="url"),
        pytest.param([CLEAN, CLEAN, _DATA], [], id="path-by-position"),
        pytest.param([CLEAN], [("host", _DATA)], id="host"),
        pytest.param([CLEAN], [(None, _DATA)], id="spread-keywords"),
    ],
)
def test_furl_url_and_host_keep_their_data(
    args: list[Value], keywords: list[tuple[str | None, Value]]
) -> None:
    made = furl_made([(_EXPR, v) for v in args], [(k, _EXPR, v) for k, v in keywords])
    assert reaching(made.whole(), "redirect")


@pytest.mark.parametrize(
    ("method", "args", "keywords", "chooses"),
    [
        pytest.param("set", [_DATA], [], False, id="set-args-by-position"),
        pytest.param("add", [], [("args", _DATA)], False, id="add-args-by-name"),
        pytest.param("set", [], [("fragment", _DATA)], False, id="set-fragment"),
        pytest.param("set", [], [("host", _DATA)], True, id="set-host"),
        pytest.param("add", [CLEAN, _DATA], [], True, id="add-path-by-position"),
    ],
)
def test_furl_changed_keeps_the_site_unless_its_parts_are_given(
    method: str, args: list[Value], keywords: list[tuple[str, Value]], chooses: bool
) -> None:
    made = furl_made([(_EXPR, CLEAN)], [])
    changed = furl_changed(
        made, method, [(_EXPR, v) for v in args], [(k, _EXPR, v) for k, v in keywords]
    )
    assert changed is not None
    assert bool(reaching(changed.whole(), "redirect")) is chooses


def test_furl_changed_keeps_the_url_given_and_knows_only_furls() -> None:
    made = furl_made([(_EXPR, _DATA)], [])
    changed = furl_changed(made, "set", [(_EXPR, CLEAN)], [])
    assert changed is not None
    assert reaching(changed.whole(), "redirect")
    assert furl_changed(Value(), "set", [(_EXPR, _DATA)], []) is None
    assert furl_changed(made, "remove", [(_EXPR, _DATA)], []) is None


_URL = ir.Local("url")


@pytest.mark.parametrize(
    ("holder", "kind", "query"),
    [
        pytest.param(ir.Attr(_URL, "args"), FURL, True, id="args"),
        pytest.param(ir.Attr(ir.Attr(_URL, "query"), "params"), FURL, True, id="query-params"),
        pytest.param(ir.Attr(_URL, "fragment"), FURL, True, id="fragment"),
        pytest.param(ir.Attr(_URL, "path"), FURL, False, id="path"),
        pytest.param(_URL, FURL, False, id="the-url-itself"),
        pytest.param(ir.Attr(_URL, "args"), "", False, id="args-of-another-object"),
    ],
)
def test_furl_query_part(holder: ir.Expr, kind: str, query: bool) -> None:
    assert furl_query_part(holder, lambda _: Value(kind=kind)) is query
