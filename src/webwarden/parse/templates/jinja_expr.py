"""What a Jinja2 expression reads, calls and filters, from its tokens.

A small recursive reader over the lexer's tokens, enough to know which operand each
filter applies to (`'<b>' ~ name|safe` applies `safe` to `name` only), which dotted
names are called (`Markup(x)`, `form.hidden_tag()`) and which variables are read.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field, replace

from webwarden.parse.templates.jinja_constants import (
    CONSTANT_NAMES as _CONSTANT_NAMES,
)
from webwarden.parse.templates.jinja_constants import (
    LITERAL_KINDS as _LITERALS,
)
from webwarden.parse.templates.jinja_constants import constant_part, constant_valued
from webwarden.parse.templates.nodes import ARGUMENT_LEADS, Expression, FilterUse

_CLOSERS = {"(": ")", "[": "]", "{": "}"}
_CONCATENATIONS = frozenset({"+", "~"})
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "if", "else"})
_CHOOSING = frozenset({"if", "else", "or", "and"})
"""Keywords whose value is one of the operands they join (`a or b`, `a if c else b`)."""
_NUMERIC_OPERATORS = frozenset({"-", "/", "//", "**"})
"""Operators Python defines for numbers (and dates) but not for text."""
_ARITHMETIC = _NUMERIC_OPERATORS | {"+", "*", "%"}
"""Operators that give a number when every operand is one (`+` adds, `*` multiplies and
`%` takes the remainder of numbers; they join, repeat or format text)."""
_NUMBER_FILTERS = frozenset({"int", "float", "length", "count", "wordcount", "abs", "round"})
"""Jinja's filters that give a number (or raise): the operand is one whatever its input."""
_NUMBER_TOKENS = frozenset({"integer", "float"})
MESSAGE_ARGUMENT = {"_": 0, "gettext": 0, "ngettext": 0, "pgettext": 1, "npgettext": 1}
"""Where each i18n function takes its (first) message: the text it hands back when the
catalogue holds no translation of it (`pgettext`'s first argument is the context)."""
_GETTEXT = frozenset(MESSAGE_ARGUMENT)
"""The i18n extension's functions. Given a literal message and constants only
(`_('%(n)s items', n=3)`) they write the author's text; given variables, what they
write depends on how the project installs them (see `model.templates.gettext_styles`)."""


@dataclass(frozen=True, slots=True)
class RawToken:
    """A token of Jinja2's lexer with its offset in the (newline-normalised) source."""

    kind: str
    value: str
    offset: int
    line: int


@dataclass(slots=True)
class _Operand:
    start: int
    path: str = ""
    literal: bool = False
    translated: bool = False
    """A translation of a literal message with nothing else given (`_('Saved')`)."""
    filters: list[str] = field(default_factory=list)
    read: int = 0
    """How many names the reader had read when the operand began."""


