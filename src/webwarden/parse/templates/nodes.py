"""The dialect-neutral shape of a parsed template: nodes with exact source positions.

Both parsers (Jinja2's own lexer and parser, and Django's documented tokenizer rules)
produce the same `Node` list, so the HTML context and the rules never ask which
language a template is written in, except to word a fix.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Dialect(enum.StrEnum):
    """The template language of a file."""

    JINJA = "jinja"
    DJANGO = "django"


class NodeKind(enum.StrEnum):
    """What a piece of template source is."""

    TEXT = "text"
    """Literal output (HTML); also the inside of `{% raw %}` / `{% verbatim %}`."""
    VAR = "var"
    """An output expression: `{{ ... }}`."""
    TAG = "tag"
    """A statement: `{% ... %}` (or a Jinja line statement)."""
    COMMENT = "comment"


ARGUMENT_LEADS = frozenset(
    {
        # Jinja's built-ins
        "default",
        "d",
        "format",
        "replace",
        "join",
        "indent",
        # Django's built-ins
        "default_if_none",
        "add",
        "yesno",
        "pluralize",
        "date",
        "time",
    }
)
"""Built-in filters whose argument may begin their result: a fallback (`next|default(x)`),
a format or replacement that writes it (`'%s'|format(x)`, `'a'|replace('a', x)`), a
separator or indentation put first (`['', b]|join(x)`, `s|indent(x, first=true)`),
Django's `''|add:x`, the text `yesno`/`pluralize` pick from it and the literal text a
`date`/`time` format may hold. Other filters' arguments (a project's
`'#'|urlparams(q=query)`) are judged like a call's: what the filter returns decides how
the output begins, not what it is given."""


@dataclass(frozen=True, slots=True)
class FilterUse:
    """One filter applied in an expression: `value|name`."""

    name: str
    operand: str
    """The source of what the filter applies to (`user.bio` in `user.bio|safe`)."""
    root: str | None
    """The first name of the operand (`user`), None for literals and calls."""
    literal: bool = False
    """The operand is a string or number literal written in the template."""
    after: tuple[str, ...] = ()
    """Filters applied to the operand before this one (`striptags` in `x|striptags|safe`)."""
    arguments: tuple[str, ...] = ()
    """Variables passed to the filter (Django's `x|highlight:term` passes `term`)."""
    constant: str | None = None
    """Django: the literal passed to the filter, as written (`"safe"` of `x|markdown:"safe"`,
    `True` of `x|markdown:True`, `20` of `x|truncate:20`)."""
    names: tuple[str, ...] = ()
    """Jinja: every dotted variable the operand reads (`name` of
    `"<b>{}</b>".format(name)|safe`, `user` of `(user.bio)|safe`)."""


@dataclass(frozen=True, slots=True)
class Expression:
    """What an expression of a `{{ }}` or a tag reads and applies."""

    text: str
    path: str = ""
    """The dotted variable the expression starts with (`request.GET.q`), "" if none."""
    filters: tuple[str, ...] = ()
    """Filters applied last to the whole output, in order (`x|upper|safe` -> upper, safe)."""
    uses: tuple[FilterUse, ...] = ()
    """Every filter anywhere in the expression (also inside call arguments)."""
    calls: tuple[str, ...] = ()
    """Dotted names called in the expression (Jinja: `Markup(x)`, `form.hidden_tag()`)."""
    names: tuple[str, ...] = ()
    """Every dotted variable path read by the expression."""
    literal: bool = False
    """The expression is a single string or number literal."""
    leading: str = ""
    """The dotted variable a concatenation starts with (`request.url ~ '?raw=1'`, with
    `+` too), or that fills the placeholder a Jinja format string begins with (`'%s/edit'
    % (request.url, n)`, `'{}/edit'.format(request.url)`), "" for other expressions: it
    decides how the output begins."""
    choices: tuple[str, ...] = ()
    """The texts of the operands a top-level inline `if` may output that are not
    constants (`page.id if page else "null"` -> `page.id`); empty for other expressions."""
    arithmetic: bool = False
    """Jinja: the expression is a subtraction, a division or a power at its top level
    (`k.month - 1`, `-offset`, `done / total`): Python gives a number or raises (a
    string has no `-`, `/` or `**`); `+`, `*` or `%`, which join, repeat or format
    text, only when every operand is a number (a number literal, or an operand whose
    last filter gives one: `minutes|int * 60`)."""
    given: tuple[str, ...] = ()
    """The dotted variables read only as the arguments of filters that never put an
    argument at the start of their result (`'#'|urlparams(q=query)` -> `query`;
    not `default`'s, `format`'s, `replace`'s, Django's `add`'s): they do not decide how the
    output begins."""

    @property
    def root(self) -> str | None:
        """The first name of `path`."""
        return self.path.split(".", 1)[0] if self.path else None


@dataclass(frozen=True, slots=True)
class Node:
    """One token of the template with its span (0-based offsets, 1-based line/column)."""

    kind: NodeKind
    start: int
    end: int
    line: int
    column: int
    content: str
    """TEXT: the text; VAR/TAG/COMMENT: the inside, stripped of delimiters and spaces."""
    tag: str = ""
    """TAG: the tag name (`if`, `endfor`, `csrf_token`)."""
    expression: Expression | None = None
    """VAR: the output expression; TAG: the expression of its arguments."""
    args: tuple[str, ...] = field(default=())
    """TAG: the arguments split as the dialect splits them."""

    @property
    def constant_name(self) -> str | None:
        """The template name a statement names as its first argument (`"base.html"` of
        `{% extends "base.html" %}`, `{% import "lib.html" as lib %}`), None when it is
        no string literal."""
        first = self.args[0] if self.args else ""
        if len(first) >= 2 and first[0] == first[-1] and first[0] in "\"'":
            return first[1:-1]
        return None
