"""Template filters that only re-serialise the HTML they are given.

A Wagtail project often post-processes rich text in a filter of its own: `{{
block.caption|richtext|unwrap|safe }}`, where `unwrap` parses its input with
BeautifulSoup, picks some elements and returns them as text (`" ".join(str(p) for p in
soup.find_all("p"))`), or returns its input as it came. BeautifulSoup writes each text
node with `<`, `>` and `&` escaped and each attribute value quoted with `"` escaped, so
what such a filter returns holds no markup its input did not: marking it safe is marking
the input safe.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef

_PARSERS = frozenset({"bs4.BeautifulSoup"})
_SELECTORS = frozenset(
    {
        "find", "find_all", "findAll", "findChildren", "findChild", "select", "select_one",
        "find_next", "find_next_sibling", "find_next_siblings", "find_parent", "children",
        "contents", "descendants", "body",
    }
)  # fmt: skip
"""What a parsed document or element gives of itself: elements (or lists of them)."""
_SERIALISERS = frozenset({"decode", "decode_contents", "prettify", "renderContents"})
"""An element's methods that write it (or its content) as text, escaped as `str()` does."""
_MARKERS = frozenset({"django.utils.safestring.mark_safe", "markupsafe.Markup"})


def reserialises_input(ctx: FileContext, function: _Function) -> bool:
    """Whether every `return` of the filter gives its input as it came, `None`, a string
    literal, or text BeautifulSoup wrote of elements parsed from its input only (`str(tag)`,
    `tag.decode_contents()`, `" ".join(str(p) for p in tags)`; also marked safe). The
    filter must read no other parameter and reassign no name it parses."""
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if not params or function.args.vararg or function.args.kwarg:
        return False
    value = params[0]
    assigned: dict[str, list[ast.expr]] = {}
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and node.id in params[1:]:
            return False  # NOTE: another parameter could bring markup of its own
        if isinstance(node, ast.Assign):
            targets = node.targets
            if len(targets) != 1 or not isinstance(targets[0], ast.Name):
                if any(isinstance(n, ast.Name) for t in targets for n in ast.walk(t)):
                    return False  # NOTE: tuple targets, subscripts: not followed
                continue
            assigned.setdefault(targets[0].id, []).append(node.value)
        elif isinstance(node, ast.AugAssign | ast.AnnAssign | ast.For | ast.With | ast.NamedExpr):
            return False
    if value in assigned:
        return False
    parsed: set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, values in assigned.items():
            if name not in parsed and all(_parsed(ctx, v, value, parsed) for v in values):
                parsed.add(name)
                changed = True
    returned = [n.value for n in ast.walk(function) if isinstance(n, ast.Return)]
    return bool(returned) and all(_written(ctx, v, value, parsed) for v in returned)


def _parsed(ctx: FileContext, node: ast.expr, value: str, parsed: set[str]) -> bool:
    """An element (or a list of them) of a document parsed from the input alone."""
    if isinstance(node, ast.Name):
        return node.id in parsed
    if isinstance(node, ast.Call):
        if ctx.call_name(node) in _PARSERS and node.args:
            return _input_text(node.args[0], value) and all(
                isinstance(a, ast.Constant)
                for a in (*node.args[1:], *[k.value for k in node.keywords])
            )
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _SELECTORS:
            return _parsed(ctx, func.value, value, parsed) and _constants(node)
        return False
    if isinstance(node, ast.Attribute) and node.attr in _SELECTORS:
        return _parsed(ctx, node.value, value, parsed)
    if isinstance(node, ast.Subscript):
        return _parsed(ctx, node.value, value, parsed) and isinstance(node.slice, ast.Constant)
    return False


def _constants(call: ast.Call) -> bool:
    """A selector call given literals only (`find("div", attrs={"class": "x"})`)."""
    values = [*call.args, *(k.value for k in call.keywords)]
    return all(not any(isinstance(n, ast.Name) for n in ast.walk(v)) for v in values)


def _input_text(node: ast.expr, value: str) -> bool:
    """The input, or its text: `content`, `str(content)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
        return len(node.args) == 1 and _input_text(node.args[0], value)
    return isinstance(node, ast.Name) and node.id == value


def _written(ctx: FileContext, node: ast.expr | None, value: str, parsed: set[str]) -> bool:
    """What a `return` gives: the input, `None`, a literal, or parsed elements written."""
    if node is None or (isinstance(node, ast.Constant) and isinstance(node.value, str | None)):
        return True
    if isinstance(node, ast.Name):
        return node.id == value
    if not isinstance(node, ast.Call):
        return False
    if ctx.call_name(node) in _MARKERS and len(node.args) == 1 and not node.keywords:
        return _written(ctx, node.args[0], value, parsed)
    func = node.func
    if isinstance(func, ast.Name) and func.id == "str" and len(node.args) == 1:
        return _parsed(ctx, node.args[0], value, parsed)
    if isinstance(func, ast.Attribute) and func.attr in _SERIALISERS:
        return _parsed(ctx, func.value, value, parsed) and _constants(node)
    if (
        isinstance(func, ast.Attribute)
        and func.attr == "join"
        and isinstance(func.value, ast.Constant)
        and isinstance(func.value.value, str)
        and len(node.args) == 1
    ):
        return _joined(ctx, node.args[0], value, parsed)
    return False


def _joined(ctx: FileContext, node: ast.expr, value: str, parsed: set[str]) -> bool:
    """`[str(p) for p in paragraphs]` over parsed elements (also a generator)."""
    if not isinstance(node, ast.ListComp | ast.GeneratorExp) or len(node.generators) != 1:
        return False
    loop = node.generators[0]
    if loop.ifs or loop.is_async or not isinstance(loop.target, ast.Name):
        return False
    if not _parsed(ctx, loop.iter, value, parsed):
        return False
    return _written(ctx, node.elt, value, parsed | {loop.target.id})
