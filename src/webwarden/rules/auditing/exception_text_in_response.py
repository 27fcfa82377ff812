"""WW1132: the text of an exception caught by a catch-all handler sent in a response."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext, identifier_words

_BROAD = frozenset({"Exception", "BaseException", "builtins.Exception", "builtins.BaseException"})
_FRAMEWORKS = ("django.http.", "rest_framework.response.", "flask.", "werkzeug.")
_MAKERS = frozenset({"jsonify", "make_response"})
_TEXT_ATTRIBUTES = frozenset({"args", "message", "msg", "strerror"})
_TRACEBACKS = frozenset(
    {"traceback.format_exc", "traceback.format_exception", "traceback.format_tb"}
)


class ExceptionTextInResponse(PythonRule):
    """## What it does
    Finds a handler that catches every exception (`except Exception as exc:`,
    `BaseException`, or a tuple holding one) and returns a response of Django, Django
    REST framework, Flask or Werkzeug (`Response(...)`, `JsonResponse(...)`,
    `HttpResponse*(...)`, `jsonify(...)`, `make_response(...)`, or a function the module
    imports named for the response it makes: a project's `response_error(...)`,
    `error_response(...)`, whose body another module holds; not a class so named) whose
    content holds the
    exception's text: `str(exc)`, `repr(exc)`, `exc` in an f-string, a `%` or
    `.format()` template, `exc.args` / `exc.message`, also through a local the handler
    set from one (`detail = str(exc)`), or a traceback (`traceback.format_exc()`, also
    in a bare `except:`), also through a function of the module handed the exception
    that returns such a response itself (`return error_json(exc)`, one call deep; a
    test every exception passes, `isinstance(e, BaseException)`, narrows nothing).
    Flask's error handler for every exception is judged alike:
    a function under `@app.errorhandler(Exception)` (or a blueprint's
    `@bp.app_errorhandler(Exception)`), its first parameter the exception caught. A
    handler registered by a call (`app.register_error_handler(Exception, handle)`, the
    function defined in the same body or at the module's top level) too. A
    handler of named exceptions (`except ValidationError as exc:`) is not reported:
    their messages are written for the client; nor is a branch that first narrows the
    exception caught (`if isinstance(exc, ValidationError):`, `if hasattr(exc,
    "message"):`, the project's own exceptions carrying a message for the client).

    ## Why is this bad?
    A catch-all handler also catches the errors nobody planned for, and their text is
    written for developers: a database error quotes the SQL and the schema, an OS error
    the server's paths, an HTTP client's error the URL it called (with its API key in the
    query string), a template or import error the code's layout. Sent to the client, it
    tells an attacker what the server runs and how to aim the next request.

    ## Known problems
    The rule does not know the exception types a `try` block can raise: a catch-all
    around a call that only raises messages meant for users is reported; catch those
    exceptions by name instead. A Flask view returning the text as a plain `str` or
    `dict` (`return str(exc), 500`), an error page rendered from a template, and a
    project's response helpers of other modules named otherwise are not judged, nor is
    an error handler another module defines; an imported helper named for a response is
    taken to send what it is given, whatever its body does with it.

    ## Example
    ```python
    from rest_framework.response import Response


    def sync(request):
        try:
            run_sync(request.data["repository"])
        except Exception as exc:
            return Response(status=500, data={"details": str(exc)})
        return Response(status=202)
    ```

    ## Fix
    ```python
    import logging

    from rest_framework.response import Response

    log = logging.getLogger(__name__)


    def sync(request):
        try:
            run_sync(request.data["repository"])
        except Exception:
            log.exception("sync failed")
            return Response(status=500, data={"details": "the sync failed"})
        return Response(status=202)
    ```

    ## References
    - [CWE-209: Generation of Error Message Containing Sensitive Information](https://cwe.mitre.org/data/definitions/209.html)
    - [OWASP Error Handling Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Error_Handling_Cheat_Sheet.html)
    """

    code = "WW1132"
    name = "exception-text-in-response"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 209
    message = "`{call}` sends the text of any exception the handler catches (`{text}`)"
    fix = "log the exception and send a generic message; catch by name the errors meant for users"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = frozenset({".register_error_handler"})
    decorated_only = True

    def visit_ExceptHandler(self, node: ast.ExceptHandler, ctx: FileContext) -> Iterator[Finding]:
        if node.type is not None and not _catches_all(node.type, ctx):
            return
        yield from self._handled(node.body, {node.name} if node.name else set(), ctx)

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._error_handler(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._error_handler(node, ctx)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        """`app.register_error_handler(Exception, handle)`, `handle` defined beside."""
        if not isinstance(node.func, ast.Attribute) or len(node.args) != 2:
            return
        handler = node.args[1]
        if not isinstance(handler, ast.Name) or not _catches_all(node.args[0], ctx):
            return
        function = _defined(ctx, node, handler.id)
        if function is not None and function.args.args:
            yield from self._handled(function.body, {function.args.args[0].arg}, ctx)

    def _error_handler(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        """Flask's handler of every exception, given it as its first parameter."""
        if not node.args.args or not any(_handles_all(d, ctx) for d in node.decorator_list):
            return
        yield from self._handled(node.body, {node.args.args[0].arg}, ctx)

    def _handled(
        self, body: list[ast.stmt], caught: set[str], ctx: FileContext
    ) -> Iterator[Finding]:
        """The responses `body`, handling an exception bound to `caught`, returns with its text."""
        for call, text in _sent(body, caught, ctx, _HELPER_DEPTH):
            name = ctx.call_name(call) or ""
            yield self.finding(ctx, call, call=name.rsplit(".", 1)[-1], text=ast.unparse(text)[:40])


_HELPER_DEPTH = 1
"""How deep `_sent` follows the exception into the module's own helpers."""


def _sent(
    body: list[ast.stmt], caught: set[str], ctx: FileContext, depth: int
) -> Iterator[tuple[ast.Call, ast.expr]]:
    """Each call a `return` of `body` makes that sends the text of the exception bound to
    `caught`, with that text: a framework response, or a function of the module handed
    the exception whose own `return` sends it (`return error_json(exc)`)."""
    texts: set[str] = set()
    for statement in _own_nodes(body, caught):
        if isinstance(statement, ast.Assign) and _text(statement.value, caught, texts, ctx):
            texts.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    for statement in _own_nodes(body, caught):
        if not isinstance(statement, ast.Return) or statement.value is None:
            continue
        found = next(
            (
                (call, text)
                for call in _responses(statement.value, ctx)
                if (text := _text(call, caught, texts, ctx)) is not None
            ),
            None,
        )
        if found is None and depth > 0:
            found = next(_helper_sends(statement.value, caught, ctx, depth - 1), None)
        if found is not None:
            yield found


def _helper_sends(
    value: ast.expr, caught: set[str], ctx: FileContext, depth: int
) -> Iterator[tuple[ast.Call, ast.expr]]:
    """`error_json(exc)`: a function the module defines, handed the exception caught, that
    returns a response with its text; the call, with that text."""
    for node in _own_nodes([ast.Expr(value)]):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        function = _defined(ctx, node, node.func.id)
        if function is None:
            continue
        parameters = function.args.args
        given = {
            parameters[index].arg
            for index, argument in enumerate(node.args[: len(parameters)])
            if isinstance(argument, ast.Name) and argument.id in caught
        }
        if given:
            for _, text in _sent(function.body, given, ctx, depth):
                yield node, text
                break


def _catches_all(caught: ast.expr, ctx: FileContext) -> bool:
    """`Exception`, `BaseException`, or a tuple holding one of them."""
    if isinstance(caught, ast.Tuple):
        return any(_catches_all(element, ctx) for element in caught.elts)
    name = ctx.qualified(caught) or (caught.id if isinstance(caught, ast.Name) else None)
    return name in _BROAD


def _handles_all(decorator: ast.expr, ctx: FileContext) -> bool:
    """`@app.errorhandler(Exception)`, `@bp.app_errorhandler(BaseException)`."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in _ERROR_HANDLERS
        and len(decorator.args) == 1
        and _catches_all(decorator.args[0], ctx)
    )


_ERROR_HANDLERS = frozenset({"errorhandler", "app_errorhandler"})


def _defined(
    ctx: FileContext, call: ast.Call, name: str
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The function `name` defined in the body holding `call` (an app factory's), or
    else at the module's top level."""
    for scope in (ctx.scopes.enclosing_function(call), ctx.tree):
        if scope is None:
            continue
        for statement in scope.body:
            if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and (
                statement.name == name
            ):
                return statement
    return None


def _own_nodes(body: list[ast.stmt], caught: set[str] | None = None) -> Iterator[ast.AST]:
    """The nodes of `body`, not those of functions or classes defined in it (their code
    runs elsewhere), nor those of a branch taken in debug mode only (`if settings.DEBUG:`,
    `text if app.debug else "error"`: what a developer sees), nor those of a branch
    taken for some exceptions only (`if isinstance(exc, ValidationError):`)."""
    pending: list[ast.AST] = list(body)
    while pending:
        node = pending.pop()
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        yield node
        narrowed = isinstance(node, ast.If) and _narrows(node.test, caught or set())
        if isinstance(node, ast.If | ast.IfExp) and (_tests_debug(node.test) or narrowed):
            pending.append(node.test)
            pending.extend(node.orelse if isinstance(node, ast.If) else [node.orelse])
        else:
            pending.extend(ast.iter_child_nodes(node))


def _narrows(test: ast.expr, caught: set[str]) -> bool:
    """`isinstance(exc, Known)` or `hasattr(exc, "message")` (also among `and`'s
    operands) of the exception caught: the branch handles those exceptions only."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_narrows(value, caught) for value in test.values)
    return (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id in {"isinstance", "hasattr"}
        and len(test.args) == 2
        and isinstance(test.args[0], ast.Name)
        and test.args[0].id in caught
        and not (test.func.id == "isinstance" and _names_broad(test.args[1]))
    )


def _names_broad(classes: ast.expr) -> bool:
    """`Exception` or `BaseException` (alone or in a tuple): a test every exception passes."""
    if isinstance(classes, ast.Tuple):
        return any(_names_broad(element) for element in classes.elts)
    return isinstance(classes, ast.Name) and f"builtins.{classes.id}" in _BROAD


def _tests_debug(test: ast.expr) -> bool:
    """Whether a branch's test reads a debug switch (`settings.DEBUG`, `app.debug`)."""
    return any(
        (isinstance(node, ast.Name) and node.id.lower() == "debug")
        or (isinstance(node, ast.Attribute) and node.attr.lower() == "debug")
        for node in ast.walk(test)
    )


def _responses(value: ast.expr, ctx: FileContext) -> Iterator[ast.Call]:
    """The framework response calls in a returned value (`jsonify(...)` of a Flask
    view's `return jsonify(...), 500` too)."""
    for node in _own_nodes([ast.Expr(value)]):
        if not isinstance(node, ast.Call):
            continue
        if _imported_response_helper(node, ctx):
            yield node
            continue
        name = ctx.call_name(node)
        if name is None or not name.startswith(_FRAMEWORKS):
            continue
        last = name.rsplit(".", 1)[-1]
        if "Response" in last or last in _MAKERS:
            yield node


_HELPER_WORDS = frozenset({"response", "respond"})


def _imported_response_helper(call: ast.Call, ctx: FileContext) -> bool:
    """`response_error(str(exc))`, `error_response(...)`: a function the module imports
    (the project's response helpers, whose body another module holds) named for the
    response it makes, named in lower case as functions are. A function the module
    defines is judged by its body instead."""
    func = call.func
    # NOTE: a class so named (`SqlLabResponse(error=...)`) is a data model some other
    # protocol may carry, not a web response; its body cannot tell which.
    if not isinstance(func, ast.Name) or not func.id[:1].islower():
        return False
    if _defined(ctx, call, func.id) is not None:
        return False
    if ctx.qualified(func) in {None, func.id}:
        return False
    return not _HELPER_WORDS.isdisjoint(identifier_words(func.id))


def _text(value: ast.expr, names: set[str], texts: set[str], ctx: FileContext) -> ast.expr | None:
    """The part of `value` that holds the text of an exception bound to one of `names`,
    a local among `texts` (set from such a text), or a traceback."""
    for node in _own_nodes([ast.Expr(value)]):
        if isinstance(node, ast.Name) and node.id in texts:
            return node
        if isinstance(node, ast.Call):
            callee = ctx.call_name(node)
            if callee in _TRACEBACKS:
                return node
            if callee in {"str", "repr"} and node.args and _holds(node.args[0], names):
                return node
            formatting = isinstance(node.func, ast.Attribute) and node.func.attr == "format"
            if formatting and any(_holds(a, names) for a in node.args):
                return node
        elif isinstance(node, ast.FormattedValue) and _holds(node.value, names):
            return node.value
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            operands = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            if any(_holds(operand, names) for operand in operands):
                return node
        elif isinstance(node, ast.Attribute) and _holds(node, names):
            return node
    return None


def _holds(node: ast.expr, names: set[str]) -> bool:
    """`exc` itself, or its message (`exc.args`, `exc.message`)."""
    if isinstance(node, ast.Attribute) and node.attr in _TEXT_ATTRIBUTES:
        node = node.value
    return isinstance(node, ast.Name) and node.id in names
