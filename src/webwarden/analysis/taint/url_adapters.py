"""Werkzeug's URL adapters, whose `build()` makes a URL of the app's own routes."""

from __future__ import annotations

from webwarden.analysis.taint.values import Value

URL_ADAPTER = "<url-adapter>"
"""The kind of a Werkzeug `MapAdapter`: what Flask's `app.create_url_adapter(...)` or a
`url_map.bind(...)` (`bind_to_environ(...)`) answers."""

_BINDS = frozenset({"bind", "bind_to_environ"})


def url_adapter_call(method: str, receiver: Value, receiver_text: str) -> Value | None:
    """What `receiver.method(...)` answers when it makes or uses a URL adapter (None:
    not one). `adapter.build(endpoint, values, force_external=True)` is what `url_for`
    answers in another app's context: the values fill the route's parts (quoted) or the
    query string, and the host is the adapter's, never the values'."""
    if method == "create_url_adapter" or (
        method in _BINDS and receiver_text.rsplit(".", 1)[-1] == "url_map"
    ):
        return Value(kind=URL_ADAPTER)
    if method == "build" and receiver.kind == URL_ADAPTER:
        return Value(kind="flask.url_for")
    return None
