"""WW1132: the text of an exception caught by a catch-all or database-error handler sent in a response."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.taint.specs import ABORTS
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.names import last_part
from webwarden.rules.auditing._exception_text import (
    ANY,
    Caught,
    caught_kind,
    exception_text,
    own_nodes,
)
from webwarden.rules.auditing._staff_only import staff_only
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext, identifier_words

_FRAMEWORKS = ("django.http.", "rest_framework.response.", "flask.", "werkzeug.")
_MAKERS = frozenset({"jsonify", "make_response"})
_HTTP_ERRORS = ("werkzeug.exceptions.",)
_API_ERRORS = ("rest_framework.exceptions.", "rest_framework.serializers.")
"""Exceptions of Django REST framework: a handler of a catch-all may raise them with the
text of a validator's own errors; a database error's text is never such a message."""


class ExceptionTextInResponse(PythonRule):
    """## What it does
    Finds a handler that catches every exception (`except Exception as exc:`,
    `BaseException`, or a tuple holding one), or a database error (the PEP 249 classes
    of Django and the drivers, `except IntegrityError as exc:`, SQLAlchemy's
    `DBAPIError`, `StatementError` and `SQLAlchemyError`, psycopg's per-code classes),
    or an LDAP client's error (python-ldap's `ldap.LDAPError` and its result-code
    classes, `ldap.SERVER_DOWN`, `ldap.LOCAL_ERROR`; ldap3's `LDAPException` classes),
    and returns a response of Django, Django
    REST framework, Flask or Werkzeug (`Response(...)`, `JsonResponse(...)`,
    `HttpResponse*(...)`, `jsonify(...)`, `make_response(...)`, or a function the module
    imports named for the response it makes: a project's `response_error(...)`,
    `error_response(...)`, whose body another module holds; not a class so named) whose
    content holds the
    exception's text: `str(exc)`, `repr(exc)`, `format(exc)`, `exc` in an f-string, a
    `%` or `.format()` template, `exc.args` / `exc.message`, also through a local the
    handler set from one (`detail = str(exc)`), or a traceback (`traceback.format_exc()`,
    also in a bare `except:`), also through a function of the module handed the exception
    that returns such a response itself (`return error_json(exc)`, one call deep; a
    test every exception passes, `isinstance(e, BaseException)`, narrows nothing); or
    raises an HTTP error described by that text or by the exception itself
    (`abort(400, str(exc))`, `abort(500, description=exc)` of Flask,
    Werkzeug, Flask-RESTful, Flask-RESTX or flask-smorest, `raise BadRequest(str(exc))`
    of `werkzeug.exceptions`; for a database error also Django REST framework's
    `raise ValidationError(str(exc))`), whose description the error response carries.
    Flask's error handler for every exception (or a database error) is judged alike:
    a function under `@app.errorhandler(Exception)` (or a blueprint's
    `@bp.app_errorhandler(Exception)`), its first parameter the exception caught. A
    handler registered by a call (`app.register_error_handler(Exception, handle)`, or
    the decorator applied by hand, `api.errorhandler(ldap.LDAPError)(handle)`, the
    function defined in the same body or at the module's top level) too, and so is
    the body such a handler returns itself: Flask (and Flask-RESTX's `api.errorhandler`)
    sends a returned dict as JSON and a string as the page (`return {"detail":
    str(error.orig)}, 409`, `return error.message, 500`). A
    handler of other named exceptions (`except ValidationError as exc:`) is not reported:
    their messages are written for the client (their traceback is, `except
    Book.DoesNotExist:` then `Response(traceback.format_exception(*sys.exc_info()))`: it
    shows the server's code and paths whatever was caught); nor is a branch that first narrows the
    exception caught (`if isinstance(exc, ValidationError):`, `if hasattr(exc,
    "message"):`, the project's own exceptions carrying a message for the client), nor
    code after a `raise` or `return` of the same block (`raise exc` left above an
    `abort(500, str(exc))` that never runs).
    A template rendered into the returned response (Flask's `render_template(...)` or
    `render_template_string(...)`, Django's `render(...)`, `render_to_response(...)` or
    `TemplateResponse(...)`) given the exception's text, or the exception itself, as a
    value of its context (`render_template("login.html", error=exc)`, `{"error": exc}`)
    sends it too: the page writes what it is given, and Jinja and Django write an
    exception as its text.

    ## Why is this bad?
    A catch-all handler also catches the errors nobody planned for, and their text is
    written for developers: a database error quotes the SQL and the schema (SQLAlchemy's
    also the statement's parameters, a driver's unique-key error the other row's key), an OS error
    the server's paths, an HTTP client's error the URL it called (with its API key in the
    query string), a template or import error the code's layout. Sent to the client, it
    tells an attacker what the server runs and how to aim the next request. An LDAP
    client's error is the directory server's result with its diagnostic message (Active
    Directory's `LdapErr: DSID-...` codes, a Kerberos failure naming its credential
    caches).

    ## Known problems
    The rule does not know the exception types a `try` block can raise: a catch-all
    around a call that only raises messages meant for users is reported; catch those
    exceptions by name instead. The text of a database error caught by name is the
    driver's whatever the `try` block does, and is reported at high confidence. A Flask view returning the text as a plain `str` or
    `dict` (`return str(exc), 500`), a Django context built aside (`render(request,
    "error.html", context)`), and a project's response helpers of other modules named otherwise
    (`abort(400, describe_error(exc))`, `describe_error` imported) are not judged, nor is
    an error handler another module defines, nor an exception of Django REST framework a
    catch-all raises with the text (`raise ValidationError(str(exc))`): around a parser of
    the app's own, that is how a serializer passes on messages written for the client. An
    imported helper named for a response is taken to send what it is given, whatever its
    body does with it; so is a template given the exception, whatever it writes of it.
    A view only staff reach (REST framework's `permission_classes` holding `IsAdminUser`
    or another class named for administrators, a `ModelAdmin`'s method, a function under
    `@staff_member_required`, or a Flask view under a check named for administrators,
    `@admin_required`, or given only roles or permissions so named,
    `@roles_required("admin")`, `@requires(Permissions.server_administrator)`; not
    `Permissions.admin_read` nor `@roles_accepted(Role.ADMIN, Role.EDITOR)`) is reported low: the text goes to the site's administrators,
    as a tester of the mail settings shows them why sending failed; a permission class
    inherited from a base class of the project is not looked for.

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
    message = "`{call}` sends the text of {caught} (`{text}`)"
    fix = "log the exception and send a generic message; catch by name the errors meant for users"
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    calls = frozenset({".register_error_handler", ".errorhandler", ".app_errorhandler"})
    decorated_only = True

    def visit_ExceptHandler(self, node: ast.ExceptHandler, ctx: FileContext) -> Iterator[Finding]:
        kind = ANY if node.type is None else caught_kind(node.type, ctx)
        if kind is not None:
            yield from self._handled(node.body, {node.name} if node.name else set(), ctx, kind)
        elif node.type is not None:
            # NOTE: with no name given, only a traceback counts as the exception's text.
            caught = Caught(f"the traceback of `{ast.unparse(node.type)}`")
            yield from self._handled(node.body, set(), ctx, caught)

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._error_handler(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._error_handler(node, ctx)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        """`app.register_error_handler(Exception, handle)`, or the decorator applied by
        hand (`api.errorhandler(Exception)(handle)`), `handle` defined beside."""
        if not isinstance(node.func, ast.Attribute):
            return
        if node.func.attr in _ERROR_HANDLERS:
            applied = ctx.parent(node)
            if not isinstance(applied, ast.Call) or applied.func is not node:
                return
            if len(node.args) != 1 or len(applied.args) != 1:
                return
            caught, handler = node.args[0], applied.args[0]
        elif len(node.args) == 2:
            caught, handler = node.args
        else:
            return
        kind = caught_kind(caught, ctx)
        if not isinstance(handler, ast.Name) or kind is None:
            return
        function = _defined(ctx, node, handler.id)
        if function is not None and function.args.args:
            yield from self._handled(function.body, {function.args.args[0].arg}, ctx, kind)
            yield from self._returned(function, ctx, kind)

    def _error_handler(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        """Flask's handler of every exception (or of database errors), given it as its
        first parameter."""
        if not node.args.args:
            return
        for decorator in node.decorator_list:
            kind = _handles(decorator, ctx)
            if kind is not None:
                yield from self._handled(node.body, {node.args.args[0].arg}, ctx, kind)
                yield from self._returned(node, ctx, kind)
                return

    def _returned(
        self, handler: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext, kind: Caught
    ) -> Iterator[Finding]:
        """The bodies an error handler returns itself holding the exception's text: Flask
        (and Flask-RESTX's `api.errorhandler`) sends a returned dict as JSON, a string as
        the page (`return {"detail": str(error.orig)}, 409`, `return error.message`)."""
        caught = {handler.args.args[0].arg}
        texts = _text_locals(handler.body, caught, ctx)
        for statement in own_nodes(handler.body, caught):
            if not isinstance(statement, ast.Return) or statement.value is None:
                continue
            value = statement.value
            sent = value.elts[0] if isinstance(value, ast.Tuple) and value.elts else value
            if not _body_display(sent, ctx):
                continue
            text = exception_text(sent, caught, texts, ctx)
            if text is not None:
                yield _for_staff(
                    ctx,
                    sent,
                    self.finding(
                        ctx,
                        sent,
                        call=handler.name,
                        confidence=Confidence.HIGH if kind.database else None,
                        caught=kind.description,
                        text=ast.unparse(text)[:40],
                    ),
                )

    def _handled(
        self, body: list[ast.stmt], caught: set[str], ctx: FileContext, kind: Caught
    ) -> Iterator[Finding]:
        """The responses `body`, handling an exception bound to `caught`, sends with its text."""
        for call, text in _sent(body, caught, ctx, _HELPER_DEPTH, database=kind.database):
            name = ctx.call_name(call) or ""
            finding = self.finding(
                ctx,
                call,
                call=name.rsplit(".", 1)[-1],
                confidence=Confidence.HIGH if kind.database else None,
                caught=kind.description,
                text=ast.unparse(text)[:40],
            )
            yield _for_staff(ctx, call, finding)


def _for_staff(ctx: FileContext, node: ast.AST, finding: Finding) -> Finding:
    """Low in a view only staff reach: the text goes to the site's administrators, who
    could read the server's logs as well (an admin's check of the mail settings)."""
    if staff_only(ctx, node):
        return lower_for_context(finding, Severity.LOW, "a view only staff reach")
    return finding


_HELPER_DEPTH = 1
"""How deep `_sent` follows the exception into the module's own helpers."""


def _sent(
    body: list[ast.stmt], caught: set[str], ctx: FileContext, depth: int, *, database: bool
) -> Iterator[tuple[ast.Call, ast.expr]]:
    """Each call of `body` that sends the text of the exception bound to `caught`, with
    that text: a framework response a `return` makes, a function of the module handed
    the exception whose own `return` sends it (`return error_json(exc)`), or an HTTP
    error raised with it as its description (`abort(400, str(exc))`; for a database
    error, also an exception of Django REST framework, whose detail the API sends)."""
    texts: set[str] = set()
    for statement in own_nodes(body, caught):
        if isinstance(statement, ast.Assign) and exception_text(
            statement.value, caught, texts, ctx
        ):
            texts.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    for statement in own_nodes(body, caught):
        if isinstance(statement, ast.Call) and _raises_http_error(statement, ctx, database):
            text = _text_of_arguments(statement, caught, texts, ctx)
            if text is not None:
                yield statement, text
        if not isinstance(statement, ast.Return) or statement.value is None:
            continue
        found = next(
            (
                (call, text)
                for call in _responses(statement.value, ctx)
                if (text := _response_text(call, caught, texts, ctx)) is not None
            ),
            None,
        )
        if found is None and depth > 0:
            found = next(
                _helper_sends(statement.value, caught, ctx, depth - 1, database=database), None
            )
        if found is not None:
            yield found


_RENDERS = frozenset(
    {"flask.render_template", "flask.templating.render_template"}
    | {"flask.render_template_string", "flask.templating.render_template_string"}
    | {"django.shortcuts.render", "django.shortcuts.render_to_response"}
    | {"django.template.response.TemplateResponse"}
)
"""Calls rendering a template into the response with the context they are given (Flask's
as keywords, Django's as a dict)."""
_DJANGO_CONTEXT_AT = {"django.shortcuts.render": 2, "django.shortcuts.render_to_response": 1}


def _response_text(
    call: ast.Call, caught: set[str], texts: set[str], ctx: FileContext
) -> ast.expr | None:
    """The exception's text a response call sends: anywhere in its arguments, or for a
    template render also the exception itself as a value of its context (`error=exc`),
    which the template turns into its text where it writes it."""
    name = ctx.call_name(call) or ""
    if name not in _RENDERS:
        return exception_text(call, caught, texts, ctx)
    values: list[ast.expr] = [k.value for k in call.keywords if k.arg not in (None, "request")]
    if name.startswith("django."):
        context = ctx.argument(call, _DJANGO_CONTEXT_AT.get(name, 2), "context")
        values = list(context.values) if isinstance(context, ast.Dict) else []
    return _first_text(values, caught, texts, ctx)


def _text_locals(body: list[ast.stmt], caught: set[str], ctx: FileContext) -> set[str]:
    """The locals `body` sets from the exception's text (`detail = repr(error)`)."""
    texts: set[str] = set()
    for statement in own_nodes(body, caught):
        if isinstance(statement, ast.Assign) and exception_text(
            statement.value, caught, texts, ctx
        ):
            texts.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return texts


def _body_display(value: ast.expr, ctx: FileContext) -> bool:
    """A body written out (a dict, an f-string, `"..." % text`, a local) or the text
    itself (`str(error)`, its `error.message`), not a call making a response (judged as
    one) or anything else."""
    if isinstance(value, ast.Dict | ast.JoinedStr | ast.BinOp | ast.Name | ast.Attribute):
        return True
    return isinstance(value, ast.Call) and ctx.call_name(value) in {"str", "repr", "format"}


def _raises_http_error(call: ast.Call, ctx: FileContext, database: bool) -> bool:
    """`abort(400, ...)` of Flask, Werkzeug or a REST extension, or a Werkzeug HTTP
    error made (`BadRequest(...)`): what it is given becomes the error response's body;
    with `database`, also an exception of Django REST framework (`ValidationError(...)`)."""
    name = ctx.call_name(call) or ""
    errors = (*_HTTP_ERRORS, *_API_ERRORS) if database else _HTTP_ERRORS
    return name in ABORTS or (name.startswith(errors) and last_part(name)[:1].isupper())


def _text_of_arguments(
    call: ast.Call, caught: set[str], texts: set[str], ctx: FileContext
) -> ast.expr | None:
    """The exception's text among what `call` is given, also the exception itself
    (`abort(500, description=exc)`): the HTTP error's description is turned into text
    where the error response is made."""
    values = [*call.args, *(keyword.value for keyword in call.keywords)]
    return _first_text(values, caught, texts, ctx)


def _first_text(
    values: list[ast.expr], caught: set[str], texts: set[str], ctx: FileContext
) -> ast.expr | None:
    """The first of `values` that is the exception caught or holds its text."""
    for value in values:
        if isinstance(value, ast.Name) and value.id in caught:
            return value
        text = exception_text(value, caught, texts, ctx)
        if text is not None:
            return text
    return None


def _helper_sends(
    value: ast.expr, caught: set[str], ctx: FileContext, depth: int, *, database: bool
) -> Iterator[tuple[ast.Call, ast.expr]]:
    """`error_json(exc)`: a function the module defines, handed the exception caught, that
    returns a response with its text; the call, with that text."""
    for node in own_nodes([ast.Expr(value)]):
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
            for _, text in _sent(function.body, given, ctx, depth, database=database):
                yield node, text
                break


def _handles(decorator: ast.expr, ctx: FileContext) -> Caught | None:
    """What `@app.errorhandler(Exception)` (`@bp.app_errorhandler(IntegrityError)`)
    catches whose text is not the client's (see `caught_kind`); else None."""
    if (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in _ERROR_HANDLERS
        and len(decorator.args) == 1
    ):
        return caught_kind(decorator.args[0], ctx)
    return None


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


def _responses(value: ast.expr, ctx: FileContext) -> Iterator[ast.Call]:
    """The framework response calls in a returned value (`jsonify(...)` of a Flask
    view's `return jsonify(...), 500` too)."""
    for node in own_nodes([ast.Expr(value)]):
        if not isinstance(node, ast.Call):
            continue
        if _imported_response_helper(node, ctx):
            yield node
            continue
        name = ctx.call_name(node)
        if name in _RENDERS:
            yield node
            continue
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
