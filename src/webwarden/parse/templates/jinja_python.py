"""A Jinja expression written as Python source with Jinja's own grouping made explicit.

Rules that read an expression with Python's `ast` (a translation's keywords, a literal
`%`-formatted, a conditional's branches) would otherwise read it with Python's operator
precedence, where `|` binds looser than `+`, `-`, `*`, `%` and `~` (read as `+`). In
Jinja (`jinja2/parser.py`) a filter or a test binds tighter than every binary operator:
`parse_unary` reads the operand, its attributes, items and calls, then its filters and
tests, before `parse_pow`, `parse_math2`, `parse_concat`, `parse_math1` and
`parse_compare` join operands. So `a ~ b|e` is `a ~ (b|e)`, `x + y|safe` is `x +
(y|safe)`, `not a|f` is `not (a|f)`, `a if c else b|safe` marks `b` only, and `x ~ y is
defined` tests `y`. The source written here parenthesises each operand with its filters
and tests (`(b | e)`: still Python's `BitOr` with the filter on the right, as readers
expect), each `~` concatenation (`(a + b)`: in Jinja `~` binds tighter than `+` and `-`),
each signed operand and each power (Jinja's `**` is left-associative, `-2 ** 2` is `(-2)
** 2`), and writes a test's bare argument as a call (`x is sameas false` -> `x is
sameas(false)`) and an item read with a dot as one read with brackets (`x.0` -> `x[0]`).
What is not an expression (`=` and `,` between a tag's arguments) is kept as written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from webwarden.parse.templates.jinja_expr import RawToken

_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "if", "else"})
"""Names Jinja's grammar reads as operators where they stand, never as a variable."""
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_ARGUMENT_STARTS = frozenset({"name", "string", "integer", "float"})
_ADDING = frozenset({"+", "-"})
_JOINING = frozenset({"~"})
_MULTIPLYING = frozenset({"*", "/", "//", "%"})
_POWER = frozenset({"**"})
_Read = Callable[[], "str | None"]


@lru_cache(maxsize=4096)
def python_source(text: str) -> str | None:
    """`text` (a Jinja expression, or a tag's arguments) as Python source grouped as Jinja
    groups it; None when Jinja's lexer cannot read it."""
    from webwarden.parse.templates.jinja import expression_tokens

    tokens = expression_tokens(text)
    if tokens is None:
        return None
    return _Writer(tokens).everything()


