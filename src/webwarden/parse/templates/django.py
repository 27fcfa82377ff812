"""Django templates read by Django's documented tokenizer rules, without importing Django.

`tokenize` mirrors `django.template.base.DebugLexer` (the same `tag_re`, the same
`{% verbatim %}` handling, the same line counting), and `parse_variable` mirrors
`FilterExpression` (the same `filter_re`), so positions and filters are Django's own;
the test suite compares both with Django's Lexer token by token. `check_structure`
reports what Django's parser rejects for the built-in tags: unclosed or mismatched block
tags, empty tags, `{% extends %}` after other tags, duplicate blocks, `{% filter safe %}`,
a bad `{% autoescape %}` argument, and variables Django cannot parse. Unknown tags are
not errors here: they come from tag libraries webwarden does not load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from webwarden.parse.templates.nodes import ARGUMENT_LEADS, Expression, FilterUse, Node, NodeKind

TAG_RE = re.compile(r"({%.*?%}|{{.*?}}|{#.*?#})")
"""`django.template.base.tag_re`: tags never span lines."""

_STRDQ = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_STRSQ = r"'[^'\\]*(?:\\.[^'\\]*)*'"
_CONSTANT = rf"(?:_\({_STRDQ}\)|_\({_STRSQ}\)|{_STRDQ}|{_STRSQ})"
_NUM = r"[-+.]?\d[\d.e]*"
FILTER_RE = re.compile(
    rf"""
^(?P<constant>{_CONSTANT})|
^(?P<var>[\w\.]+|{_NUM})|
 (?:\s*\|\s*
     (?P<filter_name>\w+)
         (?::
             (?:
              (?P<constant_arg>{_CONSTANT})|
              (?P<var_arg>[\w\.]+|{_NUM})
             )
         )?
 )""",
    re.VERBOSE,
)
"""`django.template.base.filter_re`."""
_SMART_SPLIT = re.compile(
    r"""((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*" | '(?:[^'\\]|\\.)*')[^\s'"]*)+) | \S+)""",
    re.VERBOSE,
)
"""`django.utils.text.smart_split_re`."""

BLOCK_TAGS: dict[str, tuple[str, ...]] = {
    "autoescape": ("endautoescape",),
    "block": ("endblock",),
    "comment": ("endcomment",),
    "filter": ("endfilter",),
    "for": ("empty", "endfor"),
    "if": ("elif", "else", "endif"),
    "ifchanged": ("else", "endifchanged"),
    "spaceless": ("endspaceless",),
    "verbatim": ("endverbatim",),
    "with": ("endwith",),
    "blocktrans": ("plural", "endblocktrans"),
    "blocktranslate": ("plural", "endblocktranslate"),
    "language": ("endlanguage",),
    "localize": ("endlocalize",),
    "localtime": ("endlocaltime",),
    "timezone": ("endtimezone",),
    "cache": ("endcache",),
}
"""Django's built-in block tags and what each parses until (`parser.parse((...))`)."""
_AFTER_MIDDLE = {
    ("for", "empty"): ("endfor",),
    ("if", "elif"): ("elif", "else", "endif"),
    ("if", "else"): ("endif",),
    ("ifchanged", "else"): ("endifchanged",),
    ("blocktrans", "plural"): ("endblocktrans",),
    ("blocktranslate", "plural"): ("endblocktranslate",),
}


@dataclass(frozen=True, slots=True)
class Token:
    """A Django token: type (`text`, `var`, `block`, `comment`), contents, span, line."""

    kind: NodeKind
    contents: str
    start: int
    end: int
    line: int


class DjangoSyntaxError(Exception):
    """What Django's parser would raise, with the token's line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def tokenize(source: str) -> list[Token]:
    """The tokens of `source` exactly as Django's `DebugLexer.tokenize` makes them."""
    tokens: list[Token] = []
    verbatim: str | None = None
    in_tag = False
    line = 1
    last = 0
    spans: list[tuple[int, int]] = []
    for match in TAG_RE.finditer(source):
        spans += [(last, match.start()), match.span()]
        last = match.end()
    spans.append((last, len(source)))
    for start, end in spans:
        text = source[start:end]
        if text:
            kind, contents = NodeKind.TEXT, text
            if in_tag:
                kind, contents, verbatim = _tag_token(text, verbatim)
            tokens.append(Token(kind, contents, start, end, line))
            line += text.count("\n")
        in_tag = not in_tag
    return tokens


def _tag_token(text: str, verbatim: str | None) -> tuple[NodeKind, str, str | None]:
    """`Lexer.create_token` for a string that matched `tag_re`."""
    opening = text[:2]
    if opening == "{%":
        content = text[2:-2].strip()
        if verbatim:
            if content != verbatim:
                return NodeKind.TEXT, text, verbatim
            return NodeKind.TAG, content, None
        if content[:9] in ("verbatim", "verbatim "):
            verbatim = f"end{content}"
        return NodeKind.TAG, content, verbatim
    if not verbatim:
        kind = NodeKind.VAR if opening == "{{" else NodeKind.COMMENT
        return kind, text[2:-2].strip(), verbatim
    return NodeKind.TEXT, text, verbatim


def smart_split(text: str) -> list[str]:
    """`Token.split_contents`: split on spaces outside quotes, rejoining `_("...")`."""
    bits = [m.group(0) for m in _SMART_SPLIT.finditer(text)]
    result: list[str] = []
    index = 0
    while index < len(bits):
        bit = bits[index]
        if bit.startswith(('_("', "_('")):
            sentinel = bit[2] + ")"
            parts = [bit]
            while not bit.endswith(sentinel) and index + 1 < len(bits):
                index += 1
                bit = bits[index]
                parts.append(bit)
            bit = " ".join(parts)
        result.append(bit)
        index += 1
    return result


