"""Names a Jinja template binds to the messages Flask's `flash()` stored: `{% with
messages = get_flashed_messages(with_categories=True) %}` inside its block, `{% set
messages = get_flashed_messages() %}` from the tag on, and the names of a `{% for
category, message in messages %}` (or a loop over `get_flashed_messages()` itself)
inside the loop. What they hold is what the project's `flash()` calls were given (see
`model.templates.flashed`)."""

from __future__ import annotations

import re

from webwarden.parse.templates import NodeKind, ParsedTemplate
from webwarden.rules.xss._inert_names import Spans, inert_at

TAG = "flashed-message"
"""The tag of a finding on a `|safe` given a flashed message alone."""
_READ = r"get_flashed_messages\s*\([^()]*\)"
_WITH = re.compile(rf"(?:^|,)\s*([A-Za-z_]\w*)\s*=\s*{_READ}\s*(?=,|$)")
_SET = re.compile(rf"set\s+([A-Za-z_]\w*)\s*=\s*{_READ}\s*")
_FOR = re.compile(r"for\s+(?P<names>[\w\s,()]+?)\s+in\s+(?P<over>.+?)\s*")


def flashed_bindings(template: ParsedTemplate) -> Spans:
    """Where each name bound to the flashed messages, or to one of them, holds."""
    spans: Spans = {}
    withs: list[tuple[int, list[str]]] = []
    loops: list[tuple[int, list[str]]] = []
    end = len(template.text)
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        content = " ".join(node.content.split())
        if node.tag == "with":
            names = [m.group(1) for m in _WITH.finditer(content.removeprefix("with"))]
            withs.append((node.end, names))
        elif node.tag == "endwith" and withs:
            start, names = withs.pop()
            for name in names:
                spans.setdefault(name, []).append((start, node.start, True))
        elif node.tag == "set" and (found := _SET.fullmatch(content)):
            spans.setdefault(found.group(1), []).append((node.end, end, True))
        elif node.tag == "for":
            loop = _FOR.fullmatch(content)
            over = loop.group("over") if loop else ""
            bound = inert_at(spans, node.start) | {n for _, names in withs for n in names}
            listed = re.fullmatch(_READ, over) or over in bound
            names = re.findall(r"[A-Za-z_]\w*", loop.group("names")) if loop and listed else []
            loops.append((node.end, names))
        elif node.tag == "endfor" and loops:
            start, names = loops.pop()
            for name in names:
                spans.setdefault(name, []).append((start, node.start, True))
    return spans
