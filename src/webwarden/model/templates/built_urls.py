"""URLs Flask's `url_for` builds, and where a template may write one unescaped."""

from __future__ import annotations

from webwarden.model.templates.macros import called_name
from webwarden.parse.templates import Node
from webwarden.parse.templates.html import Placement, Where

URL_BUILDER = "url_for"


def built_url_fits(placement: Placement) -> bool:
    """Whether a URL Flask's `url_for` built stays inside where it is written unescaped:
    page text, a double-quoted attribute that is no event handler, or a JavaScript
    string in double quotes or backticks. Werkzeug percent-encodes `<`, `>`, `"`, `\\`,
    `` ` `` and `{` in what it builds, but leaves `'` as it is in the query: a
    single-quoted string or attribute ends there."""
    if placement.js_string:
        return placement.js_string in ('"', "`")
    if placement.where is Where.TEXT:
        return True
    return (
        placement.where is Where.ATTRIBUTE
        and placement.quote == '"'
        and not placement.script_runner
    )


def writes_built_url(node: Node, placement: Placement) -> bool:
    """`{{ url_for("item", item_id=item.id) }}` in a Jinja template: the output is exactly
    a call of Flask's `url_for`, with no filter, written where what it builds stays inside
    (`built_url_fits`), whatever values the URL is built from."""
    expression = node.expression
    return (
        expression is not None
        and not expression.filters
        and URL_BUILDER in expression.calls
        and called_name(expression.text) == URL_BUILDER
        and built_url_fits(placement)
    )
