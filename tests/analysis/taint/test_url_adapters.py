"""Werkzeug's URL adapters: made by Flask or a URL map, their `build()` a URL of the app."""

from __future__ import annotations

import pytest

from webwarden.analysis.taint.url_adapters import URL_ADAPTER, url_adapter_call
from webwarden.analysis.taint.values import Value


@pytest.mark.parametrize(
    ("method", "receiver", "text", "kind"),
    [
        pytest.param("create_url_adapter", Value(), "target", URL_ADAPTER, id="flask-adapter"),
        pytest.param("bind", Value(), "app.url_map", URL_ADAPTER, id="url-map-bind"),
        pytest.param("bind_to_environ", Value(), "url_map", URL_ADAPTER, id="bind-to-environ"),
        pytest.param("build", Value(kind=URL_ADAPTER), "adapter", "flask.url_for", id="build"),
    ],
)
def test_url_adapter_call(method: str, receiver: Value, text: str, kind: str) -> None:
    found = url_adapter_call(method, receiver, text)
    assert found is not None
    assert found.kind == kind
    assert not found.taint


@pytest.mark.parametrize(
    ("method", "receiver", "text"),
    [
        pytest.param("bind", Value(), "socket", id="other-bind"),
        pytest.param("build", Value(), "builder", id="other-build"),
        pytest.param("match", Value(kind=URL_ADAPTER), "adapter", id="other-method"),
    ],
)
def test_not_an_adapter(method: str, receiver: Value, text: str) -> None:
    assert url_adapter_call(method, receiver, text) is None
