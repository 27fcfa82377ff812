"""Names Django's `{% with %}` and `{% blocktranslate with %}` bind: to a string literal,
or to what expression."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from webwarden.parse.templates import Dialect, NodeKind, ParsedTemplate
from webwarden.rules.xss._script import loop_number

_OPENING = frozenset({"with", "blocktrans", "blocktranslate"})
_CLOSING = frozenset({"endwith", "endblocktrans", "endblocktranslate"})


def spaceless_literals(template: ParsedTemplate) -> dict[int, frozenset[str]]:
    """By the start of each output inside such a block, the names bound there (the
    innermost binding of a name wins) to a string literal with no space (`{% blocktrans
    with url="https://example.org/voter" %}... <a href={{ url }}>`): the developer's
    text, with no space to end an unquoted attribute value. So is a name bound to such
    literals, the loop's counter (`forloop.counter`) and names bound so outside, joined
    by `add` or written by a bare `stringformat` (`{% with i=forloop.counter|stringformat:"s"
    %}{% with target="#row"|add:i %}`): text and digits, still with no space."""
    if template.dialect is not Dialect.DJANGO:
        return {}
    found: dict[int, frozenset[str]] = {}
    scopes: list[dict[str, bool]] = []
    for node in template.nodes:
        if node.kind is NodeKind.VAR and scopes:
            found[node.start] = _spaceless_names(scopes)
        elif node.kind is NodeKind.TAG and node.tag in _OPENING:
            outer = _spaceless_names(scopes)
            scopes.append(_bindings(node.args, partial(_spaceless_value, outer=outer)))
        elif node.kind is NodeKind.TAG and node.tag == "for":
            # NOTE: a loop rebinding a name to each item makes it unknown inside.
            looped = node.args[: node.args.index("in")] if "in" in node.args else node.args
            scopes.append({name.strip(","): False for name in looped if name != "reversed"})
        elif node.kind is NodeKind.TAG and node.tag in (*_CLOSING, "endfor") and scopes:
            scopes.pop()
    return found


def _spaceless_names(scopes: list[dict[str, bool]]) -> frozenset[str]:
    """The names the open blocks bind to text with no space (the innermost wins)."""
    names: dict[str, bool] = {}
    for scope in scopes:
        names.update(scope)
    return frozenset(name for name, spaceless in names.items() if spaceless)


def _bindings(args: tuple[str, ...], spaceless: Callable[[str], bool]) -> dict[str, bool]:
    """Each name the tag binds, and whether to text with no space: `name=value`
    arguments, or the legacy `value as name`."""
    bound: dict[str, bool] = {}
    for index, argument in enumerate(args):
        name, equals, value = argument.partition("=")
        if equals and name.isidentifier():
            bound[name] = spaceless(value)
        elif argument == "as" and 0 < index < len(args) - 1:
            bound[args[index + 1]] = spaceless(args[index - 1])
    return bound


_TERM = r""""[^"\s\\|]*"|'[^'\s\\|]*'|\d+|[A-Za-z_][\w.]*"""
_SPACELESS_CHAIN = re.compile(
    rf"""(?P<base>{_TERM})(?P<filters>(?:\|add:(?:{_TERM})|\|stringformat:(?:"[sdi]"|'[sdi]'))*)"""
)
_ADDED = re.compile(rf"\|add:({_TERM})")


def _spaceless_value(value: str, outer: frozenset[str]) -> bool:
    """`"#row"`, `forloop.counter|stringformat:"s"`, `"data"|add:i` (`i` bound so outside):
    string literals with no space, whole numbers, the loop's counter and names bound to
    such text, joined by `add` (a sum or the two texts) or written by `stringformat` with
    no width. Django's `{% with %}` reads every value in the context outside the tag."""
    match = _SPACELESS_CHAIN.fullmatch(value)
    if match is None:
        return False
    terms = [match.group("base"), *_ADDED.findall(match.group("filters"))]
    return all(_spaceless_term(term, outer) for term in terms)


def _spaceless_term(term: str, outer: frozenset[str]) -> bool:
    """A quoted literal (the pattern let none with a space through), a whole number, the
    loop's counter, or a name bound to text with no space outside."""
    if term[0] in "\"'" or term.isdigit():
        return True
    return term in outer or loop_number(Dialect.DJANGO, term)


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
