"""Where a template includes another, and which names it hands it as its own text.

A Django `{% include %}` gives the included template the includer's whole context (or,
with `only`, just the `with` names): what the included template writes under a name is
what each includer binds it to. A name an includer binds to the translation of its own
message (`{% blocktrans asvar message %}...{% endblocktrans %}`, `{% trans "..." as
title %}`) or to markup it rendered itself (`{% captureas edit_link %}...{%
endcaptureas %}`), or that the `with` clause sets to a literal, is markup the template's
author wrote, with any value put into it escaped.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from webwarden.model.templates.facts import IncludeSiteFact
from webwarden.parse.templates import Dialect, Node, NodeKind, ParsedTemplate

_BRANCHES = frozenset({"elif", "else", "empty", "plural"})
"""Tags that start another branch of the block they are in: a name bound in one branch
is not bound in the next."""
_BLOCK_TRANSLATIONS = frozenset({"blocktrans", "blocktranslate"})
_TRANSLATIONS = frozenset({"trans", "translate"})
_CAPTURES = frozenset({"captureas", "capture"})
"""Block tags that render their body and bind the output to a name: the djangosnippets
`{% captureas name %}` projects copy, django-capture-tag's `{% capture as name %}`."""
_SAFE_MARKERS = ("|safe",)
_LITERAL_WORDS = frozenset({"True", "False", "None"})

Scope = tuple[int, ...]


def include_sites(parsed: ParsedTemplate) -> tuple[IncludeSiteFact, ...]:
    """Every `{% include "name" %}` of the template, with the names it hands the included
    template as its author's own text. A Jinja include is recorded with none, and with
    every name the template binds anywhere as rebound (see `_jinja_bound`)."""
    tags = [n for n in parsed.nodes if n.kind is NodeKind.TAG]
    if parsed.dialect is not Dialect.DJANGO:
        rebound = tuple(sorted(set().union(*(_jinja_bound(n) for n in tags))))
        return tuple(
            IncludeSiteFact(name, node.line, only=_without_context(node), rebound=rebound)
            for node in tags
            if node.tag == "include" and (name := node.constant_name)
        )
    return tuple(_django_sites(tags, parsed))


def bound_names(parsed: ParsedTemplate) -> tuple[str, ...]:
    """The names the template's tags may bind (more, never fewer): Jinja's `set`, `for`,
    `with`, a macro's or call block's parameters, imported names; Django's `for`, `with`
    and `as` endings. What the template writes under such a name is not what a render
    passed."""
    tags = [n for n in parsed.nodes if n.kind is NodeKind.TAG]
    bind = _bound_names if parsed.dialect is Dialect.DJANGO else _jinja_bound
    return tuple(sorted(set().union(*(bind(n) for n in tags))))


_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_JINJA_TARGETS = {"set": "=", "for": " in ", "with": ""}
"""Jinja tags binding the names before a separator (`{% set a, b = ... %}`, `{% for x in
... %}`); `with` binds each name before an `=` of its own."""
_JINJA_BINDERS = frozenset({"macro", "call", "import", "from"})
"""Jinja tags binding names among what they hold (a macro's or a call block's
parameters, imported names): all their identifiers are taken as bound."""


def _jinja_bound(node: Node) -> set[str]:
    """Names a Jinja tag may bind (more, never fewer): a Jinja include gives the included
    template the includer's context with its loop variables and `{% set %}` names, so
    a name bound anywhere in the includer may hold another value at the include."""
    text = " ".join(node.args)
    if node.tag == "with":
        return set(re.findall(r"([A-Za-z_]\w*)\s*=(?!=)", text))
    separator = _JINJA_TARGETS.get(node.tag)
    if separator:
        head = text.split(separator, 1)[0] if separator in text else text.split("|", 1)[0]
        return set(_IDENTIFIER.findall(head))
    if node.tag in _JINJA_BINDERS:
        return set(_IDENTIFIER.findall(text))
    return set()


def _without_context(node: Node) -> bool:
    """`{% include "x.html" without context %}`: the included template sees no name of
    the includer's."""
    args = node.args
    return any(a == "without" and b == "context" for a, b in itertools.pairwise(args))


