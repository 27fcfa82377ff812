"""Jinja translations of a message that is not the author's literal (`{{ _(item.title) }}`).

Jinja's i18n functions installed "newstyle" (see `gettext_styles`) return
`Markup(gettext(message)) % values` under autoescape: when the catalogue holds no
translation of the message, gettext hands the message back, and `Markup` marks it safe.
A translation of a variable writes the variable's text unescaped, as `|safe` would, and
so does whatever keeps that `Markup`: `~`, `+`, `%` after it, `Markup`'s own methods
(`.format()`, `.upper()`), the filters that return `Markup` of it (`escape` leaves a
`Markup` as it is), a call or a `{% set %}` that hands it on. A message that is the
author's own (a literal, a name the template binds only to literals, a translation of a
literal, a value escaped first: `_(key|e)`) writes the author's text.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from webwarden.model.templates.translations import (
    CONSTANT_NAMES,
    ESCAPING_FILTERS,
    GETTEXT_MESSAGES,
    escaping_translation,
    filter_name,
    parsed_expression,
)
from webwarden.parse.templates import NodeKind, ParsedTemplate
from webwarden.parse.templates.jinja_python import python_source
from webwarden.parse.templates.nodes import Node

MESSAGES_AT = {
    "_": (0,),
    "gettext": (0,),
    "ngettext": (0, 1),
    "pgettext": (1,),
    "npgettext": (1, 2),
}
"""Where each i18n function takes the messages it hands back when nothing translates them
(`pgettext`'s context and `ngettext`'s count only choose)."""
_KEEPING_FILTERS = frozenset(
    {
        *("capitalize", "center", "d", "default", "e", "escape", "format", "indent"),
        *("lower", "upper", "replace", "safe", "string", "trim", "truncate", "urlize"),
    }
)
"""Jinja's filters that return `Markup` when given `Markup` (`escape` leaves it as it is);
the others return a plain `str` (`striptags`, `title`, `wordwrap`), escape it
(`forceescape`, `urlencode`, `tojson`) or make a number or a list of it (`length`)."""
_KEEPING_METHODS = frozenset(
    {
        *("capitalize", "casefold", "center", "expandtabs", "format", "format_map", "ljust"),
        *("lower", "lstrip", "removeprefix", "removesuffix", "replace", "rjust", "rstrip"),
        *("strip", "swapcase", "title", "translate", "upper", "zfill"),
    }
)
"""`Markup`'s methods that return `Markup` of its text."""
_NUMBER_FILTERS = frozenset(
    {"length", "count", "wordcount", "int", "float", "abs", "round", "filesizeformat"}
)
"""Jinja's filters that write a number, whatever they are given."""
_URL_BUILDERS = frozenset({"url_for"})
"""Calls that percent-encode what they are given (`url_for('search', q=_(term))`)."""


@dataclass(frozen=True, slots=True)
class TranslatedMessage:
    """An i18n call whose message is not the author's, and what the message reads."""

    function: str
    message: str
    """The message argument as written (`item.title`)."""
    reads: tuple[str, ...]
    """The dotted variables whose text the message is (`messages.confirm` of
    `messages.confirm[kind]`: the key only chooses an item)."""


def translated_messages(
    expression: str,
    authored: frozenset[str] = frozenset(),
    quoting: Callable[[str], bool] = lambda callee: False,
) -> tuple[TranslatedMessage, ...]:
    """The i18n calls of a Jinja expression (or a tag's arguments: `title = _(x)`, `a=_(b),
    c=d`) whose message is not the author's and whose `Markup` the expression writes or
    hands on. `authored` names what the template binds only to the author's text;
    `quoting` tells the callees that write what they are given as quoted attribute
    values, a `"` in them replaced (a WTForms field: `form.title(placeholder=_(x))`)."""
    if not any(f"{name}(" in expression for name in GETTEXT_MESSAGES):
        return ()
    tree = _parsed(expression)
    if tree is None:
        return ()
    return tuple(_Finder(authored, quoting).found(tree, written=True))


