"""Values a Jinja template marks safe that are markup its author wrote or Jinja escaped."""

from __future__ import annotations

import ast
import re

_CALLER = re.compile(r"\s*caller\s*\(.*\)\s*$", re.DOTALL)
"""A macro's `caller()`: the `{% call %}` block rendered with autoescape on, `Markup`
whose values were escaped already, so `|safe` changes nothing."""


def authored_markup(operand: str) -> bool:
    """Whether a Jinja operand marked safe is a macro's `caller()`, or string literals
    joined (`+`, `~`) with links `url_for` builds from literals alone (`'<a href="' +
    url_for(".support") + '">contact us</a>'`): a path of the app's own routes, not the
    request's (`_external` takes the Host header, and is left out)."""
    if _CALLER.match(operand):
        return True
    try:
        tree = ast.parse(f"({operand.strip().replace('~', '+')})", mode="eval")
    except SyntaxError:
        return False
    return _joined_literals(tree.body) and any(_own_link(n) for n in ast.walk(tree.body))


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
