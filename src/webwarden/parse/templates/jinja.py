"""Jinja2 templates read with Jinja2's own lexer and parser.

The lexer gives every token with its line, honouring `{% raw %}`, whitespace control and
custom delimiters exactly; webwarden finds each token's offset by searching forward from
the previous one (whitespace control drops characters from data tokens, so offsets
cannot be summed). The parser then checks the template as Jinja2 would compile it.
Tags from extensions webwarden does not load (`{% cache %}`, `{% assets %}`) are parsed
as opaque statements (a block when `end<tag>` appears), so they are not syntax errors.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from webwarden.parse.templates.jinja_expr import RawToken, analyse
from webwarden.parse.templates.nodes import Node, NodeKind

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.ext import Extension

# NOTE: jinja2 is imported in the functions that lex and parse: a warm scan reads no
# template (their facts are cached) and need not pay for importing it.

BUILTIN_EXTENSIONS = (
    "jinja2.ext.i18n",
    "jinja2.ext.loopcontrols",
    "jinja2.ext.do",
    "jinja2.ext.debug",
)
_UNKNOWN_TAG = re.compile(r"^Encountered unknown tag '(?P<name>[^']+)'")
_MAX_UNKNOWN_TAGS = 32
_BUILTIN_TAGS = frozenset(
    {
        "if", "elif", "else", "endif", "for", "endfor", "block", "endblock", "macro",
        "endmacro", "call", "endcall", "filter", "endfilter", "set", "endset", "with",
        "endwith", "autoescape", "endautoescape", "trans", "pluralize", "endtrans", "raw",
        "endraw", "extends", "include", "import", "from", "print", "do", "break", "continue",
    }
)  # fmt: skip
"""Jinja2's own statements (and the loaded extensions'): never an unknown extension tag."""
_OPENERS = {
    "variable_begin": ("variable_end", NodeKind.VAR),
    "block_begin": ("block_end", NodeKind.TAG),
    "linestatement_begin": ("linestatement_end", NodeKind.TAG),
    "comment_begin": ("comment_end", NodeKind.COMMENT),
    "linecomment_begin": ("linecomment_end", NodeKind.COMMENT),
}


@dataclass(frozen=True, slots=True)
class JinjaSyntax:
    """The lexer settings of a Jinja2 environment (its delimiters and whitespace control)."""

    block_start_string: str = "{%"
    block_end_string: str = "%}"
    variable_start_string: str = "{{"
    variable_end_string: str = "}}"
    comment_start_string: str = "{#"
    comment_end_string: str = "#}"
    line_statement_prefix: str | None = None
    line_comment_prefix: str | None = None
    trim_blocks: bool = False
    lstrip_blocks: bool = False

    @classmethod
    def from_options(cls, options: tuple[tuple[str, object], ...]) -> JinjaSyntax:
        """The syntax from `Environment(...)` keywords (others and non-constants ignored)."""
        known = {
            name: value
            for name, value in options
            if name in cls.__dataclass_fields__ and isinstance(value, str | bool)
        }
        return cls(**known)  # type: ignore[arg-type]


class JinjaSyntaxProblem(Exception):
    """A template Jinja2 would not compile: its message and line."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@cache
def environment(syntax: JinjaSyntax) -> Environment:
    """A Jinja2 environment with `syntax` (never used to render anything)."""
    from jinja2 import Environment

    return Environment(  # noqa: S701  # NOTE: only lexes and parses; nothing is rendered
        block_start_string=syntax.block_start_string,
        block_end_string=syntax.block_end_string,
        variable_start_string=syntax.variable_start_string,
        variable_end_string=syntax.variable_end_string,
        comment_start_string=syntax.comment_start_string,
        comment_end_string=syntax.comment_end_string,
        line_statement_prefix=syntax.line_statement_prefix,
        line_comment_prefix=syntax.line_comment_prefix,
        trim_blocks=syntax.trim_blocks,
        lstrip_blocks=syntax.lstrip_blocks,
        keep_trailing_newline=True,
        extensions=BUILTIN_EXTENSIONS,
    )


def raw_tokens(source: str, syntax: JinjaSyntax) -> list[RawToken]:
    """Every token of `source` (whitespace included) with its offset, or a problem."""
    from jinja2 import TemplateSyntaxError

    env = environment(syntax)
    tokens: list[RawToken] = []
    cursor = 0
    try:
        for line, kind, value in env.lexer.tokeniter(source, None):
            offset = source.find(value, cursor) if value else cursor
            if offset < 0:  # pragma: no cover - a value the lexer did not take from the source
                offset = cursor
            tokens.append(RawToken(kind, value, offset, line))
            cursor = offset + len(value)
    except TemplateSyntaxError as exc:
        raise JinjaSyntaxProblem(exc.message or str(exc), exc.lineno) from None
    return tokens


def to_nodes(source: str, tokens: list[RawToken], line_starts: list[int]) -> list[Node]:
    """Group the tokens into dialect-neutral nodes (text, output, statement, comment)."""
    result: list[Node] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        opener = _OPENERS.get(token.kind)
        if opener is None:
            if token.kind == "data":
                result.append(_text(token, line_starts))
            index += 1
            continue
        closer, kind = opener
        end = index + 1
        while end < len(tokens) and tokens[end].kind != closer:
            end += 1
        inner = [t for t in tokens[index + 1 : end] if t.kind != "whitespace"]
        stop = tokens[end].offset if end < len(tokens) else len(source)
        content = source[token.offset + len(token.value) : stop].strip()
        if kind is NodeKind.COMMENT:
            result.append(_node(NodeKind.COMMENT, token, stop, content, line_starts))
        else:
            result.append(
                _statement(source, kind, token, stop, content, inner, tokens, end, line_starts)
            )
        index = end + 1
    return result


