"""The nodes of what a view, hook or helper runs when it is called, without its header."""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def body_nodes(definition: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `definition`'s body, breadth first as `ast.walk` gives them, without
    its header: a function's decorators, parameter defaults and annotations, a class's
    decorators, bases and keywords, and the decorators, defaults and annotations of the
    methods a class defines. Python evaluates those once, where the `def` or `class`
    stands, not when a request runs the view (`@bp.route(...)`, `@limiter.limit("5/minute",
    exempt_when=lambda: current_user.is_authenticated)`); the decorators are read apart
    (`DecoratorFact`). A function defined inside a body keeps its header: the body
    evaluates it each time it runs. Any other node is walked whole."""
    if not isinstance(definition, (*_FUNCTIONS, ast.ClassDef)):
        yield from ast.walk(definition)
        return
    methods = {
        id(statement): statement
        for statement in definition.body
        if isinstance(definition, ast.ClassDef) and isinstance(statement, _FUNCTIONS)
    }
    todo: deque[ast.AST] = deque(definition.body)
    while todo:
        node = todo.popleft()
        method = methods.get(id(node))
        todo.extend(method.body if method is not None else ast.iter_child_nodes(node))
        yield node
