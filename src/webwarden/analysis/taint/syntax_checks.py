"""Template sources compiled only to check their syntax.

`Template(text)` as a statement, or `Template(text).render(Context({}))` whose output is
dropped, is how a form or serializer refuses text that Django's template engine cannot
parse (`except TemplateSyntaxError: raise ValidationError(...)`). Django's template
language calls nothing with arguments and reads only its context: rendered with an empty
one and the output dropped, the text shows nothing and runs nothing. Jinja2's and Mako's
templates reach Python objects without any context, so only Django's are meant.

`re.compile(text)` (or the `regex` package's) as a statement, its pattern dropped, is how
code refuses text that is no valid regular expression (`except re.error:`): nothing is
matched with it there, so no input can make it backtrack.
"""

from __future__ import annotations

import ast

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.django_templates import DJANGO_TEMPLATE_CLASSES
from webwarden.analysis.taint.lower_expr import Scope, lower

_DJANGO_CONTEXTS = frozenset({"django.template.Context", "django.template.context.Context"})
_REGEX_COMPILES = frozenset({"re.compile", "regex.compile"})


def checked_source(statement: ast.Expr, scope: Scope) -> ast.expr | None:
    """The source of a Django template the statement compiles only to check it:
    `Template(text)`, or `Template(text).render(Context({}))` (also `Context()`); or the
    pattern of a regular expression compiled and dropped, `re.compile(text[, flags])`."""
    value = statement.value
    if (
        isinstance(value, ast.Call)
        and 1 <= len(value.args) <= 2
        and not any(isinstance(a, ast.Starred) for a in value.args)
        and all(k.arg == "flags" for k in value.keywords)
        and _named(value.func, scope, _REGEX_COMPILES)
    ):
        return value.args[0]
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "render"
        and isinstance(value.func.value, ast.Call)
    ):
        if not (len(value.args) == 1 and not value.keywords and _empty(value.args[0], scope)):
            return None
        value = value.func.value
    if not (isinstance(value, ast.Call) and _named(value.func, scope, DJANGO_TEMPLATE_CLASSES)):
        return None
    if len(value.args) != 1 or isinstance(value.args[0], ast.Starred) or value.keywords:
        return None
    return value.args[0]


def _empty(context: ast.expr, scope: Scope) -> bool:
    """`Context()`, `Context({})`: a context holding nothing."""
    if not (isinstance(context, ast.Call) and _named(context.func, scope, _DJANGO_CONTEXTS)):
        return False
    if context.keywords or len(context.args) > 1:
        return False
    given = context.args[0] if context.args else None
    return given is None or (isinstance(given, ast.Dict) and not given.keys)


def _named(func: ast.expr, scope: Scope, names: frozenset[str]) -> bool:
    made = lower(func, scope)
    return isinstance(made, ir.Global) and made.name in names
