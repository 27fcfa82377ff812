"""Which ports the project's own code calls over the loopback, and from which modules.

A project split into services (a web backend beside model services each running its
own Flask app under gevent's `WSGIServer(("0.0.0.0", 8011), app)` or `app.run(port=8011)`)
calls them by a URL written in its code, `http://localhost:8011/tags` or
`http://127.0.0.1:8011/...`: such an app answers the project's code, on the same host,
not browsers following `http://` links (see WW920).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

from webwarden.discover.files import FileKind, SourceFile

_LOOPBACK_URL = re.compile(
    r"""["']https?://(?:localhost|127\.0\.0\.1|\[::1\]):(\d{2,5})(?=[/"'?#])"""
)
"""A string starting with a loopback URL with an explicit port."""
_HINTS = ("localhost:", "127.0.0.1:", "[::1]:")


def run_port(options: Mapping[str, object]) -> int | None:
    """The port a server run listens on: `app.run(port=8011)` (or by position), or the
    `(host, port)` listener of gevent's `WSGIServer`; None when not a constant."""
    port = options.get("port")
    listener = options.get("listener")
    if port is None and isinstance(listener, tuple | list) and len(listener) == 2:
        port = listener[1]
    return port if isinstance(port, int) and not isinstance(port, bool) else None


def loopback_callers(
    files: Iterable[SourceFile], read: Callable[[str], str | None], ports: frozenset[int]
) -> dict[int, frozenset[str]]:
    """For each of `ports`, the Python modules (relpaths) whose code names a loopback URL
    with that port."""
    found: dict[int, set[str]] = {}
    for source in files:
        if source.kind is not FileKind.PYTHON:
            continue
        text = read(source.relpath)
        if text is None or not any(hint in text for hint in _HINTS):
            continue
        for match in _LOOPBACK_URL.finditer(text):
            port = int(match.group(1))
            if port in ports:
                found.setdefault(port, set()).add(source.relpath)
    return {port: frozenset(relpaths) for port, relpaths in found.items()}