def _text(token: RawToken, line_starts: list[int]) -> Node:
    return _node(NodeKind.TEXT, token, token.offset + len(token.value), token.value, line_starts)


def _node(kind: NodeKind, token: RawToken, stop: int, content: str, line_starts: list[int]) -> Node:
    column = token.offset - line_starts[token.line - 1] + 1
    return Node(kind, token.offset, stop, token.line, column, content)


def _statement(
    source: str,
    kind: NodeKind,
    token: RawToken,
    stop: int,
    content: str,
    inner: list[RawToken],
    tokens: list[RawToken],
    end: int,
    line_starts: list[int],
) -> Node:
    closing = tokens[end] if end < len(tokens) else None
    finish = stop if closing is None else closing.offset + len(closing.value.rstrip())
    column = token.offset - line_starts[token.line - 1] + 1
    if kind is NodeKind.VAR:
        expression = analyse(inner, source)
        return Node(kind, token.offset, finish, token.line, column, content, "", expression)
    name = inner[0].value if inner and inner[0].kind == "name" else ""
    rest = inner[1:] if name else inner
    args = tuple(t.value for t in rest)
    expression = analyse(rest, source)
    return Node(kind, token.offset, finish, token.line, column, content, name, expression, args)


def _unknown_extension(tags: frozenset[str], blocks: frozenset[str]) -> type[Extension]:
    from jinja2 import nodes
    from jinja2.ext import Extension
    from jinja2.parser import Parser

    class UnknownTags(Extension):
        """Parses tags of extensions webwarden does not load as opaque statements."""

        def parse(self, parser: Parser) -> nodes.Node | list[nodes.Node]:
            name = next(parser.stream).value
            while parser.stream.current.type != "block_end":
                next(parser.stream)
            if name in blocks:
                parser.parse_statements((f"name:end{name}",), drop_needle=True)
            return nodes.Output([])

    UnknownTags.tags = set(tags)
    return UnknownTags


def check(
    source: str,
    syntax: JinjaSyntax,
    tag_names: set[str],
    tokens: list[RawToken] | None = None,
) -> frozenset[str]:
    """Parse `source` as Jinja2 would; return the unknown tags met, or raise the problem.

    `tokens`, the template's `raw_tokens`, spare the parser lexing it again.
    """
    from jinja2 import TemplateSyntaxError

    base = environment(syntax)
    unknown: set[str] = set()
    blocks = frozenset(name[3:] for name in tag_names if name.startswith("end"))
    while True:
        env = base
        if unknown:
            env = base.overlay(extensions=[_unknown_extension(frozenset(unknown), blocks)])
        try:
            _parse(env, source, tokens)
        except TemplateSyntaxError as exc:
            message = exc.message or str(exc)
            match = _UNKNOWN_TAG.match(message)
            if (
                match is None
                or match.group("name") in _BUILTIN_TAGS
                or len(unknown) >= _MAX_UNKNOWN_TAGS
            ):
                raise JinjaSyntaxProblem(message, exc.lineno) from None
            name = match.group("name")
            if name in unknown:  # pragma: no cover - the overlay always knows it now
                raise JinjaSyntaxProblem(message, exc.lineno) from None
            unknown.add(name)
            continue
        return frozenset(unknown)


def _parse(env: Environment, source: str, tokens: list[RawToken] | None) -> None:
    """`env.parse(source)`, from the tokens already lexed when they are given."""
    if tokens is None:
        env.parse(source)
        return
    from jinja2.lexer import TokenStream
    from jinja2.parser import Parser

    # NOTE: what `Environment._tokenize` does, on the lexer's own output kept by
    # `raw_tokens` (the parser's stream is lazy, so making it lexes one token only).
    try:
        parser = Parser(env, source)
        lexed = ((t.line, t.kind, t.value) for t in tokens)
        stream = TokenStream(env.lexer.wrap(lexed), None, None)
        for extension in env.iter_extensions():
            filtered = extension.filter_stream(stream)
            stream = (
                filtered if isinstance(filtered, TokenStream) else TokenStream(filtered, None, None)
            )
    except (AttributeError, TypeError):  # pragma: no cover - a Jinja2 whose internals moved
        env.parse(source)
        return
    parser.stream = stream
    parser.parse()


def _iter_names(tokens: list[RawToken]) -> Iterator[str]:
    for index, token in enumerate(tokens):
        if token.kind in ("block_begin", "linestatement_begin"):
            for later in tokens[index + 1 : index + 3]:
                if later.kind == "name":
                    yield later.value
                    break


def tag_names(tokens: list[RawToken]) -> set[str]:
    """The statement names used in the template (`for`, `endfor`, `cache`, ...)."""
    return set(_iter_names(tokens))


def expression_tokens(text: str) -> list[RawToken] | None:
    """The tokens Jinja2's lexer reads in `text` taken as one expression (whitespace left
    out, offsets into `text`), None when it cannot read them so."""
    from jinja2 import TemplateSyntaxError

    wrapped = "{{ " + text + "\n}}"
    try:
        lexed = list(environment(JinjaSyntax()).lexer.tokeniter(wrapped, None))
    except TemplateSyntaxError:
        return None
    kinds = [kind for _, kind, _ in lexed]
    if kinds.count("variable_end") != 1 or kinds[-1] != "variable_end":
        return None
    tokens: list[RawToken] = []
    cursor = 2  # NOTE: after `{{`; the lexer's first token is the space after it
    for line, kind, value in lexed[1:-1]:
        offset = wrapped.find(value, cursor) if value else cursor
        cursor = max(offset, cursor) + len(value)
        if kind != "whitespace":
            tokens.append(RawToken(kind, value, offset - 3, line))
    return tokens
