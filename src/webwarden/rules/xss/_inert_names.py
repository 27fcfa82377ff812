"""Names a Django template binds itself to text that holds no markup, and where each
binding holds: what `|add:` may join into markup marked safe."""

from __future__ import annotations

from webwarden.parse.templates import Expression, NodeKind, ParsedTemplate
from webwarden.parse.templates.django import parse_variable
from webwarden.rules.xss._template import (
    HTML_ESCAPERS,
    NUMERIC,
    last_filter_in,
    numeric_output,
)

Spans = dict[str, list[tuple[int, int, bool]]]
"""Name -> where a tag binds it: (start, end, whether to inert text)."""


def inert_bindings(template: ParsedTemplate) -> Spans:
    """`{% url "route" ... as name %}` from the tag on (Django's `reverse()`
    percent-encodes `<`, `>` and `"` in the values it fills in), and `{% with
    name=value %}` (or `{% with value as name %}`) inside its block when a numeric or
    escaping filter ends the value (`date_iso=event.start|date:"Y-m-d"`); a `with`
    binding the name to other text inside such a block hides it there."""
    spans: Spans = {}
    open_withs: list[tuple[int, list[tuple[str, bool]]]] = []
    end = len(template.text)
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        args = node.args
        if node.tag == "url" and len(args) >= 3 and args[-2] == "as":
            spans.setdefault(args[-1], []).append((node.end, end, True))
        elif node.tag == "with":
            open_withs.append((node.end, [(name, _inert(value)) for name, value in _pairs(args)]))
        elif node.tag == "endwith" and open_withs:
            start, names = open_withs.pop()
            for name, inert in names:
                spans.setdefault(name, []).append((start, node.start, inert))
    return spans


def inert_at(spans: Spans, position: int) -> frozenset[str]:
    """The names bound to inert text at `position` (by the innermost binding)."""
    found = set()
    for name, held in spans.items():
        around = [(start, inert) for start, stop, inert in held if start <= position < stop]
        if around and max(around)[1]:
            found.add(name)
    return frozenset(found)


def _pairs(args: tuple[str, ...]) -> list[tuple[str, str]]:
    if len(args) == 3 and args[1] == "as" and args[2].isidentifier():
        return [(args[2], args[0])]  # NOTE: the older `{% with value as name %}`
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
    if expression.filters[-1:] == ("add",):
        return _inert_join(expression)
    return numeric_output(expression) or last_filter_in(expression, HTML_ESCAPERS)


def _inert_join(expression: Expression) -> bool:
    """`request.GET|yesno:"?,"|add:request.GET.urlencode`: Django's `add` joining text
    without markup, each part a literal, a query string percent-encoded by `QueryDict`'s
    `urlencode` (`<`, `>`, `"`, `'` and `&` inside values encoded), or a value that a
    numeric or escaping filter ends (`yesno` with a literal argument: one of its words)."""
    uses = [use for use in expression.uses if use.name in expression.filters]
    first = next((i for i, use in enumerate(uses) if use.name == "add"), None)
    if first is None or any(use.name != "add" for use in uses[first:]):
        return False
    if not all(encoded_query(argument) for use in uses[first:] for argument in use.arguments):
        return False
    head = uses[first]
    if not head.after:
        return head.literal or encoded_query(head.operand)
    filtered = uses[first - 1] if first else None
    if filtered is None or filtered.arguments:
        return False
    return filtered.name in (NUMERIC - {"add"}) | HTML_ESCAPERS


def encoded_query(path: str) -> bool:
    """`request.GET.urlencode`: a `QueryDict` written as a percent-encoded query string."""
    return path.strip().endswith(".urlencode") and path.strip().replace(".", "").isidentifier()
