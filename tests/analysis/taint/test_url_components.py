"""URLs put together from components: data after the `?` or `#` chooses no site."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.url_components import furl_made
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
