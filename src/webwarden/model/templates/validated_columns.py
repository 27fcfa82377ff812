"""Columns a SQLAlchemy model cleans through a validator.

A template writes `{{ article.content|safe }}` where the model declares

    @validates("content")
    def validate_content(self, key, value):
        if value:
            return sanitize_html_fragment(value)
        return value

SQLAlchemy calls the method whenever the attribute is set (the constructor's keywords
too) and stores what it returns: the markup the sanitiser's allow-list kept. A bulk
`query.update(...)` or a Core `insert()` skips validators, which is not followed.
"""

from __future__ import annotations

import ast

from webwarden.model.templates.markup_methods import Returns, returns_markup

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def validator_cleaned(node: ast.ClassDef, returns: Returns) -> frozenset[str]:
    """The attributes a `@validates(...)` method of the class cleans: every value it
    returns is cleaned or escaped HTML, but for the value it was given returned as it
    came when that is empty (`if not value: return value`)."""
    found: set[str] = set()
    for statement in node.body:
        if not isinstance(statement, _Function):
            continue
        names = _validated(statement)
        if not names:
            continue
        given = _value_parameter(statement)
        returned = [
            value
            for value in returns.get(id(statement), [])
            if not (given and _empty_given(statement, value, given))
        ]
        if returned and returns_markup(statement, returned):
            found.update(names)
    return frozenset(found)


def _validated(function: _Function) -> tuple[str, ...]:
    """The attribute names of `@validates("a", "b")` (SQLAlchemy's, by name)."""
    for decorator in function.decorator_list:
        if not isinstance(decorator, ast.Call):
            continue
        callee = decorator.func
        name = callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
        if name == "validates":
            return tuple(
                arg.value
                for arg in decorator.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return ()


def _value_parameter(function: _Function) -> str:
    """The validator's value: its third parameter (`self, key, value`)."""
    params = [*function.args.posonlyargs, *function.args.args]
    return params[2].arg if len(params) == 3 else ""


def _empty_given(function: _Function, value: ast.expr | None, given: str) -> bool:
    """Whether `value` is a `return given` reached only when `given` is empty: the one
    statement under `if not given:`, or a statement of the body after an `if given:`
    whose block ends in a `return`."""
    if not (isinstance(value, ast.Name) and value.id == given):
        return False
    guarded = False
    for statement in function.body:
        if isinstance(statement, ast.Return) and statement.value is value:
            return guarded
        if not isinstance(statement, ast.If) or statement.orelse:
            continue
        test, body = statement.test, statement.body
        if _names(test, given) and body and isinstance(body[-1], ast.Return):
            guarded = True
        if (
            isinstance(test, ast.UnaryOp)
            and isinstance(test.op, ast.Not)
            and _names(test.operand, given)
        ):
            only = body[0] if len(body) == 1 else None
            if isinstance(only, ast.Return) and only.value is value:
                return True
    return False


def _names(node: ast.expr, given: str) -> bool:
    return isinstance(node, ast.Name) and node.id == given
