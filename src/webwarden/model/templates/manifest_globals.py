"""Functions whose result is made of what they are given, literals, configuration and
the files configuration names: a build's asset manifest turned into tags.

`@library.global_function def tags_for_js_chunks(path, attrs)`, which looks the path up
in `json.load(open(settings.DIST_DIR + "/rev-manifest.json"))` and returns
`format_html('<script src="{}" {}></script>'.format(found, attrs))`: called with
literal arguments only (`{{ tags_for_js_chunks("app.js", "")|safe }}`), it writes the
app's own build output, as Flask-Webpack's `javascript_tag("app_js")` does. No request,
no database row, no user reaches it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.configured import configuration, configured_path

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_JSON_LOADS = frozenset({"json.load", "json.loads"})
_OPENERS = frozenset({"open", "io.open", "codecs.open"})
_PASSING = frozenset(
    {
        "str",
        "django.utils.html.format_html",
        "django.utils.safestring.mark_safe",
        "markupsafe.Markup",
        "jinja2.Markup",
        "flask.Markup",
    }
)
"""Calls whose result is their arguments' text (formatted, or marked safe)."""
_TEXT_METHODS = frozenset({"format", "join", "strip", "replace", "lower", "upper", "get"})
"""Methods whose result is made of the value they are called on and their arguments
(`manifest.get(key, key)` of a manifest the file holds)."""
_UNKNOWN = ast.Name(id="<unpacked>")
"""The value of a name a tuple target binds: not followed, so never the function's own."""


def manifest_functions(ctx: FileContext) -> tuple[str, ...]:
    """The module's top-level functions every `return` of which is made only of their
    parameters, literals, configuration (`settings.DIST_DIR`) and what a file whose path
    is made of configuration and literals holds (`json.load(open(...))`, and its items),
    at least one reading such a file."""
    if not ctx.mentions("open"):
        return ()
    found: list[str] = []
    for function in ctx.tree.body:
        if not isinstance(function, _Function):
            continue
        returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
        if not returns or any(node.value is None for node in returns):
            continue
        judge = _OwnText(ctx, function)
        # NOTE: `all` first: the judge notes a file read only while judging the returns.
        if all(judge.own(node.value) for node in returns if node.value is not None) and (
            judge.read_file
        ):
            found.append(function.name)
    return tuple(found)


class _OwnText:
    """Judges the expressions of one function: made of its own text or not."""

    def __init__(self, ctx: FileContext, function: _Function) -> None:
        self.ctx = ctx
        args = function.args
        self.parameters = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}
        self.bindings: dict[str, list[ast.expr]] = {}
        for target, value in _bindings(function):
            self.bindings.setdefault(target, []).append(value)
        self.resolving: set[str] = set()
        self.read_file = False

    def own(self, value: ast.expr) -> bool:
        match value:
            case ast.Constant():
                return isinstance(value.value, str | int | float | bool) or value.value is None
            case ast.Name(id=name):
                return self._name(name)
            case ast.BinOp(op=ast.Add() | ast.Mod()):
                return self.own(value.left) and self.own(value.right)
            case ast.JoinedStr():
                return all(
                    self.own(part.value) if isinstance(part, ast.FormattedValue) else True
                    for part in value.values
                )
            case ast.IfExp():
                return self.own(value.body) and self.own(value.orelse)
            case ast.Subscript():
                return self.own(value.value) and self.own(value.slice)
            case ast.UnaryOp(op=ast.USub()):
                return self.own(value.operand)
            case ast.List() | ast.Tuple():
                return all(self.own(element) for element in value.elts)
            case ast.Attribute():
                return configuration(self.ctx, value)
            case ast.Call():
                return self._call(value)
        return False

    def _name(self, name: str) -> bool:
        if name in self.parameters or name in self.resolving:
            return True  # NOTE: a cycle (`text = text + ...`) is decided by the other bindings
        values = self.bindings.get(name)
        if not values:
            return False
        self.resolving.add(name)
        try:
            return all(self.own(value) for value in values)
        finally:
            self.resolving.discard(name)

    def _call(self, call: ast.Call) -> bool:
        name = self.ctx.call_name(call) or ""
        arguments = [*call.args, *(k.value for k in call.keywords)]
        if name in _JSON_LOADS and len(call.args) == 1 and self._configured_file(call.args[0]):
            self.read_file = True
            return True
        if name in _OPENERS:
            return False
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _TEXT_METHODS:
            return self.own(func.value) and all(self.own(a) for a in arguments)
        return name in _PASSING and all(self.own(a) for a in arguments)

    def _configured_file(self, node: ast.expr) -> bool:
        """`open(path)`, a name `with open(path) as name:` binds, or `open(path).read()`,
        of a path made of configuration and literals."""
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "read"
            and not node.args
        ):
            node = node.func.value
        if isinstance(node, ast.Name):
            values = self.bindings.get(node.id, [])
            return len(values) == 1 and self._configured_file(values[0])
        return (
            isinstance(node, ast.Call)
            and self.ctx.call_name(node) in _OPENERS
            and bool(node.args)
            and configured_path(self.ctx, node.args[0])
        )


def _bindings(function: _Function) -> Iterator[tuple[str, ast.expr]]:
    """Each local name the function binds, with the value bound: assignments, augmented
    ones (as the whole `name + value`), loop targets (the iterated value) and `with ...
    as name`. A name bound otherwise (a tuple target, a comprehension) has no value and
    is not the function's own text."""
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    yield target.id, node.value
                else:
                    yield from ((n.id, _UNKNOWN) for n in _names(target))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            if node.value is not None:
                yield node.target.id, node.value
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            yield node.target.id, ast.BinOp(node.target, node.op, node.value)
        elif isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Name):
            yield node.target.id, node.iter
        elif isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name):
                    yield item.optional_vars.id, item.context_expr
        elif isinstance(node, ast.NamedExpr):
            yield node.target.id, node.value


def _names(target: ast.expr) -> Iterator[ast.Name]:
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            yield node
