"""Whether a prefix a target is checked against is the request's own absolute URL."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.own_root import own_root_prefix
from webwarden.analysis.taint.values import SCHEME_START, Label, Origin, Trace, Value

_READ = Origin("source", "app.py:3:4:request.url_root", text="request.url_root")


def _read(*cleansed: str) -> Value:
    return Value({Label(_READ, frozenset(cleansed)): Trace(())})


@pytest.mark.parametrize(
    ("prefix", "value", "own"),
    [
        pytest.param(
            ir.Global("flask.request.url_root"), _read(SCHEME_START), True, id="flask-url-root"
        ),
        pytest.param(ir.Attr(ir.Local("req"), "host_url"), _read(SCHEME_START), True, id="attr"),
        pytest.param(ir.Global("flask.request.host"), _read(SCHEME_START), False, id="host-only"),
        pytest.param(ir.Global("config.url_root"), Value(), False, id="not-the-request"),
        pytest.param(ir.Global("flask.request.url_root"), _read(), False, id="changed-read"),
        pytest.param(ir.Const("https://a.example"), _read(SCHEME_START), False, id="constant"),
    ],
)
def test_own_root_prefix(prefix: ir.Expr, value: Value, own: bool) -> None:
    assert own_root_prefix(prefix, value) is own
