"""Values a Jinja template marks safe that are markup its author wrote or Jinja escaped."""

from __future__ import annotations

import ast
import re

from webwarden.model.percent_format import FORMAT_NUMERIC, conversions, format_fields, literal_text
from webwarden.model.templates.translations import parsed_expression
from webwarden.rules.xss._script import database_key, measure_name

_CALLER = re.compile(r"\s*caller\s*\(.*\)\s*$", re.DOTALL)
"""A macro's `caller()`: the `{% call %}` block rendered with autoescape on, `Markup`
whose values were escaped already, so `|safe` changes nothing."""


def authored_markup(operand: str, numbers: frozenset[str] = frozenset()) -> bool:
    """Whether a Jinja operand marked safe is a macro's `caller()`, or string literals
    joined (`+`, `~`) with links `url_for` builds from literals alone (`'<a href="' +
    url_for(".support") + '">contact us</a>'`): a path of the app's own routes, not the
    request's (`_external` takes the Host header, and is left out); or a literal
    formatted with numbers (see `_numbers_formatted`), or with `numbers`, the variables
    the template writes it only where they are numbers (`{% if n > 0 %}`), or with values
    named for a number (`"kept for {} days".format(limit_days)`), or with such
    links (`"<a href='%s'>" % url_for("category.form")`)."""
    if _CALLER.match(operand):
        return True
    tree = parsed_expression(operand)
    if tree is None:
        return False
    if _numbers_formatted(tree, numbers):
        return True
    return _joined_literals(tree) and any(_own_link(n) for n in ast.walk(tree))


def _numbers_formatted(node: ast.expr, numbers: frozenset[str]) -> bool:
    """A literal (or the translation of one) `%`-formatted or `.format()`ed with numbers
    only, or with such formatted text: `_('%s projects') % ('<span>%d</span>' %
    group.project_count)`, `"{} required<br>{} optional".format(a, b)` where `a` and
    `b` are in `numbers`. A `%d` or `{:.2f}` writes digits, or raises for a value that
    is not a number. A link `url_for` builds from literals alone is the author's text
    too (`"<a href='%s'>" % url_for("category.form")`): a path of the app's own routes,
    the same on every request."""
    found = conversions(node)
    if found is None:
        found = format_fields(node)
    return found is not None and all(
        kind in FORMAT_NUMERIC or (value is not None and _authored_text(value, numbers))
        for kind, value in found
    )


def _authored_text(node: ast.expr, numbers: frozenset[str]) -> bool:
    if ast.unparse(node).replace(" ", "") in numbers or _named_number(node):
        return True
    return literal_text(node) is not None or _own_link(node) or _numbers_formatted(node, numbers)


def _named_number(node: ast.expr) -> bool:
    """`limit_days`, `stats.open_count`, `row.id`: a variable or attribute path named for a
    number the app computed or a key the database made, as the value is judged when
    written alone (`{{ stats.open_count|safe }}`): filled into the author's literal, it
    writes digits too."""
    path = node
    while isinstance(path, ast.Attribute):
        path = path.value
    if not isinstance(path, ast.Name):
        return False
    dotted = ast.unparse(node)
    return measure_name(dotted) or database_key(dotted)


def _joined_literals(node: ast.expr) -> bool:
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _joined_literals(node.left) and _joined_literals(node.right)
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or _own_link(node)


def _own_link(node: ast.AST) -> bool:
    """`url_for("endpoint", key="literal")`, every argument a literal."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "url_for"
        and all(isinstance(a, ast.Constant) for a in node.args)
        and all(k.arg and k.arg != "_external" for k in node.keywords)
        and all(isinstance(k.value, ast.Constant) for k in node.keywords)
    )
