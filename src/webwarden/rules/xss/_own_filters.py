"""A `|safe` right after a filter the project defines, and what the template gives it.

`{{ user.email|avatar(16, css_class="round")|safe }}`: the finding is tagged with the
filter's name and, for each argument the template gives it (by position from `1`, the
operand being `0`, or by keyword), whether it is a literal; the project step then asks
whether the filter returns text made only of inert parts and of those literals
(`TemplateModel.inert_filter`).
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.templates.build import TemplateModel
from webwarden.model.templates.translations import filter_name, parsed_expression
from webwarden.parse.templates import Dialect, FilterUse, ParsedTemplate

TAG = "own-filter:"
"""Tags a finding on a `|safe` right after a filter, with the filter's name and its
arguments: `own-filter:avatar:1=1,css_class=1` (`=1` a literal, `=0` anything else)."""


def given_arguments(
    template: ParsedTemplate, use: FilterUse, uses: tuple[FilterUse, ...]
) -> str | None:
    """The tag for `use` (a `|safe`) when a filter comes right before it whose arguments
    are all known; None otherwise (`*args`, `**kwargs`, an operand Python cannot read)."""
    if not use.after:
        return None
    name = use.after[-1]
    given: dict[str, bool] | None
    if template.dialect is Dialect.DJANGO:
        given = _django_arguments(use, uses, name)
    else:
        given = _jinja_arguments(use.operand, name)
    if given is None:
        return None
    return TAG + name + ":" + ",".join(f"{key}={int(literal)}" for key, literal in given.items())


def _jinja_arguments(operand: str, name: str) -> dict[str, bool] | None:
    tree = parsed_expression(operand)
    if not (
        isinstance(tree, ast.BinOp)
        and isinstance(tree.op, ast.BitOr)
        and filter_name(tree.right) == name
    ):
        return None
    call = tree.right
    if not isinstance(call, ast.Call):
        return {}
    if any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    ):
        return None
    given = {str(at): _literal(value) for at, value in enumerate(call.args, start=1)}
    given.update((k.arg, _literal(k.value)) for k in call.keywords if k.arg)
    return given


def _django_arguments(
    use: FilterUse, uses: tuple[FilterUse, ...], name: str
) -> dict[str, bool] | None:
    """Django's one argument of the filter before `use`: `x|avatar:16|safe`."""
    at = next((index for index, other in enumerate(uses) if other is use), 0)
    before = uses[at - 1] if at else None
    if before is None or before.name != name:
        return None
    if before.constant is not None:
        return {"1": True}
    return {"1": False} if before.arguments else {}


def _literal(node: ast.expr) -> bool:
    """A literal written in the template: a string, a number, `True`, `none`, or a list
    or tuple of such."""
    match node:
        case ast.Constant():
            return True
        case ast.UnaryOp(op=ast.USub(), operand=ast.Constant()):
            return True
        case ast.Name(id=word):
            return word in {"True", "False", "None", "true", "false", "none"}
        case ast.List(elts=items) | ast.Tuple(elts=items):
            return all(map(_literal, items))
    return False


def inert_filter_output(model: TemplateModel, finding: Finding) -> bool:
    """The finding's `|safe` follows a filter of the project (its tag) whose returned
    text is made of inert parts and of the literals the template gives it."""
    for tag in finding.tags:
        if not tag.startswith(TAG):
            continue
        name, _, arguments = tag.removeprefix(TAG).partition(":")
        given = {
            key: flag == "1"
            for key, _, flag in (each.partition("=") for each in arguments.split(",") if each)
        }
        return model.inert_filter(name, given)
    return False
