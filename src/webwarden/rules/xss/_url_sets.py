"""Names a Jinja template binds with `{% set %}` to URLs `url_for()` built."""

from __future__ import annotations

from webwarden.parse.templates import Node, NodeKind, ParsedTemplate

URL_HELPERS = frozenset({"url_for", "static", "url"})
"""Jinja globals returning a URL whose parts they percent-encode."""
_OPENING = frozenset("([{")
_CLOSING = frozenset(")]}")


class UrlSets:
    """The template's `{% set name = ... %}` statements, each with the `for` loops it is
    in: Jinja keeps a name set inside a loop to that loop."""

    def __init__(self, template: ParsedTemplate) -> None:
        self._sets: list[tuple[tuple[int, ...], str, bool, str]] = []
        self._loops: dict[int, tuple[int, ...]] = {}
        loops: list[int] = []
        for node in template.nodes:
            if node.kind is NodeKind.VAR:
                self._loops[node.start] = tuple(loops)
            elif node.kind is NodeKind.TAG and node.tag == "for":
                loops.append(node.start)
            elif node.kind is NodeKind.TAG and node.tag == "endfor" and loops:
                loops.pop()
            elif node.kind is NodeKind.TAG and node.tag == "set" and len(node.args) >= 3:
                name, equals, value = node.args[0], node.args[1], node.args[2:]
                if equals == "=":
                    url = _one_url_call(value) or _spaceless(value)
                    self._sets.append((tuple(loops), name, url, _called(value)))

    def bound(self, output: Node, name: str) -> bool:
        """Whether every `set` of `name` that may reach `output` (outside loops, or in a
        loop holding it) binds a `url_for(...)` call or a literal with no space: a URL
        whose parts are percent-encoded, with no space to end an attribute value."""
        urls = [url for url, _ in self._reaching(output, name)]
        return bool(urls) and all(urls)

    def called(self, output: Node, name: str) -> str:
        """The dotted name every `set` of `name` that may reach `output` binds exactly one
        call of (`{% set link = ctx.modify_query(".search", page=2) %}`), "" if none."""
        callees = {callee for _, callee in self._reaching(output, name)}
        return callees.pop() if len(callees) == 1 else ""

    def _reaching(self, output: Node, name: str) -> list[tuple[bool, str]]:
        loops = self._loops.get(output.start, ())
        return [
            (url, callee)
            for where, set_name, url, callee in self._sets
            if set_name == name and loops[: len(where)] == where
        ]


def _one_url_call(tokens: tuple[str, ...]) -> bool:
    """`url_for ( ... )` and nothing after its closing parenthesis."""
    if len(tokens) < 3 or tokens[0] not in URL_HELPERS or tokens[1] != "(":
        return False
    depth = 0
    for index, part in enumerate(tokens[1:], start=1):
        depth += (part in _OPENING) - (part in _CLOSING)
        if depth == 0:
            return index == len(tokens) - 1
    return False


def _called(tokens: tuple[str, ...]) -> str:
    """`ctx . modify_query ( ... )` and nothing after its closing parenthesis: the
    dotted name called (`ctx.modify_query`), "" for anything else."""
    parts: list[str] = []
    index = 0
    while index < len(tokens) and tokens[index].isidentifier():
        parts.append(tokens[index])
        if index + 1 < len(tokens) and tokens[index + 1] == ".":
            index += 2
            continue
        index += 1
        break
    rest = tokens[index:]
    if not parts or not rest or rest[0] != "(":
        return ""
    return ".".join(parts) if _one_url_call(("url_for", *rest)) else ""


def _spaceless(tokens: tuple[str, ...]) -> bool:
    """A string literal alone, with no space in it."""
    literal = tokens[0] if len(tokens) == 1 else ""
    return (
        len(literal) >= 2
        and literal[0] == literal[-1]
        and literal[0] in "'\""
        and not any(c.isspace() for c in literal)
    )