@dataclass(slots=True)
class _Block:
    """An open block tag, its current branch, and the names each branch binds."""

    tag: str
    branch: int
    bound: list[set[str]] = field(default_factory=lambda: [set()])
    complete: bool = False
    """An `{% if %}` with an `{% else %}`: one of its branches always runs."""
    loop: tuple[str, str] | None = None
    """A `{% for %}`'s one name and the variable it goes over (see `_loop`)."""


def _django_sites(tags: list[Node], parsed: ParsedTemplate) -> list[IncludeSiteFact]:
    openers = {n.tag[3:] for n in tags if n.tag.startswith("end")}
    varying = _varying(tags)
    once = _bound_once(tags)
    counter = itertools.count(1)
    stack: list[_Block] = []
    authored: dict[str, list[Scope]] = {}

    def bind(name: str) -> None:
        authored.setdefault(name, []).append(tuple(b.branch for b in stack))
        if stack:
            stack[-1].bound[-1].add(name)

    sites: list[IncludeSiteFact] = []
    for node in tags:
        if node.tag.startswith("end") and stack and stack[-1].tag == node.tag[3:]:
            block = stack.pop()
            if block.complete:
                for name in set.intersection(*block.bound):
                    bind(name)  # NOTE: every branch of the `if` bound it
            continue
        if node.tag in _BRANCHES and stack:
            stack[-1].branch = next(counter)
            stack[-1].bound.append(set())
            stack[-1].complete |= stack[-1].tag == "if" and node.tag == "else"
            continue
        bound = _translation_binding(node)
        if bound is not None and bound not in varying:
            bind(bound)
        if node.tag == "include" and (target := node.constant_name):
            scope = tuple(b.branch for b in stack)
            held = {n for n, scopes in authored.items() if any(_holds(s, scope) for s in scopes)}
            loops = tuple(b.loop for b in stack if b.loop is not None and b.loop[0] in once)
            sources = _given_sources(node, parsed)
            sites.append(_site(node, target, held, varying, loops, sources))
        if node.tag in openers:
            stack.append(_Block(node.tag, next(counter), loop=_loop(node, parsed)))
    return sites


def _loop(node: Node, parsed: ParsedTemplate) -> tuple[str, str] | None:
    """`{% for resource in resources.values %}` -> (`resource`, `resources.values`): a
    loop binding one name to each item of a variable (through the template's own loop
    and `with` names, `parsed.source_path`), written with no filter, call or literal."""
    args = node.args
    if node.tag != "for" or len(args) < 3 or args[1] != "in":
        return None
    rest = args[2:-1] if args[-1] == "reversed" else args[2:]
    if len(rest) != 1 or not args[0].isidentifier():
        return None
    source = rest[0]
    if not all(part.isidentifier() for part in source.split(".")):
        return None
    return args[0], parsed.source_path(source, node.start)


def _bound_once(tags: list[Node]) -> set[str]:
    """Names one tag alone of the template binds: a loop's name bound nowhere else holds
    an item of the loop's variable wherever the loop encloses."""
    counts: dict[str, int] = {}
    for node in tags:
        for name in _bound_names(node):
            counts[name] = counts.get(name, 0) + 1
    return {name for name, count in counts.items() if count == 1}


def authored_translations(parsed: ParsedTemplate) -> frozenset[str]:
    """Names a Django template binds only to the translation of its own message (`{%
    blocktrans with url=link asvar message %}...{% endblocktrans %}`, `{% trans "..." as
    title %}`) or to markup it captured (`{% captureas link %}`), outside `{% autoescape off %}` and with no value of the tag marked safe:
    the author's markup, each value Django put into it escaped. A name the template also
    binds some other way is left out, as it may hold that value where it is written."""
    if parsed.dialect is not Dialect.DJANGO:
        return frozenset()
    tags = [n for n in parsed.nodes if n.kind is NodeKind.TAG]
    varying = _varying(tags)
    bound = (_translation_binding(node) for node in tags)
    return frozenset(name for name in bound if name is not None and name not in varying)


def _varying(tags: list[Node]) -> set[str]:
    """Names the template binds to other than the translation of its own message or
    markup it captured, or to one under `{% autoescape off %}` (also inside a capturing
    block), which leaves the values put into it unescaped.
    Bound so anywhere in the template, a name may hold that value at an include."""
    names: set[str] = set()
    unescaped = 0
    capturing: list[str] = []
    for node in tags:
        if node.tag == "autoescape" and node.args[:1] == ("off",):
            names.update(capturing)  # NOTE: the captured body writes values unescaped
        unescaped += (node.tag == "autoescape") - (node.tag == "endautoescape")
        captured = _capture_binding(node)
        if captured is not None:
            capturing.append(captured)
            if unescaped:
                names.add(captured)
        elif node.tag[3:] in _CAPTURES and node.tag.startswith("end") and capturing:
            capturing.pop()
        if unescaped or _translation_binding(node) is None:
            names |= _bound_names(node)
    return names


