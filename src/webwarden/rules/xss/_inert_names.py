"""Names a Django template binds itself to text that holds no markup, and where each
binding holds: what `|add:` may join into markup marked safe."""

from __future__ import annotations

from webwarden.parse.templates import NodeKind, ParsedTemplate
from webwarden.parse.templates.django import parse_variable
from webwarden.rules.xss._template import HTML_ESCAPERS, last_filter_in, numeric_output

Spans = dict[str, list[tuple[int, int]]]


def inert_bindings(template: ParsedTemplate) -> Spans:
    """`{% url "route" ... as name %}` from the tag on (Django's `reverse()`
    percent-encodes `<`, `>` and `"` in the values it fills in), and `{% with
    name=value %}` inside its block when a numeric or escaping filter ends the value
    (`date_iso=event.start|date:"Y-m-d"`)."""
    spans: Spans = {}
    open_withs: list[tuple[int, list[str]]] = []
    end = len(template.text)
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        args = node.args
        if node.tag == "url" and len(args) >= 3 and args[-2] == "as":
            spans.setdefault(args[-1], []).append((node.end, end))
        elif node.tag == "with":
            open_withs.append((node.end, [name for name, value in _pairs(args) if _inert(value)]))
        elif node.tag == "endwith" and open_withs:
            start, names = open_withs.pop()
            for name in names:
                spans.setdefault(name, []).append((start, node.start))
    return spans


def inert_at(spans: Spans, position: int) -> frozenset[str]:
    """The names bound to inert text at `position`."""
    return frozenset(
        name for name, held in spans.items() if any(a <= position < b for a, b in held)
    )


def _pairs(args: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (name, value)
        for name, sep, value in (arg.partition("=") for arg in args)
        if sep and name.isidentifier()
    ]


def _inert(value: str) -> bool:
    try:
        expression = parse_variable(value)
    except ValueError:
        return False
    return numeric_output(expression) or last_filter_in(expression, HTML_ESCAPERS)