@dataclass(slots=True)
class _Reader:
    tokens: list[RawToken]
    source: str
    pos: int = 0
    uses: list[FilterUse] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    given: list[str] = field(default_factory=list)
    """Names read as the arguments of filters not in `ARGUMENT_LEADS`."""
    selectors: set[int] = field(default_factory=set)
    """Where in `names` the arguments of a call whose result's attribute or item is read
    are (`slug` of `find(slug).label`)."""
    top_filters: list[str] = field(default_factory=list)
    first: _Operand | None = None
    operands: int = 0
    joiner: str = ""
    """The top-level operator that follows the first operand (`~` in `a ~ b`)."""
    conditional: bool = False
    """An inline `if` at the top level (`'a' if x else 'b'`)."""
    in_condition: bool = False
    varying: bool = False
    """A top-level operand the expression may output is not a constant."""
    outputs: list[str] = field(default_factory=list)
    """The text of each top-level operand the expression may output that is not a
    constant."""
    top_operators: list[str] = field(default_factory=list)
    """The operators and keywords between the top-level operands (`-` in `a - 1`)."""
    numbers: int = 0
    """How many top-level operands are numbers: a number literal, or an operand whose
    last filter gives one (`minutes|int` of `minutes|int * 60`)."""
    held: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    """The text and the filters of each top-level operand the expression may output that
    is neither a constant nor a translation of a literal message, in order (`("a|upper",
    ("upper",))` and `("b|e", ("e",))` of `a|upper if c else b|e`)."""
    joined: bool = False
    """An operator or keyword that does not choose among them (`if`, `else`, `or`, `and`)
    joins top-level operands outside an inline `if`'s test (`a ~ b`, `not a`, `a is
    defined`)."""

    def peek(self, offset: int = 0) -> RawToken | None:
        index = self.pos + offset
        return self.tokens[index] if index < len(self.tokens) else None

    def is_op(self, value: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token.kind == "operator" and token.value == value

    def text(self, start: int, stop: int) -> str:
        """The source of tokens `start` to `stop` (exclusive), as written."""
        if stop <= start:
            return ""
        last = self.tokens[stop - 1]
        return self.source[self.tokens[start].offset : last.offset + len(last.value)]

    def expression(self, depth: int) -> None:
        """Read operands and operators until a closing bracket or the end."""
        while (token := self.peek()) is not None:
            if token.kind == "operator" and token.value in (")", "]", "}"):
                return
            before = self.pos
            if token.kind == "operator" and token.value not in _CLOSERS:
                if depth == 0 and self.operands == 1 and not self.joiner:
                    self.joiner = token.value
                if depth == 0:
                    self.top_operators.append(token.value)
                    self.joined = self.joined or not self.in_condition
                self.pos += 1
            elif token.kind == "name" and token.value in _KEYWORDS:
                if depth == 0:
                    self.top_operators.append(token.value)
                    if token.value not in _CHOOSING:
                        self.joined = self.joined or not self.in_condition
                self.pos += 1
                if depth == 0 and token.value in ("if", "else"):
                    # NOTE: what lies between `if` and `else` chooses; it is not output.
                    self.conditional = self.conditional or token.value == "if"
                    self.in_condition = token.value == "if"
                if token.value == "is" and (test := self.peek()) is not None:
                    self.pos += 1 if test.kind == "name" else 0
            else:
                self.operand(depth)
            if self.pos == before:  # pragma: no cover - never loop on an unexpected token
                self.pos += 1

    def operand(self, depth: int) -> None:
        operand = _Operand(self.pos, read=len(self.names))
        token = self.tokens[self.pos]
        start = self.pos
        if token.kind in _LITERALS:
            operand.literal = True
            self.pos += 1
            while (nxt := self.peek()) is not None and nxt.kind == "string":
                self.pos += 1  # adjacent strings are concatenated
            # NOTE: a literal's own method (`"<a href='{}'>".format(url)`) is no variable;
            # what it is given is read, and the result is no longer the literal.
            self.postfix(operand, depth)
        elif token.kind == "name" and depth > 0 and self.is_op("=", 1):
            self.pos += 2  # NOTE: a keyword argument's name (`urlparams(product=p.slug)`)
            return
        elif token.kind == "name":
            self.pos += 1
            operand.literal = token.value in _CONSTANT_NAMES
            operand.path = "" if operand.literal else token.value
            self.postfix(operand, depth)
        elif token.kind == "operator" and token.value in _CLOSERS:
            start = self.pos
            self.group(depth)
            # NOTE: `('&laquo;')|safe`: a string literal in parentheses is that literal;
            # `[48.85, 2.35]`, `{"on": true}`: a display of constants is the author's own;
            # `(own and 'data-own="1"' or '')`: variables that only choose among constants.
            inner = self.tokens[start + 1 : self.pos - 1]
            operand.literal = self.tokens[self.pos - 1].value == _CLOSERS[token.value] and (
                all(constant_part(t) for t in inner)
                or (token.value == "(" and constant_valued(inner))
            )
            self.postfix(operand, depth)
        else:
            self.pos += 1
        bare = self.pos
        self.filters(operand, depth)
        if depth == 0:
            if operand.filters:
                self.numbers += operand.filters[-1] in _NUMBER_FILTERS
            else:
                self.numbers += bare == start + 1 and token.kind in _NUMBER_TOKENS
            constant = operand.literal and not operand.path and not operand.filters
            self.varying = self.varying or not (self.in_condition or constant)
            if not (self.in_condition or constant):
                self.outputs.append(self.text(operand.start, self.pos))
                if not operand.translated:
                    text = self.text(operand.start, self.pos)
                    self.held.append((text, tuple(operand.filters)))
            self.operands += 1
            if self.first is None:
                self.first = operand

    def postfix(self, operand: _Operand, depth: int) -> None:
        dotted = True
        arguments: list[int] = []  # NOTE: where in `names` the call just read was given
        while self.peek() is not None:
            if arguments and (self.is_op(".") or self.is_op("[")):
                # NOTE: `find(slug).label`: the argument chose what is read, it is not it.
                self.selectors.update(arguments)
            arguments = []
            if self.is_op(".") and (attr := self.peek(1)) is not None and attr.kind == "name":
                if dotted and operand.path:
                    operand.path += "." + attr.value
                self.pos += 2
            elif self.is_op("["):
                subscript = self.peek(1)
                closing = self.peek(2)
                constant = (
                    subscript is not None
                    and subscript.kind in ("string", "integer")
                    and closing is not None
                    and closing.value == "]"
                )
                if dotted and operand.path and constant and subscript is not None:
                    operand.path += "." + subscript.value.strip("'\"")
                else:
                    dotted = False
                self.group(depth)
            elif self.is_op("("):
                message = ""
                if dotted and operand.path:
                    self.calls.append(operand.path)
                    message = self._message_follows()
                    # NOTE: a project's own `_gettext` may format its variables unescaped.
                    operand.translated = message == ")" and _translates(operand.path)
                    operand.literal = operand.translated
                dotted = False
                read = len(self.names)
                opening = self.pos
                self.group(depth)
                arguments = list(range(read, len(self.names)))
                if message == "," and operand.path in _GETTEXT:
                    # NOTE: `_('%(n)s items', n=3)`: constants filled in. One given a
                    # variable is judged by how the project installs gettext.
                    call = operand.path + self.text(opening, self.pos)
                    operand.literal = not arguments or _constants_filled_in(call)
                continue
            else:
                break
            operand.literal = operand.translated = False
        if operand.path:
            self.names.append(operand.path)

    def _values(self, read: int) -> tuple[str, ...]:
        """The names read since `read` but those read only to choose what a call's
        result gives (`selectors`)."""
        kept = (n for i, n in enumerate(self.names) if i >= read and i not in self.selectors)
        return tuple(dict.fromkeys(kept))

    def _message_follows(self) -> str:
        """What follows a literal message given first to the call at the current `(`:
        `)` (`_('Saved')`), `,` (`_('Saved %(name)s', name=name)`), or "" for none."""
        offset = 1
        while (token := self.peek(offset)) is not None and token.kind == "string":
            offset += 1
        if offset == 1:
            return ""
        return next((mark for mark in (")", ",") if self.is_op(mark, offset)), "")

    def group(self, depth: int) -> None:
        closer = _CLOSERS[self.tokens[self.pos].value]
        self.pos += 1
        self.expression(depth + 1)
        if self.is_op(closer):
            self.pos += 1

    def filters(self, operand: _Operand, depth: int) -> None:
        while self.is_op("|") and (name := self.peek(1)) is not None and name.kind == "name":
            filter_name = name.value
            self.pos += 2
            while self.is_op(".") and (part := self.peek(1)) is not None and part.kind == "name":
                filter_name += "." + part.value
                self.pos += 2
            root = operand.path.split(".", 1)[0] if operand.path else None
            at = len(self.uses)
            self.uses.append(
                FilterUse(
                    filter_name,
                    self.text(operand.start, self.pos - 2),
                    root,
                    operand.literal,
                    tuple(operand.filters),
                    names=self._values(operand.read),
                )
            )
            operand.filters.append(filter_name)
            if depth == 0:
                self.top_filters.append(filter_name)
            if self.is_op("("):
                read = len(self.names)
                self.group(depth)
                # NOTE: the variables the filter is given (`|fe(name=user.name)`)
                given = tuple(dict.fromkeys(self.names[read:]))
                self.uses[at] = replace(self.uses[at], arguments=given)
                if filter_name not in ARGUMENT_LEADS:
                    self.given += self.names[read:]
                # NOTE: a literal given variables by a filter (`"%s&hellip;"|format(name)`)
                # is no longer the literal: what follows writes the variables too.
                operand.literal = operand.literal and len(self.names) == read


def analyse(tokens: list[RawToken], source: str) -> Expression:
    """The `Expression` of a `{{ }}` or of a statement's arguments."""
    meaningful = [t for t in tokens if t.kind != "whitespace"]
    reader = _Reader(meaningful, source)
    reader.expression(0)
    single = reader.operands == 1 and reader.first is not None
    first = reader.first
    return Expression(
        reader.text(0, len(meaningful)),
        path=first.path if first is not None and single else "",
        filters=_whole_filters(reader),
        uses=tuple(reader.uses),
        calls=tuple(reader.calls),
        names=tuple(reader.names),
        choices=tuple(reader.outputs) if reader.conditional else (),
        given=_given_only(reader),
        leading=_leading(reader) or _formatted_leading(reader.text(0, len(meaningful))),
        arithmetic=_arithmetic(reader),
        literal=(reader.conditional and not reader.varying)
        or (
            single
            and first is not None
            and (
                (first.literal and not reader.calls)
                or (first.translated and reader.calls == [first.path])
            )
        ),
    )


_SIGNS = frozenset({"-", "+"})


def _arithmetic(reader: _Reader) -> bool:
    """Whether the value is a number made by top-level arithmetic: a subtraction, a
    division or a power (`k.month - 1`, `-offset`: Python gives a number or raises), or
    `+`, `*` or `%` with every operand a number (`timeout|int * 60`, `count|length + 1`)."""
    operators = set(reader.top_operators)
    if not operators:
        return False
    if operators <= _NUMERIC_OPERATORS:
        return True
    return operators <= _ARITHMETIC and reader.numbers == reader.operands


def _whole_filters(reader: _Reader) -> tuple[str, ...]:
    """The filters applied to the whole value: those of its one operand (after a sign:
    `-x|abs` is `abs(-x)`), or those every operand an inline `if`, `or` or `and` may
    output ends with (`a|e if c else b|e`, `notes|markdown or _("None")`, constants and
    translations of literal messages aside). In Jinja a filter binds tighter than every operator (`jinja2/parser.py`,
    `parse_unary`): `a ~ b|e` escapes `b` only, and `not a|f` or `a|f is defined` is a
    boolean, so neither has filters of its own."""
    if reader.operands == 1 and set(reader.top_operators) <= _SIGNS:
        return tuple(reader.top_filters)
    chains = {filters for _, filters in reader.held}
    if set(reader.top_operators) & _CHOOSING and not reader.joined and len(chains) == 1:
        return chains.pop()
    return ()


_TEXT_KEEPING = frozenset({"~", "+", "or", "and", "if", "else"})
"""Operators whose value is one of their operands or holds its text (`x ~ "!"`, `x or
""`, `x if x else "-"`), not a number or a boolean made of it."""


def text_operands(tokens: list[RawToken], source: str) -> tuple[str, ...]:
    """The sources of the operands whose text the value of `tokens` is or holds: the value
    itself when it is one operand (`x|trim`, `_(x)`), or each operand not a constant when
    only `~`, `+`, `or`, `and` or an inline `if` join them (`page.title ~ " (draft)"`,
    `name or "anonymous"`, `url ~ anchor`); none for any other expression (`not x`, `x
    == y`, a literal)."""
    reader = _Reader([t for t in tokens if t.kind != "whitespace"], source)
    reader.expression(0)
    if not set(reader.top_operators) <= _TEXT_KEEPING:
        return ()
    return tuple(text for text, _ in reader.held)


def _given_only(reader: _Reader) -> tuple[str, ...]:
    """The names read only as arguments of filters whose argument never begins their
    result (each occurrence in `reader.given`, none elsewhere)."""
    counts: dict[str, int] = {}
    for name in reader.names:
        counts[name] = counts.get(name, 0) + 1
    for name in reader.given:
        counts[name] -= 1
    return tuple(name for name in dict.fromkeys(reader.given) if counts[name] == 0)


def _leading(reader: _Reader) -> str:
    """The path of the first operand of a top-level concatenation (`+`, `~`) with no
    inline `if`, when that operand has no filters of its own."""
    first = reader.first
    if reader.conditional or first is None or first.filters or reader.operands < 2:
        return ""
    return first.path if reader.joiner in _CONCATENATIONS else ""


_FIRST_PLACEHOLDERS = {"%": ("%s",), "format": ("{}", "{0}")}
"""How a format string begins when its first value opens the text: `%s` for `%`,
`{}` or `{0}` for `.format()`."""


def _formatted_leading(text: str) -> str:
    """The path that fills the placeholder a format string begins with, so that its text
    begins the output: `'%s/edit' % (request.base_url, c.id)`, `'%s/' % request.url`,
    `'{}/edit'.format(request.url)`; "" for any other expression (a filter applied to the
    whole, `'%s' % x | f`, is a bitwise or to Python, and no format)."""
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return ""
    if isinstance(tree, ast.BinOp) and isinstance(tree.op, ast.Mod):
        form, values, kind = tree.left, tree.right, "%"
        first = values.elts[0] if isinstance(values, ast.Tuple) and values.elts else values
    elif (
        isinstance(tree, ast.Call)
        and isinstance(tree.func, ast.Attribute)
        and tree.func.attr == "format"
        and tree.args
    ):
        form, first, kind = tree.func.value, tree.args[0], "format"
    else:
        return ""
    if not (isinstance(form, ast.Constant) and isinstance(form.value, str)):
        return ""
    if not form.value.startswith(_FIRST_PLACEHOLDERS[kind]):
        return ""
    return _dotted_path(first)


def _dotted_path(node: ast.expr) -> str:
    """`request.base_url` for a chain of attributes of a name, "" for anything else."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    return ".".join([node.id, *reversed(parts)])


_COUNTED = {"ngettext": 2, "npgettext": 3}
"""Where the count stands among the arguments of the plural i18n functions."""


def _constants_filled_in(call: str) -> bool:
    """Whether an i18n call given a literal message (`ngettext('%(num)d item',
    '%(num)d items', count, kind='x')`) fills in constants only: the keyword arguments,
    what a newstyle gettext puts into the message; a count chooses the message, and
    only a newstyle one writes it, escaped."""
    try:
        tree = ast.parse(call.replace("~", "+"), mode="eval").body
    except SyntaxError:
        return False
    if not isinstance(tree, ast.Call) or not isinstance(tree.func, ast.Name):
        return False
    counted = _COUNTED.get(tree.func.id)
    given = [
        *(a for i, a in enumerate(tree.args) if i != counted),
        *(k.value for k in tree.keywords),
    ]
    return all(
        not isinstance(node, ast.Name) or node.id in _CONSTANT_NAMES
        for value in given
        for node in ast.walk(value)
    )


def _translates(path: str) -> bool:
    """A translation function by its name: `_`, `gettext`, `_gettext`, `lazy_gettext`."""
    return path == "_" or path.rsplit(".", 1)[-1].endswith("gettext")