@dataclass(slots=True)
class _Writer:
    tokens: list[RawToken]
    pos: int = 0

    def _at(self, value: str, offset: int = 0) -> bool:
        index = self.pos + offset
        if index >= len(self.tokens):
            return False
        token = self.tokens[index]
        return token.value == value and token.kind in ("operator", "name")

    def _kind(self) -> str:
        return self.tokens[self.pos].kind if self.pos < len(self.tokens) else ""

    def everything(self) -> str:
        """Every expression in turn, and what lies between them as written."""
        parts: list[str] = []
        while self.pos < len(self.tokens):
            expression = self.condition()
            if expression is None:
                parts.append(self._verbatim())
            else:
                parts.append(expression)
        return " ".join(parts)

    def _verbatim(self) -> str:
        token = self.tokens[self.pos]
        self.pos += 1
        return "+" if token.value == "~" and token.kind == "operator" else token.value

    def condition(self) -> str | None:
        chosen = self._or()
        if chosen is None:
            return None
        while self._at("if"):
            self.pos += 1
            test = self._or() or "None"
            otherwise = "None"
            if self._at("else"):
                self.pos += 1
                otherwise = self.condition() or "None"
            chosen = f"({chosen} if {test} else {otherwise})"
        return chosen

    def _joined(self, word: str, part: str | None, read_next: _Read) -> str | None:
        while part is not None and self._at(word):
            self.pos += 1
            right = read_next()
            if right is None:
                return part
            part = f"{part} {word} {right}"
        return part

    def _or(self) -> str | None:
        return self._joined("or", self._and(), self._and)

    def _and(self) -> str | None:
        return self._joined("and", self._not(), self._not)

    def _not(self) -> str | None:
        if self._at("not"):
            self.pos += 1
            operand = self._not()
            return None if operand is None else f"(not {operand})"
        return self._compare()

    def _compare(self) -> str | None:
        left = self._math1()
        while left is not None:
            if (
                self.pos < len(self.tokens)
                and self.tokens[self.pos].kind == "operator"
                and (self.tokens[self.pos].value in _COMPARISONS)
            ):
                operator = self._verbatim()
            elif self._at("in"):
                self.pos += 1
                operator = "in"
            elif self._at("not") and self._at("in", 1):
                self.pos += 2
                operator = "not in"
            else:
                break
            right = self._math1()
            if right is None:
                return left
            left = f"{left} {operator} {right}"
        return left

    def _binary(self, operators: frozenset[str], read: _Read) -> str | None:
        left = read()
        while left is not None and any(self._at(op) for op in operators):
            operator = self._verbatim()
            right = read()
            if right is None:
                return left
            left = f"({left} {operator} {right})"
        return left

    def _math1(self) -> str | None:
        return self._binary(_ADDING, self._concat)

    def _concat(self) -> str | None:
        return self._binary(_JOINING, self._math2)

    def _math2(self) -> str | None:
        return self._binary(_MULTIPLYING, self._pow)

    def _pow(self) -> str | None:
        return self._binary(_POWER, self._unary)

    def _unary(self, *, with_filters: bool = True) -> str | None:
        if self._at("-") or self._at("+"):
            sign = self._verbatim()
            operand = self._unary(with_filters=False)
            if operand is None:
                return None
            node = f"({sign}{operand})"
        else:
            primary = self._primary()
            if primary is None:
                return None
            node = primary
        node = self._postfix(node)
        return self._filters(node) if with_filters else node

    def _primary(self) -> str | None:
        kind = self._kind()
        if kind == "name" and self.tokens[self.pos].value not in _KEYWORDS:
            return self._verbatim()
        if kind == "string":
            strings = [self._verbatim()]
            while self._kind() == "string":
                strings.append(self._verbatim())
            return " ".join(strings)
        if kind in ("integer", "float"):
            return self._verbatim()
        if kind == "operator" and self.tokens[self.pos].value in _OPENERS:
            return self._bracketed()
        return None

    def _bracketed(self) -> str:
        """A parenthesised expression, a display, a call's arguments or an item's key."""
        closer = _OPENERS[self._verbatim()]
        opener = {v: k for k, v in _OPENERS.items()}[closer]
        parts: list[str] = []
        while self.pos < len(self.tokens) and not self._at(closer):
            expression = self.condition()
            parts.append(self._verbatim() if expression is None else expression)
        if self._at(closer):
            self.pos += 1
        return opener + " ".join(parts) + closer

    def _postfix(self, node: str) -> str:
        while True:
            if self._at(".") and self.pos + 1 < len(self.tokens):
                attribute = self.tokens[self.pos + 1]
                if attribute.kind == "integer":
                    node = f"{node}[{attribute.value}]"  # NOTE: Jinja's `x.0` is `x[0]`
                elif attribute.kind == "name":
                    node = f"{node}.{attribute.value}"
                else:
                    return node
                self.pos += 2
            elif self._at("[") or self._at("("):
                node += self._bracketed()
            else:
                return node

    def _dotted_name(self) -> str:
        name = self._verbatim() if self._kind() == "name" else ""
        while self._at(".") and self.pos + 1 < len(self.tokens):
            if self.tokens[self.pos + 1].kind != "name":
                break
            name += "." + self.tokens[self.pos + 1].value
            self.pos += 2
        return name

    def _filters(self, node: str) -> str:
        while True:
            if self._at("|") and self.pos + 1 < len(self.tokens):
                self.pos += 1
                name = self._dotted_name()
                arguments = self._bracketed() if self._at("(") else ""
                node = f"({node} | {name}{arguments})"
            elif self._at("is"):
                self.pos += 1
                negated = " not" if self._at("not") else ""
                self.pos += 1 if negated else 0
                name = self._dotted_name()
                node = f"({node} is{negated} {name}{self._test_argument()})"
            elif self._at("("):
                node += self._bracketed()
            else:
                return node

    def _test_argument(self) -> str:
        """A test's arguments: in parentheses, or one operand written after its name
        (`divisibleby 3`), read as a call's."""
        if self._at("("):
            return self._bracketed()
        kind = self._kind()
        starts = kind in _ARGUMENT_STARTS or any(self._at(o) for o in ("[", "{"))
        if not starts or any(self._at(word) for word in ("else", "or", "and")):
            return ""
        primary = self._primary()
        return "" if primary is None else f"({self._postfix(primary)})"
