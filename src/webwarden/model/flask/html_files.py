"""Whether a view serves an HTML file of the app's, as a rendered template is a page."""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_DIRECTORY_SENDERS = frozenset({"flask.send_from_directory", "flask.helpers.send_from_directory"})
FILE_SENDERS = _DIRECTORY_SENDERS | {"flask.send_file", "flask.helpers.send_file"}
"""Flask's helpers answering with a file's content."""
_HTML_SUFFIXES = (".html", ".htm")


def sends_html_file(ctx: FileContext, call: ast.Call, name: str) -> bool:
    """`send_from_directory(root, "index.html")` (a single-page app's one page),
    `send_file("static/app.html")`: a file a constant names as HTML. A name the request
    gives (`send_from_directory(root, filename)`) may be of any type."""
    if name not in FILE_SENDERS:
        return False
    position = 1 if name in _DIRECTORY_SENDERS else 0
    keyword = "path" if position else "path_or_file"
    given = [ctx.argument(call, position, keyword), ctx.keyword(call, "filename")]
    values = [ctx.evaluate(node) for node in given if node is not None]
    return any(isinstance(v, str) and v.lower().endswith(_HTML_SUFFIXES) for v in values)