def parse_variable(token: str) -> Expression:
    """`FilterExpression(token)`: the variable and its filters, or a `ValueError`."""
    path = ""
    literal = joined = False
    filters: list[str] = []
    uses: list[FilterUse] = []
    names: list[str] = []
    given: list[str] = []
    upto = 0
    started = False
    for match in FILTER_RE.finditer(token):
        if upto != match.start():
            raise ValueError(
                "Could not parse some characters: "
                f"{token[:upto]}|{token[upto : match.start()]}|{token[match.start() :]}"
            )
        if not started:
            started = True
            if match["constant"]:
                literal = True
            elif match["var"] is None:
                raise ValueError(f"Could not find variable at start of {token}.")
            else:
                path = _variable(match["var"])
                literal = not _is_lookup(path)
                if not literal:
                    names.append(path)
        else:
            name = match["filter_name"]
            operand = token[: match.start()].strip()
            root = None if literal else path.split(".", 1)[0]
            argument: tuple[str, ...] = ()
            if match["var_arg"] and _is_lookup(match["var_arg"]):
                argument = (_variable(match["var_arg"]),)
                names.extend(argument)
                if name not in ARGUMENT_LEADS:
                    given.extend(argument)
            uses.append(
                FilterUse(
                    name,
                    operand,
                    root,
                    literal and not joined,
                    tuple(filters),
                    argument,
                    constant=match["constant_arg"] or _literal_argument(match["var_arg"]),
                )
            )
            filters.append(name)
            # NOTE: `"<b>"|add:comment.body` is a literal no longer: the argument joins in.
            joined = joined or bool(argument)
        upto = match.end()
    if upto != len(token):
        raise ValueError(f"Could not parse the remainder: '{token[upto:]}' from '{token}'")
    return Expression(
        token,
        path="" if literal else path,
        filters=tuple(filters),
        uses=tuple(uses),
        names=tuple(names),
        literal=literal and not joined,
        given=tuple(n for n in dict.fromkeys(given) if names.count(n) == given.count(n)),
    )


_BUILTINS = frozenset({"True", "False", "None"})
"""Names every Django context starts with (`BaseContext`'s builtins): constants."""


def _literal_argument(var: str | None) -> str | None:
    """A filter's argument that is no lookup, as written: a number, `True`, `False` or
    `None` (`{{ text|markdown:True }}`)."""
    return var if var and not _is_lookup(var) else None


def _is_lookup(var: str) -> bool:
    if var in _BUILTINS:
        return False
    try:
        float(var)
    except ValueError:
        return True
    return False


def _variable(var: str) -> str:
    """`Variable(var)`'s checks on a lookup: no attribute may start with an underscore."""
    if _is_lookup(var) and ("._" in var or var.startswith("_")):
        raise ValueError(f"Variables and attributes may not begin with underscores: '{var}'")
    return var


def tag_expression(name: str, bits: list[str]) -> Expression | None:
    """The variables and filters a tag's arguments use (`{% with x=y|safe %}`)."""
    if name in {"comment", "verbatim", "load", "url", "csrf_token", "block", "endblock"}:
        return None
    uses: list[FilterUse] = []
    names: list[str] = []
    for bit in bits:
        value = bit.split("=", 1)[1] if re.match(r"^\w+=", bit) else bit
        if not value or value in {"as", "with", "only", "in", "not", "and", "or", "reversed"}:
            continue
        try:
            parsed = parse_variable(value)
        except ValueError:
            continue
        uses.extend(parsed.uses)
        names.extend(parsed.names)
    text = " ".join(bits)
    return Expression(text, uses=tuple(uses), names=tuple(names))


def to_nodes(source: str, tokens: list[Token], line_starts: list[int]) -> list[Node]:
    """Dialect-neutral nodes from Django tokens, with 1-based columns."""
    nodes: list[Node] = []
    in_comment = False
    for token in tokens:
        column = token.start - line_starts[token.line - 1] + 1
        if in_comment or (token.kind is NodeKind.TAG and token.contents.split()[:1] == ["comment"]):
            # NOTE: `{% comment %}` ... `{% endcomment %}` is skipped by Django's parser
            in_comment = not (token.kind is NodeKind.TAG and token.contents == "endcomment")
            nodes.append(
                Node(NodeKind.COMMENT, token.start, token.end, token.line, column, token.contents)
            )
            continue
        if token.kind is NodeKind.TAG:
            bits = smart_split(token.contents)
            name = bits[0] if bits else ""
            expression = tag_expression(name, bits[1:])
            nodes.append(
                Node(
                    NodeKind.TAG,
                    token.start,
                    token.end,
                    token.line,
                    column,
                    token.contents,
                    name,
                    expression,
                    tuple(bits[1:]),
                )
            )
        elif token.kind is NodeKind.VAR:
            try:
                expression = parse_variable(token.contents)
            except ValueError:
                expression = Expression(token.contents)
            nodes.append(
                Node(
                    NodeKind.VAR,
                    token.start,
                    token.end,
                    token.line,
                    column,
                    token.contents,
                    "",
                    expression,
                )
            )
        else:
            nodes.append(
                Node(token.kind, token.start, token.end, token.line, column, token.contents)
            )
    return nodes
