"""Names Django's `{% with %}` and `{% blocktranslate with %}` bind: to a string literal,
or to what expression."""

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


def bound_values(template: ParsedTemplate) -> dict[int, dict[str, str | None]]:
    """By the start of each output inside a `{% with %}` or `{% blocktranslate with %}`
    block, the names bound there and the expression each is bound to, as written
    (`{% blocktrans with site_url=obj.get_absolute_url %}... {{ site_url }}`); the
    innermost binding of a name wins, and a `{% for %}` loop inside rebinding it to
    each item makes it `None` (unknown)."""
    if template.dialect is not Dialect.DJANGO:
        return {}
    found: dict[int, dict[str, str | None]] = {}
    scopes: list[dict[str, str | None]] = []
    for node in template.nodes:
        if node.kind is NodeKind.VAR and scopes:
            names: dict[str, str | None] = {}
            for scope in scopes:
                names.update(scope)
            found[node.start] = names
        elif node.kind is NodeKind.TAG and node.tag in _OPENING:
            scopes.append(_values(node.args))
        elif node.kind is NodeKind.TAG and node.tag == "for":
            looped = node.args[: node.args.index("in")] if "in" in node.args else node.args
            scopes.append({name.strip(","): None for name in looped if name != "reversed"})
        elif node.kind is NodeKind.TAG and node.tag in (*_CLOSING, "endfor") and scopes:
            scopes.pop()
    return found


def _values(args: tuple[str, ...]) -> dict[str, str | None]:
    """Each name the tag binds and its expression: `name=value` arguments, or the
    legacy `value as name`."""
    bound: dict[str, str | None] = {}
    for index, argument in enumerate(args):
        name, equals, value = argument.partition("=")
        if equals and name.isidentifier():
            bound[name] = value
        elif argument == "as" and 0 < index < len(args) - 1:
            bound[args[index + 1]] = args[index - 1]
    return bound
