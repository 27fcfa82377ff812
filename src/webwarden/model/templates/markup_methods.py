"""Which attributes of the project's classes are HTML their code escapes itself.

A template reads `{{ image.attribution_link|safe }}`: the attribute is a property or
method of a model in another module, which builds its markup with `format_html(...)`.
Read per class: every method (or property) named so, and whether each of its `return`s
gives escaped HTML; any other attribute of that name (a field, a class constant) gives
whatever was stored.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.templates.safe_marking import cleans_html

_Function = ast.FunctionDef | ast.AsyncFunctionDef


def markup_attributes(node: ast.ClassDef, *, judged: bool) -> Iterator[tuple[str, bool]]:
    """(name, whether it is escaped HTML) for each attribute the class body defines; none
    is unless `judged` (the module names an escaping call at all)."""
    for statement in node.body:
        if isinstance(statement, _Function):
            yield statement.name, judged and _returns_markup(statement)
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    yield target.id, False


def _returns_markup(function: _Function) -> bool:
    """Whether every `return` of the function gives escaped HTML (and one gives any)."""
    assigned: dict[str, list[ast.expr]] = {}
    returned: list[ast.expr | None] = []
    for child in ast.walk(function):
        if isinstance(child, ast.Assign):
            for target in child.targets:
                if isinstance(target, ast.Name):
                    assigned.setdefault(target.id, []).append(child.value)
        elif isinstance(child, ast.AugAssign | ast.AnnAssign | ast.For | ast.With):
            # NOTE: a name built up (`html += row`) or bound by a loop holds more than
            # its assignments show.
            for name in _bound(child):
                assigned.setdefault(name, []).append(ast.Constant(value=None))
        elif isinstance(child, ast.Return):
            returned.append(child.value)
    return bool(returned) and all(_markup(value, assigned, 0) for value in returned)


def _bound(node: ast.AugAssign | ast.AnnAssign | ast.For | ast.With) -> Iterator[str]:
    targets = [i.optional_vars for i in node.items] if isinstance(node, ast.With) else [node.target]
    for target in targets:
        if target is not None:
            yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))


def _markup(value: ast.expr | None, assigned: dict[str, list[ast.expr]], depth: int) -> bool:
    """Escaped HTML: a cleaning call (`format_html`, `escape`, `render_to_string`), a
    string literal, or a local only ever assigned such values."""
    if value is None or depth > 3:
        return False
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str)
    if isinstance(value, ast.IfExp):
        return all(_markup(v, assigned, depth + 1) for v in (value.body, value.orelse))
    if isinstance(value, ast.Call):
        return cleans_html(value)
    if isinstance(value, ast.Name):
        values = assigned.get(value.id, [])
        return bool(values) and all(_markup(v, assigned, depth + 1) for v in values)
    return False
