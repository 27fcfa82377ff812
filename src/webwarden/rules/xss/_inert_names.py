"""Names a Django template binds itself to text that holds no markup, and where each
binding holds: what `|add:` may join into markup marked safe."""

from __future__ import annotations

from webwarden.parse.templates import Dialect, Expression, Node, NodeKind, ParsedTemplate
from webwarden.parse.templates.django import parse_variable
from webwarden.rules.xss._script import loop_number
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
    name=value %}` (or `{% with value as name %}`), and the names a translation block
    binds for its text (`{% blocktranslate with date=expires|date:"DATE_FORMAT" %}`),
    inside its block when a numeric or
    escaping filter ends the value (`date_iso=event.start|date:"Y-m-d"`) or the value is
    the loop's counter, bare or made text by `stringformat` (`i=forloop.counter|stringformat:"s"`,
    Django's way to `add` it to a literal id); a `with`
    binding the name to other text inside such a block hides it there."""
    spans: Spans = {}
    open_blocks: list[tuple[str, int, list[tuple[str, bool]]]] = []
    end = len(template.text)
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        args = node.args
        if node.tag == "url" and len(args) >= 3 and args[-2] == "as":
            spans.setdefault(args[-1], []).append((node.end, end, True))
        elif node.tag == "with":
            pairs = [(name, _inert(value)) for name, value in _pairs(args)]
            open_blocks.append(("endwith", node.end, pairs))
        elif node.tag in _TRANSLATION_BLOCKS:
            pairs = [(name, _inert(value)) for name, value in _translation_pairs(args)]
            open_blocks.append(("end" + node.tag, node.end, pairs))
        elif open_blocks and node.tag == open_blocks[-1][0]:
            _, start, names = open_blocks.pop()
            for name, inert in names:
                spans.setdefault(name, []).append((start, node.start, inert))
    return spans


_TRANSLATION_BLOCKS = frozenset({"blocktranslate", "blocktrans"})
"""Django's translation blocks, which bind names for their text as `{% with %}` does
(`{% blocktranslate with date=expires|date:"DATE_FORMAT" %}`, `count n=items|length`)."""


def _translation_pairs(args: tuple[str, ...]) -> list[tuple[str, str]]:
    """The names a translation block binds: `name=value` after `with` or `count`, and the
    older `value as name` (`{% blocktrans with expires|date:"Y-m-d" as day %}`); not
    `asvar`, which binds the translated text."""
    pairs = [
        (name, value)
        for name, sep, value in (arg.partition("=") for arg in args)
        if sep and name.isidentifier()
    ]
    pairs += [
        (args[i + 1], args[i - 1])
        for i in range(1, len(args) - 1)
        if args[i] == "as" and args[i + 1].isidentifier()
    ]
    return pairs


_LANGUAGE_TAGS = frozenset(
    {
        "get_language_info", "get_language_info_list", "get_available_languages",
        "get_current_language", "get_current_language_bidi",
    }
)  # fmt: skip
"""Django's i18n tags that bind a name (`... as name`) to language data: an entry of
Django's own `LANG_INFO` table (its code, `name`, `name_local`, `name_translated` and
`bidi`; a code missing from it raises `KeyError`, whatever code the tag is given), a list
of them, the `LANGUAGES` setting's codes and names, or the active language's code."""


def language_bindings(template: ParsedTemplate) -> Spans:
    """Names a Django template binds to language data (`_LANGUAGE_TAGS`) from the tag on,
    and the names a `{% for %}` over one of them binds inside the loop (`{% for code,
    name in LANGUAGES %}`, `{% for lang in languages %}`). A name the template also
    binds some other way (`{% with %}`, another `as`, another loop) is left out, and so
    are the names of a loop over it."""
    tags = [node for node in template.nodes if node.kind is NodeKind.TAG]
    bindings: dict[str, int] = {}
    for node in tags:
        for name in _tag_bound_names(node.tag, node.args):
            bindings[name] = bindings.get(name, 0) + 1
    allowed: frozenset[str] | None = None
    while True:
        spans = _language_spans(tags, allowed, len(template.text))
        kept = frozenset(name for name, held in spans.items() if bindings[name] == len(held))
        if kept == frozenset(spans):
            return spans
        allowed = kept


def _language_spans(tags: list[Node], allowed: frozenset[str] | None, end: int) -> Spans:
    """Where each language tag's name (of `allowed`, if given) holds, and each loop's
    names over one."""
    spans: Spans = {}
    loops: list[tuple[int, list[str]]] = []
    for node in tags:
        args = node.args
        if node.tag in _LANGUAGE_TAGS and len(args) >= 2 and args[-2] == "as":
            if allowed is None or args[-1] in allowed:
                spans.setdefault(args[-1], []).append((node.end, end, True))
        elif node.tag == "for" and "in" in args[:-1]:
            over = args[args.index("in") + 1]
            names = _tag_bound_names("for", args)
            listed = over in inert_at(spans, node.start)
            loops.append((node.end, names if listed else []))
        elif node.tag in {"empty", "endfor"} and loops:
            start, names = loops.pop()
            for name in names:
                if allowed is None or name in allowed:
                    spans.setdefault(name, []).append((start, node.start, True))
            if node.tag == "empty":
                loops.append((node.end, []))  # NOTE: the loop's names are unbound here
    return spans


def _tag_bound_names(tag: str, args: tuple[str, ...]) -> list[str]:
    """Every name a tag binds: a loop's names, `{% with a=... %}`, `... as a`, `asvar a`."""
    names: list[str] = []
    if tag == "for" and "in" in args:
        names.extend(n.strip() for n in ",".join(args[: args.index("in")]).split(",") if n.strip())
    elif tag == "with":
        names.extend(a.partition("=")[0] for a in args if "=" in a)
    names.extend(args[args.index(k) + 1] for k in ("as", "asvar") if k in args[:-1])
    return names


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
    if loop_number(Dialect.DJANGO, expression.path) and set(expression.filters) <= {"stringformat"}:
        return True  # NOTE: `forloop.counter|stringformat:"s"`: the counter's digits as text
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
