"""Names a template binds to numbers it computes itself (`{% set n = namespace(count=0) %}`
then `{% set n.count = n.count + 1 %}`): what it writes of them is a number."""

from __future__ import annotations

import re

from webwarden.parse.templates.nodes import Expression, Node, NodeKind

_ARITHMETIC = re.compile(r"[\d+\-*/%() ]+")
"""Integer literals and arithmetic, once the bound name itself is taken out."""
NUMBER_FILTERS = frozenset({"int", "float", "round", "abs", "length", "count", "wordcount"})
"""Jinja filters whose output is a number whatever they are given."""
_NAME = re.compile(r"[A-Za-z_][\w.]*|\d+(\.\d+)?")
_KEYWORDS = frozenset({"if", "else", "or", "and", "not", "in", "is"})
_OPENERS = ("(", "[", ".")


def numeric_names(nodes: list[Node]) -> dict[str, int]:
    """Each name (`n`, `ns.count`) that every `set` binding it sets to integer arithmetic
    of literals and itself -> the offset of its first binding; a `namespace(...)` call
    binds its integer keywords as `name.keyword`. A name also bound to anything else
    (by a `for` not over a `range`, `with`, a block `set`; a namespace rebound), or read
    before the template first sets it, is left out."""
    first: dict[str, int] = {}
    other: set[str] = set()
    early: set[str] = set()
    for node in nodes:
        # NOTE: a name read before the template sets it may come from the context
        # (`{% if not n %}{% set n = 1 %}{% endif %}`, the includer's `n`).
        early.update(r for r in _reads(node) if r not in first)
        if node.kind is not NodeKind.TAG or node.tag not in ("set", "for", "with"):
            continue
        args = node.args
        if node.tag == "for" and _ranged(args):
            continue  # NOTE: its targets are whole numbers too (and have no attributes)
        if node.tag != "set" or "=" not in args:
            other.update(a.strip(",") for a in args if a.strip(",").isidentifier())
            continue
        at = args.index("=")
        target, value = "".join(args[:at]), args[at + 1 :]
        for name, numeric in _bound(target, value):
            if numeric:
                first.setdefault(name, node.start)
            else:
                other.add(name)
    return {
        name: start
        for name, start in first.items()
        if name not in other and name not in early and name.split(".", 1)[0] not in other
    }


def _operand_word(part: str) -> bool:
    """A name, a number or an attribute of one: no operator or keyword."""
    return _NAME.fullmatch(part) is not None and part not in _KEYWORDS


def written_name(expression: Expression) -> str:
    """The name an output writes, alone or through `default` and number filters whose
    arguments read nothing (`n`, `n|default(0)`, `n|round(2)`), "" for other outputs."""
    name = expression.path
    if not name or expression.names != (name,) or expression.calls:
        return ""
    kept = set(expression.filters) | {use.name for use in expression.uses}
    return name if kept <= NUMBER_FILTERS | {"default", "d"} else ""


def _reads(node: Node) -> tuple[str, ...]:
    """The names an output or a tag reads (a `set` tag's value, not its target; a loop's
    or a `with` tag's names are bindings)."""
    if node.expression is None or node.tag in ("for", "with"):
        return ()
    names = node.expression.names
    return names[1:] if node.tag == "set" else names


def _ranged(args: tuple[str, ...]) -> bool:
    """`{% for i in range(...) %}`."""
    return "in" in args and args[args.index("in") + 1 :][:2] == ("range", "(")


def _bound(target: str, value: tuple[str, ...]) -> list[tuple[str, bool]]:
    if value[:2] == ("namespace", "(") and value[-1:] == (")",):
        return [
            (f"{target}.{keyword}", _ARITHMETIC.fullmatch(literal) is not None)
            for keyword, literal in _keywords(value[2:-1])
        ]
    if _number_filtered(value):
        return [(target, True)]
    text = "".join(value).replace(target, "0")
    return [(target, bool(text) and _ARITHMETIC.fullmatch(text) is not None)]


def _number_filtered(value: tuple[str, ...]) -> bool:
    """Whether a `set` value is one operand given last to a filter making a number
    (`place.coordinates.longitude | float`, `items|length`, `(a * b)|round(1)`): not
    `a ~ b|float`, where the filter takes `b` alone, nor `b|float if c else d`."""
    depth, last = 0, -1
    for index, part in enumerate(value):
        if depth == 0 and part == "|":
            last = index
        elif depth == 0 and part not in _OPENERS and not _operand_word(part):
            return False
        if not part.startswith(("'", '"')):
            depth += part.count("(") + part.count("[") - part.count(")") - part.count("]")
    tail = value[last + 1 :] if last >= 0 else ()
    if not tail or tail[0] not in NUMBER_FILTERS:
        return False
    return len(tail) == 1 or (tail[1] == "(" and tail[-1] == ")")


def _keywords(tokens: tuple[str, ...]) -> list[tuple[str, str]]:
    """`a = 0 , b = 'x'` -> (a, "0"), (b, "'x'")."""
    found: list[tuple[str, str]] = []
    group: list[str] = []
    for part in (*tokens, ","):
        if part != ",":
            group.append(part)
            continue
        if len(group) >= 3 and group[1] == "=":
            found.append((group[0], "".join(group[2:])))
        group = []
    return found
