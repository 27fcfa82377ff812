"""Names Django's `{% with %}` and `{% blocktranslate with %}` bind to a string literal."""

from __future__ import annotations

from webwarden.parse.templates import Dialect, NodeKind, ParsedTemplate

_OPENING = frozenset({"with", "blocktrans", "blocktranslate"})
_CLOSING = frozenset({"endwith", "endblocktrans", "endblocktranslate"})


def spaceless_literals(template: ParsedTemplate) -> dict[int, frozenset[str]]:
    """By the start of each output inside such a block, the names bound there (the
    innermost binding of a name wins) to a string literal with no space (`{% blocktrans
    with url="https://example.org/voter" %}... <a href={{ url }}>`): the developer's
    text, with no space to end an unquoted attribute value."""
    if template.dialect is not Dialect.DJANGO:
        return {}
    found: dict[int, frozenset[str]] = {}
    scopes: list[dict[str, bool]] = []
    for node in template.nodes:
        if node.kind is NodeKind.VAR and scopes:
            names: dict[str, bool] = {}
            for scope in scopes:
                names.update(scope)
            found[node.start] = frozenset(name for name, literal in names.items() if literal)
        elif node.kind is NodeKind.TAG and node.tag in _OPENING:
            scopes.append(_bindings(node.args))
        elif node.kind is NodeKind.TAG and node.tag in _CLOSING and scopes:
            scopes.pop()
    return found


def _bindings(args: tuple[str, ...]) -> dict[str, bool]:
    """Each name the tag binds, and whether to a string literal with no space: `name=value`
    arguments, or the legacy `value as name`."""
    bound: dict[str, bool] = {}
    for index, argument in enumerate(args):
        name, equals, value = argument.partition("=")
        if equals and name.isidentifier():
            bound[name] = _spaceless_literal(value)
        elif argument == "as" and 0 < index < len(args) - 1:
            bound[args[index + 1]] = _spaceless_literal(args[index - 1])
    return bound


def _spaceless_literal(value: str) -> bool:
    """`"https://example.org/voter"` alone: quoted, no filter, no space inside."""
    return (
        len(value) >= 2
        and value[0] in "\"'"
        and value[-1] == value[0]
        and value[0] not in value[1:-1]
        and not any(c.isspace() for c in value)
    )
