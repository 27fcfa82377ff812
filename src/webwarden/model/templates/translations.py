"""Jinja expressions whose value is a translation of the author's message with values
put into it, by keyword (`_('%(n)s wrote', n=user)`), `.format()`, `%`, the `format`
filter, `~` or `+`.

Jinja's i18n functions installed newstyle return `Markup` under autoescape (see
`gettext_styles`): the keyword arguments they fill in with `%` are escaped, and so is
what `.format()`, `%`, `format`, `~` or `+` add to that `Markup`, unless it is `Markup`
already. A `|safe` on such a value changes nothing: `Markup` a helper or a macro
returned is that function's own question, and a value the template marks safe itself
(`x|safe`, `Markup(x)`) is kept as it is (`escaping_translation`). Installed plainly,
they return a `str` that writes the values as they came: safe only when each is
escaped, a constant or markup the template rendered itself (`escaped_translation`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.parse.templates.jinja_python import python_source

GETTEXT_MESSAGES = {"_": 1, "gettext": 1, "ngettext": 2, "pgettext": 2, "npgettext": 3}
"""The i18n extension's functions, with how many literals (the context, the messages)
they take first."""
_MARKING = frozenset({"safe", "Markup", "markup"})
"""Jinja's `safe` filter, and `Markup` where a project makes it a global."""
ESCAPING_FILTERS = frozenset({"e", "escape", "forceescape", "urlencode", "tojson"})
"""Jinja's filters whose result holds no markup of the value they are given."""
CONSTANT_NAMES = frozenset({"true", "false", "none", "True", "False", "None"})
"""Jinja's constants, as Python reads them (names)."""


def escaping_translation(operand: str) -> frozenset[str]:
    """The i18n functions a Jinja operand calls when, installed newstyle, its value is
    a translation of the author's literal message with every value put into it escaped:
    `_('{actor} joined').format(actor=name)`, `gettext('%(n)s wrote', n=user)`, `(_('By')
    ~ ' ' ~ author)`, `ngettext('%(num)d item', '%(num)d items', n)`. Empty for any other
    operand, or one where a value put in is marked safe (`.format(body=body|safe)`)."""
    tree = _parsed(operand)
    return (_translation(tree, _unmarked) if tree is not None else None) or frozenset()


def escaped_translation(operand: str, own: frozenset[str] = frozenset()) -> bool:
    """Whether a Jinja operand is a translation of the author's literal message every
    value put into which is escaped in the template, a constant or one of `own`, names
    the template bound to markup it rendered itself (`_('%(model)s', model=name|e)`,
    `icon=menu_icon` after `{% set menu_icon %}<i></i>{% endset %}`): its text is the
    author's and the escaped values, however the project installs gettext."""
    tree = _parsed(operand)
    return tree is not None and bool(_translation(tree, lambda value: _escaped(value, own)))


def _parsed(operand: str) -> ast.expr | None:
    if not any(f"{name}(" in operand for name in GETTEXT_MESSAGES):
        return None
    return parsed_expression(operand)


def parsed_expression(text: str) -> ast.expr | None:
    """A Jinja expression read as Python's (`~` as `+`, a filter as `|`), grouped as Jinja
    groups it (`a ~ b|e` is `a + (b|e)`, see `jinja_python`); None when Python cannot
    read it."""
    source = python_source(text)
    if source is None:
        return None
    try:
        return ast.parse(f"({source}\n)", mode="eval").body
    except SyntaxError:
        return None


def _translation(node: ast.expr, accepts: Callable[[ast.expr], bool]) -> frozenset[str] | None:
    """The i18n functions `node` calls when it is a translation every value put into
    which `accepts`, else None."""
    if isinstance(node, ast.Call):
        return _called(node, accepts)
    if not isinstance(node, ast.BinOp):
        return None
    if isinstance(node.op, ast.Mod) or (
        isinstance(node.op, ast.BitOr) and filter_name(node.right) == "format"
    ):
        # NOTE: `Markup % values` escapes them, as Jinja's `format` filter does.
        found = _translation(node.left, accepts)
        return found if found and accepts(node.right) else None
    if isinstance(node.op, ast.Add):
        # NOTE: `Markup + text`, `text + Markup` and Jinja's `~` beside `Markup` escape it.
        left, right = _translation(node.left, accepts), _translation(node.right, accepts)
        if left is None and right is None:
            return None
        if (left is None and not accepts(node.left)) or (right is None and not accepts(node.right)):
            return None
        return (left or frozenset()) | (right or frozenset())
    return None


def _called(call: ast.Call, accepts: Callable[[ast.expr], bool]) -> frozenset[str] | None:
    func = call.func
    given = [*call.args, *(keyword.value for keyword in call.keywords)]
    if isinstance(func, ast.Name) and func.id in GETTEXT_MESSAGES:
        literals = GETTEXT_MESSAGES[func.id]
        messages = call.args[:literals]
        if len(messages) < literals or not all(is_string(m) for m in messages):
            return None
        return frozenset({func.id}) if all(accepts(v) for v in given[literals:]) else None
    if isinstance(func, ast.Attribute) and func.attr == "format":
        found = _translation(func.value, accepts)
        return found if found and all(accepts(v) for v in given) else None
    return None


def _escaped(node: ast.expr, own: frozenset[str]) -> bool:
    """A value that writes no markup of its own but the template's: a constant, a name
    of `own`, a value an escaping filter ends (`name|e`), a URL `url_for` builds of
    literals, a translation given only such values, or a choice or join of those."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id in CONSTANT_NAMES or node.id in own
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return filter_name(node.right) in ESCAPING_FILTERS
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _escaped(node.left, own) and _escaped(node.right, own)
    if isinstance(node, ast.IfExp):
        return _escaped(node.body, own) and _escaped(node.orelse, own)
    if isinstance(node, ast.Tuple | ast.List):
        return all(_escaped(item, own) for item in node.elts)
    if isinstance(node, ast.Dict):
        return all(_escaped(value, own) for value in node.values)
    if isinstance(node, ast.Call) and filter_name(node.func) == "url_for":
        # NOTE: the app's own path, percent-encoded; `_external` takes the Host header.
        keywords = [k for k in node.keywords if k.arg != "_external"]
        values = [*node.args, *(k.value for k in keywords)]
        return len(keywords) == len(node.keywords) and all(
            isinstance(v, ast.Constant) for v in values
        )
    return isinstance(node, ast.Call) and bool(_translation(node, lambda v: _escaped(v, own)))


def is_string(node: ast.expr) -> bool:
    """A string literal."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def filter_name(node: ast.expr) -> str:
    """The name of a Jinja filter read as Python's `|` operand (`format(x)` -> `format`)."""
    if isinstance(node, ast.Call):
        node = node.func
    return node.id if isinstance(node, ast.Name) else ""


def _unmarked(node: ast.expr) -> bool:
    """No part of `node` is marked safe in the template (`x|safe`, `Markup(x)`)."""
    for part in ast.walk(node):
        if isinstance(part, ast.BinOp) and isinstance(part.op, ast.BitOr):
            if filter_name(part.right) in _MARKING:
                return False
        elif isinstance(part, ast.Call):
            func = part.func
            name = func.attr if isinstance(func, ast.Attribute) else filter_name(func)
            if name in _MARKING:
                return False
    return True
