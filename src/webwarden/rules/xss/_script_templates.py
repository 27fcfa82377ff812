"""Values marked safe only to be written, as JSON, into a JavaScript template.

`mark_safe(json.dumps(value))` in a context rendered by `render_to_string("widget.js",
context)` writes a JavaScript literal into a script the server answers with: no HTML
parser reads it, so no tag in the value can open an element or close a `<script>`, and
`json.dumps` escapes every quote, backslash and line break (and, by default, every
character outside ASCII, U+2028 and U+2029 too) that could end the literal. Marked safe
only so that the template's own HTML escaping does not turn its quotes into `&quot;`.
"""

from __future__ import annotations

import ast
from pathlib import Path

from webwarden.model.tree import summands

_ENCODERS = frozenset({"json.dumps", "simplejson.dumps", "ujson.dumps"})
_RENDERERS = {"render_to_string": (0, 1), "render": (1, 2), "TemplateResponse": (1, 2)}
"""Calls rendering a template: the positions of the template's name and of the context."""
_SCRIPT_SUFFIXES = (".js", ".mjs")
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def json_into_script_template(root: Path, relpath: str, line: int, column: int) -> bool:
    """Whether the marking call at `line`, `column` (from 1) of the file wraps only JSON
    (`json.dumps(...)`, with literal text around it holding no `<`) and is a value of a
    dict literal given, itself or through the one local it is bound to, only as the
    context of templates named as JavaScript files (`render_to_string("embed.js", ctx)`)
    in the same function."""
    try:
        tree = ast.parse((root / relpath).read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError):
        return False
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    call = next(
        (
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and node.lineno == line and node.col_offset + 1 == column
        ),
        None,
    )
    if call is None or len(call.args) != 1 or not _only_json(call.args[0]):
        return False
    context = parents.get(call)
    if not (isinstance(context, ast.Dict) and call in context.values):
        return False
    function = _enclosing_function(context, parents)
    if function is None:
        return False
    bound = parents.get(context)
    if isinstance(bound, ast.Assign) and len(bound.targets) == 1:
        target = bound.targets[0]
        if not isinstance(target, ast.Name):
            return False
        uses = [
            node
            for node in ast.walk(function)
            if isinstance(node, ast.Name) and node.id == target.id and node is not target
        ]
        return bool(uses) and all(_script_context(use, parents) for use in uses)
    return _script_context(context, parents)


def _only_json(value: ast.expr) -> bool:
    parts = summands(value)
    return any(isinstance(p, ast.Call) for p in parts) and all(
        (isinstance(p, ast.Constant) and isinstance(p.value, str) and "<" not in p.value)
        or (isinstance(p, ast.Call) and ast.unparse(p.func) in _ENCODERS)
        for p in parts
    )


def _enclosing_function(
    node: ast.AST, parents: dict[ast.AST, ast.AST]
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    current = parents.get(node)
    while current is not None and not isinstance(current, _FUNCTIONS):
        current = parents.get(current)
    return current if isinstance(current, _FUNCTIONS) else None


def _script_context(node: ast.expr, parents: dict[ast.AST, ast.AST]) -> bool:
    """The expression is the context a renderer is given for a JavaScript template."""
    call = parents.get(node)
    if not isinstance(call, ast.Call):
        call = parents.get(call) if isinstance(call, ast.keyword) else None
    if not isinstance(call, ast.Call):
        return False
    func = call.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
    if name not in _RENDERERS:
        return False
    template_at, context_at = _RENDERERS[name]
    given = call.args[context_at] if len(call.args) > context_at else None
    given = given or next((k.value for k in call.keywords if k.arg == "context"), None)
    template = call.args[template_at] if len(call.args) > template_at else None
    template = template or next((k.value for k in call.keywords if k.arg == "template_name"), None)
    return (
        given is node
        and isinstance(template, ast.Constant)
        and isinstance(template.value, str)
        and template.value.endswith(_SCRIPT_SUFFIXES)
    )
