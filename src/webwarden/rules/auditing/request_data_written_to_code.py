"""WW1128: request data written into a Python module or a template the app renders."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.tree import item_read
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_REQUEST_DATA = frozenset({"POST", "GET", "form", "args", "values", "json", "data", "body"})
_TEMPLATE_ENDINGS = (".html", ".htm", ".jinja", ".jinja2", ".j2", ".tpl")
_TEXT_METHODS = frozenset(
    {"strip", "lstrip", "rstrip", "replace", "format", "join", "encode", "decode", "get"}
)
_DEPTH = 6


class RequestDataWrittenToCode(PythonRule):
    """## What it does
    Finds request data (Django's `request.POST`/`GET`/`body`, Flask's `request.form`/
    `args`/`values`/`json`/`data`) written with `open(path, "w").write(...)` into a
    Python module (a path ending in `.py`) or into a template (a path through a
    `templates` folder ending in `.html`, `.jinja`, `.j2` ...), as it is or through the
    locals it was read into, joined to other text, or passed through a function of the
    module (a "filter" that may return it unchanged).

    ## Why is this bad?
    What is written there is code the server runs: the module when it is next imported
    (an admin "plugin" or a code playground saved as a `.py` file), the template when it
    is rendered. A template receives `{{ }}` and `{% %}` from the request (server-side
    template injection), which read settings and secrets and in Jinja reach Python
    objects; a module runs anything. Whoever can post to the view runs code on the
    server.

    ## Known problems
    The file must be opened in the same function, with a path whose ending the code
    spells; a value passed to another function that writes it is not followed.

    ## Example
    ```python
    import os


    def save_page(request):
        path = os.path.join("templates", "pages", f"{request.POST['slug']}.html")
        with open(path, "w") as page:
            page.write(request.POST["body"])
    ```

    ## Fix
    ```python
    from .models import Page


    def save_page(request):
        Page.objects.create(slug=request.POST["slug"], body=request.POST["body"])
        # rendered as data: {{ page.body }} in a fixed template
    ```

    ## References
    - [CWE-94: Improper Control of Generation of Code ('Code Injection')](https://cwe.mitre.org/data/definitions/94.html)
    - [CWE-1336: Improper Neutralization of Special Elements Used in a Template Engine](https://cwe.mitre.org/data/definitions/1336.html)
    - [PortSwigger: Server-side template injection](https://portswigger.net/web-security/server-side-template-injection)
    """

    code = "WW1128"
    name = "request-data-written-to-code"
    practice = Practice.AUDITING
    severity = Severity.CRITICAL
    confidence = Confidence.MEDIUM
    cwe = 94
    message = "`{value}` from the request is written into {what} `{path}`, which the app runs"
    fix = "store what users send as data (a model, a file the app only reads) and render it in a fixed template"
    calls = frozenset({".write"})

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "write" and node.args):
            return
        if not isinstance(func.value, ast.Name):
            return
        opened = _opened(ctx, func.value)
        if not (isinstance(opened, ast.Call) and ctx.call_name(opened) in ("open", "io.open")):
            return
        path = ctx.argument(opened, 0, "file")
        mode = ctx.evaluate(ctx.argument(opened, 1, "mode"))
        if path is None or not isinstance(mode, str) or not any(c in mode for c in "wax"):
            return
        what = _code_file(ctx, path)
        if what is not None and _from_request(ctx, node.args[0], _DEPTH):
            value = ast.unparse(node.args[0])[:40]
            yield self.finding(ctx, node, value=value, what=what, path=ast.unparse(path)[:60])


def _opened(ctx: FileContext, name: ast.Name) -> ast.expr | None:
    """What `name` was bound to: an assignment reaching it, or the `with` around it."""
    found = ctx.reaching_value(name) or ctx.scopes.made_by(name)
    if isinstance(found, ast.Call):
        return found
    node: ast.AST | None = name
    while node is not None:
        if isinstance(node, ast.With | ast.AsyncWith):
            for item in node.items:
                target = item.optional_vars
                if isinstance(target, ast.Name) and target.id == name.id:
                    return item.context_expr
        node = ctx.parent(node)
    return None


def _code_file(ctx: FileContext, path: ast.expr) -> str | None:
    """`a Python module` or `a template` when the path's spelled parts say so."""
    pieces = _pieces(ctx, path, _DEPTH)
    if not pieces:
        return None
    last = pieces[-1].strip().lower()
    if last.endswith(".py"):
        return "a Python module"
    folders = "/".join(pieces).replace("\\", "/").split("/")
    if last.endswith(_TEMPLATE_ENDINGS) and any(p.startswith("templates") for p in folders):
        return "a template"
    return None


def _pieces(ctx: FileContext, node: ast.expr, depth: int) -> list[str]:
    """The constant text of a path, in order: literals, f-string parts, `os.path.join`
    and `+` operands, through a local assigned once."""
    if depth == 0:
        return []
    match node:
        case ast.Constant(value=str() as text):
            return [text]
        case ast.JoinedStr(values=values):
            text = "".join(
                v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
            return [text] if text else []
        case ast.BinOp(op=ast.Add(), left=left, right=right):
            return _pieces(ctx, left, depth - 1) + _pieces(ctx, right, depth - 1)
        case ast.Call(args=args) if ctx.call_name(node) in ("os.path.join", "posixpath.join"):
            return [p for a in args for p in _pieces(ctx, a, depth - 1)]
        case ast.Name():
            made = ctx.scopes.made_by(node)
            return _pieces(ctx, made, depth - 1) if made is not None else []
    return []


def _from_request(ctx: FileContext, node: ast.expr, depth: int) -> bool:
    """Whether `node` holds text the request sent, read here or through locals."""
    if depth == 0:
        return False
    read = item_read(node)
    if read is not None and _request_part(ctx, read[0]):
        return True
    match node:
        case ast.Attribute(attr="body") if _request(ctx, node.value):
            return True
        case ast.Name():
            values = ctx.scopes.values_of(node) or ()
            return any(_from_request(ctx, v, depth - 1) for v in values)
        case ast.BinOp(left=left, right=right):
            return _from_request(ctx, left, depth - 1) or _from_request(ctx, right, depth - 1)
        case ast.JoinedStr(values=values):
            return any(
                _from_request(ctx, v.value, depth - 1)
                for v in values
                if isinstance(v, ast.FormattedValue)
            )
        case ast.Call(func=ast.Attribute(attr=method, value=held)) if method in _TEXT_METHODS:
            return _from_request(ctx, held, depth - 1) or any(
                _from_request(ctx, a, depth - 1) for a in node.args
            )
        case ast.Call(func=ast.Name(id=called), args=args) if ctx.module_function(called):
            return any(_from_request(ctx, a, depth - 1) for a in args)
    return False


def _request_part(ctx: FileContext, node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute) and node.attr in _REQUEST_DATA and _request(ctx, node.value)
    )


def _request(ctx: FileContext, node: ast.expr) -> bool:
    """`request`, `self.request`, Flask's `request` by any alias."""
    if isinstance(node, ast.Name):
        return node.id in ("request", "req") or (ctx.qualified(node) or "").endswith(".request")
    return isinstance(node, ast.Attribute) and node.attr == "request"