def _holds(bound: Scope, here: Scope) -> bool:
    """A binding made in `bound` still holds at `here`: the same block branch or one
    that encloses it."""
    return here[: len(bound)] == bound


def _translation_binding(node: Node) -> str | None:
    """The name `{% trans "..." as name %}` or `{% blocktrans asvar name %}` binds to
    the translation of the author's message (its values escaped), or a capturing block
    (`{% captureas name %}`) to the markup its body renders (escaped by autoescape; a
    `|safe` inside is an output of its own), if the tag is one."""
    args = node.args
    captured = _capture_binding(node)
    if captured is not None:
        return captured
    if node.tag in _TRANSLATIONS:
        literal = bool(args) and args[0][:1] in "\"'"
        return args[-1] if literal and len(args) >= 3 and args[-2] == "as" else None
    if node.tag in _BLOCK_TRANSLATIONS and "asvar" in args[:-1]:
        if any(marker in arg for arg in args for marker in _SAFE_MARKERS):
            return None
        return args[args.index("asvar") + 1]
    return None


def _capture_binding(node: Node) -> str | None:
    """The name `{% captureas name %}` or `{% capture as name %}` (also `silent`) binds
    to what its body renders."""
    args = tuple(a for a in node.args if a != "silent")
    if node.tag == "captureas" and len(args) == 1:
        name = args[0]
    elif node.tag == "capture" and len(args) == 2 and args[0] == "as":
        name = args[1]
    else:
        return None
    return name if name.isidentifier() else None


def _bound_names(node: Node) -> set[str]:
    """Names a tag binds: `{% for a, b in ... %}`, `{% with a=... %}`, `... as a`."""
    args = node.args
    names: set[str] = set()
    if node.tag == "for" and "in" in args:
        names.update(a.strip(",") for a in args[: args.index("in")])
    if node.tag == "with":
        names.update(a.partition("=")[0] for a in args if "=" in a)
    for keyword in ("as", "asvar"):
        if keyword in args[:-1]:
            names.add(args[args.index(keyword) + 1])
    return {n for n in names if n.isidentifier()}


def _site(
    node: Node,
    name: str,
    held: set[str],
    varying: set[str],
    loops: tuple[tuple[str, str], ...] = (),
    sources: tuple[tuple[str, str], ...] = (),
) -> IncludeSiteFact:
    """The include with the names it hands on as the author's text: each `with` name set
    to a literal or to a name that holds such text here, and the held names it leaves
    alone (with `only`, none are handed on); and the names the loops around it bind."""
    args = node.args
    only = "only" in args[1:]
    given = dict(a.partition("=")[::2] for a in args[1:] if "=" in a)
    authored = {key for key, value in given.items() if _literal(value) or value in held}
    if not only:
        authored |= held - given.keys()
    rebound = tuple(sorted(varying))
    return IncludeSiteFact(
        name,
        node.line,
        tuple(sorted(authored)),
        only,
        tuple(sorted(given)),
        rebound,
        loops=loops,
        sources=sources,
    )


def _given_sources(node: Node, parsed: ParsedTemplate) -> tuple[tuple[str, str], ...]:
    """Each name the include's `with` sets to a variable written alone (`message=message`,
    `item=row.cells`), with that variable as the includer's context holds it there."""
    pairs = (a.partition("=")[::2] for a in node.args[1:] if "=" in a)
    return tuple(
        (name, parsed.source_path(value, node.start))
        for name, value in pairs
        if name.isidentifier() and value and all(p.isidentifier() for p in value.split("."))
    )


def _literal(value: str) -> bool:
    """A string or number literal, a translated literal (`_("Save")`) or a constant."""
    if value in _LITERAL_WORDS or value.replace(".", "", 1).lstrip("-").isdigit():
        return True
    if value.startswith('_("') or value.startswith("_('"):
        value = value[2:-1] if value.endswith(")") else ""
    return len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" and "|" not in value