def authored_value(node: ast.expr, authored: frozenset[str] = frozenset()) -> bool:
    """A value of the author's text alone: a literal, a name of `authored`, a value escaped
    first (`key|e`), a translation of a literal whose values are escaped, an item or a
    string method of such a value, a choice or a join of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id in CONSTANT_NAMES or node.id in authored
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        name = filter_name(node.right)
        return name in ESCAPING_FILTERS | _NUMBER_FILTERS or (
            name in _KEEPING_FILTERS and name != "safe" and authored_value(node.left, authored)
        )
    if isinstance(node, ast.BinOp):
        return authored_value(node.left, authored) and authored_value(node.right, authored)
    if isinstance(node, ast.IfExp):
        return authored_value(node.body, authored) and authored_value(node.orelse, authored)
    if isinstance(node, ast.BoolOp):
        return all(authored_value(value, authored) for value in node.values)
    if isinstance(node, ast.Tuple | ast.List):
        return all(authored_value(item, authored) for item in node.elts)
    if isinstance(node, ast.Dict):
        return all(authored_value(value, authored) for value in node.values)
    if isinstance(node, ast.Subscript):
        return authored_value(node.value, authored)
    if isinstance(node, ast.Call):
        return _authored_call(node, authored)
    return False


def _authored_call(call: ast.Call, authored: frozenset[str]) -> bool:
    if escaping_translation(ast.unparse(call)):
        return True  # NOTE: newstyle, what `.format()`, `%` or keywords put in is escaped
    func = call.func
    if isinstance(func, ast.Name) and func.id in MESSAGES_AT:
        messages = [call.args[i] for i in MESSAGES_AT[func.id] if i < len(call.args)]
        return all(authored_value(m, authored) for m in messages)
    if isinstance(func, ast.Attribute) and func.attr in _KEEPING_METHODS:
        given = [*call.args, *(keyword.value for keyword in call.keywords)]
        return authored_value(func.value, authored) and all(
            authored_value(value, authored) for value in given
        )
    return False


def _parsed(expression: str) -> ast.expr | None:
    text = python_source(expression)  # NOTE: grouped as Jinja groups it, `a ~ b|e`
    if text is None:
        return None
    for wrapped in (f"({text}\n)", f"_tag_({text}\n)"):
        # NOTE: a tag's arguments (`title = _(x)`, `a=_(b), c=d`) read as a call's.
        try:
            return ast.parse(wrapped, mode="eval").body
        except SyntaxError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class _Finder:
    authored: frozenset[str]
    quoting: Callable[[str], bool]

    def found(self, node: ast.AST, *, written: bool) -> Iterator[TranslatedMessage]:
        """The translations in `node` whose `Markup` reaches what it gives: `written`
        when its value is written as it is (not handed on inside a list or a dict)."""
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in MESSAGES_AT:
                found = _translation(node, self.authored)
                if found is not None:
                    yield found
                return
            if node.func.id == "_tag_":
                for value in (*node.args, *(k.value for k in node.keywords)):
                    yield from self.found(value, written=False)
                return
        yield from self._kept(node, written=written)

    def _kept(self, node: ast.AST, *, written: bool) -> Iterator[TranslatedMessage]:
        """What of `node`'s parts hands its `Markup` on to `node`'s value."""
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            name = filter_name(node.right)
            if name in _KEEPING_FILTERS:
                yield from self.found(node.left, written=written)
            if name in {"d", "default"} and isinstance(node.right, ast.Call):
                for value in node.right.args[:1]:
                    yield from self.found(value, written=written)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            yield from self.found(node.left, written=written)
            yield from self.found(node.right, written=written)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Mult):
            yield from self.found(node.left, written=written)
        elif isinstance(node, ast.IfExp):
            yield from self.found(node.body, written=written)
            yield from self.found(node.orelse, written=written)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                yield from self.found(value, written=written)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
            yield from self.found(node.value, written=written)
        elif isinstance(node, ast.Call):
            yield from self._handed_on(node)
        elif isinstance(node, ast.Tuple | ast.List | ast.Dict) and not written:
            # NOTE: written itself, a list is its `repr`, escaped; handed on, its items
            # are not.
            items = node.values if isinstance(node, ast.Dict) else node.elts
            for item in items:
                yield from self.found(item, written=False)

    def _handed_on(self, call: ast.Call) -> Iterator[TranslatedMessage]:
        """A method of `Markup` that keeps it, or a macro or a helper handed it."""
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _KEEPING_METHODS:
            yield from self.found(func.value, written=True)
        callee = _dotted(func)
        if callee.rsplit(".", 1)[-1] in _URL_BUILDERS or (callee and self.quoting(callee)):
            return
        for value in (*call.args, *(k.value for k in call.keywords)):
            yield from self.found(value, written=False)


def _translation(call: ast.Call, authored: frozenset[str]) -> TranslatedMessage | None:
    assert isinstance(call.func, ast.Name)  # noqa: S101 - checked by the caller
    name = call.func.id
    messages = [call.args[i] for i in MESSAGES_AT[name] if i < len(call.args)]
    if not messages or any(isinstance(m, ast.Starred) for m in messages):
        return None
    unauthored = [m for m in messages if not authored_value(m, authored)]
    if not unauthored:
        return None
    reads = tuple(dict.fromkeys(path for m in unauthored for path in _reads(m)))
    return TranslatedMessage(name, " ".join(ast.unparse(unauthored[0]).split()), reads)


def _reads(node: ast.expr) -> Iterator[str]:
    """The dotted variables whose text `node` gives (`a.b` of `a.b[k]`, `a.b.title` of
    `a.b.title()`), not those that only choose or test."""
    path = _dotted(node)
    if path:
        yield path
    elif isinstance(node, ast.Subscript):
        yield from _reads(node.value)
    elif isinstance(node, ast.Call):
        path = _dotted(node.func)
        if path:
            yield path
        if isinstance(node.func, ast.Attribute) and not path:
            yield from _reads(node.func.value)
    elif isinstance(node, ast.BinOp):
        yield from _reads(node.left)
        if not isinstance(node.op, ast.BitOr):
            yield from _reads(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _reads(node.body)
        yield from _reads(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _reads(value)


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return "" if node.id in CONSTANT_NAMES else node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else ""
    return ""


_OTHER_BINDINGS = frozenset({"macro", "call", "with", "import", "from"})
"""Tags that bind a name to what a caller, a block or another template gives."""


def authored_bindings(template: ParsedTemplate) -> dict[str, int]:
    """Names a Jinja template binds only to the author's text (`authored_value`), with
    where the first binding is: `{% set kind = "dataset" %}`, a block `{% set icon
    %}<i></i>{% endset %}` (markup it rendered, its outputs escaped), a loop over a
    display of such values (`{% for view, text in [("a", "A"), ("b", "B")] %}`) or
    over a name so bound."""
    first: dict[str, int] = {}
    varying: set[str] = set()
    for node in template.nodes:
        if node.kind is not NodeKind.TAG:
            continue
        if node.tag in _OTHER_BINDINGS:
            varying.update(node.args)
            continue
        if node.tag == "set" and len(node.args) == 1 and node.args[0].isidentifier():
            first.setdefault(node.args[0], node.start)
            continue
        targets, value = _bound(node)
        if not targets:
            continue
        known = frozenset(name for name in first if name not in varying)
        if value is not None and authored_value(value, known):
            for target in targets:
                first.setdefault(target, node.start)
        else:
            varying.update(targets)
    return {name: start for name, start in first.items() if name not in varying}


def _bound(node: Node) -> tuple[list[str], ast.expr | None]:
    """The names a `set` or `for` tag binds, and the value (an item of it, for a loop)."""
    text = node.expression.text if node.expression is not None else ""
    if node.tag == "set":
        target, equals, value = text.partition("=")
        names = [n.strip() for n in target.split(",")]
        if not equals or not all(n.isidentifier() for n in names):
            return [], None
        return names, parsed_expression(value)
    if node.tag != "for" or " in " not in text:
        return [], None
    target, _, source = text.partition(" in ")
    names = [n.strip(" ()") for n in target.split(",")]
    if " if " in source or source.rstrip().endswith("recursive"):
        return [n for n in names if n.isidentifier()], None
    return [n for n in names if n.isidentifier()], parsed_expression(source)
