"""Whether a Flask view turns away, before it does anything, every request that does not
prove a credential of its caller (`webwarden.model.caller_checks`): whatever it reads of
`flask.request` may carry one."""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.model.caller_checks import (
    Credential,
    HelperCheck,
    called_helper,
    proves,
    refusal,
    refuses_unproven,
)
from webwarden.model.module import FileContext
from webwarden.model.raising_checks import deployed
from webwarden.model.returned_refusals import returns_none_or

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_REQUEST = "flask.request"
_HANDLERS = frozenset({"get", "head", "options", "post", "put", "patch", "delete"})


def verifies_caller(ctx: FileContext, function: ast.AST) -> bool:
    """Whether the view's first act refuses a request that proves no credential:
    `if request.headers.get(H) != SECRET: return ...`, `if not verify_signature(request.form):
    return ...`, a `try` decoding a JSON Web Token with a key whose handlers return or
    raise, or a call of a check of its class or module that raises unless the request
    proves its caller (`self.validate_signature()`, reading `request` itself). A view
    class (`MethodView`, Flask-RESTX's `Resource`) does when each handler it defines
    (`get`, `post`, ...) does."""
    if isinstance(function, ast.ClassDef):
        handlers = [s for s in function.body if isinstance(s, _FUNCTIONS) and s.name in _HANDLERS]
        return bool(handlers) and all(verifies_caller(ctx, h) for h in handlers)
    if not isinstance(function, _FUNCTIONS):
        return False
    owner = ctx.parent(function)

    def request(node: ast.expr) -> bool:
        return ctx.qualified(node) == _REQUEST

    cls = owner if isinstance(owner, ast.ClassDef) else None
    return refuses_unproven(
        ctx,
        function.body,
        request,
        _helper_raises(ctx, cls, request),
        helper_refuses=_helper_refuses(ctx, cls, request),
    )


_Helper = ast.FunctionDef | ast.AsyncFunctionDef


def _helper_raises(
    ctx: FileContext, owner: ast.ClassDef | None, request: Credential
) -> HelperCheck:
    """Whether a call runs a method of the view's class (`self.validate_signature()`, a
    static one too) or a function of the module that refuses first, by raising, every
    request proving no credential, in what Flask's global `request` holds or in what the
    call hands it, and leaves only by raising or at its end: past the call, the caller
    is proven. The helper's own calls are not followed."""

    def leaves_at_end(helper: _Helper) -> bool:
        sent = _sent_locals(helper, request)

        def proven(test: ast.expr) -> bool:
            return proves(ctx, test, lambda n: request(n) or _names(n, sent))

        return _returns_only_at_end(helper.body, helper.body[-1:], proven)

    return _helper_check(ctx, owner, request, leaves_at_end)


def _helper_refuses(
    ctx: FileContext, owner: ast.ClassDef | None, request: Credential
) -> HelperCheck:
    """Whether a call runs a method of the view's class or a function of the module (as
    `_helper_raises` finds it) that returns a refusal first for every request proving no
    credential (`if not compare_digest(request.headers.get(H, ""), SECRET): return
    jsonify(message="Unauthorized"), 401`) and otherwise `None`: the view hands the
    refusal back when it is set (`returned_refusals`)."""
    return _helper_check(
        ctx, owner, request, lambda helper: returns_none_or(helper, lambda r: refusal(ctx, [r]))
    )


def _helper_check(
    ctx: FileContext,
    owner: ast.ClassDef | None,
    request: Credential,
    shaped: Callable[[_Helper], bool],
) -> HelperCheck:
    """Whether a call runs a method of the view's class or a function of the module that
    is `shaped` so and refuses first every request proving no credential, in what
    Flask's global `request` holds or in what the call hands it."""

    def checks(call: ast.Call, carried: Credential) -> bool:
        helper = called_helper(ctx, call.func, owner)
        if helper is None or not shaped(helper):
            return False
        names = _given(helper, call, owner, carried)
        return refuses_unproven(
            ctx,
            helper.body,
            lambda node: request(node) or (isinstance(node, ast.Name) and node.id in names),
        )

    return checks


def _given(
    helper: ast.FunctionDef | ast.AsyncFunctionDef,
    call: ast.Call,
    owner: ast.ClassDef | None,
    carried: Credential,
) -> set[str]:
    """The helper's parameters the call hands what the request carries."""
    parameters = helper.args.posonlyargs + helper.args.args
    static = any(_named(d, "staticmethod") for d in helper.decorator_list)
    offset = 1 if owner is not None and isinstance(call.func, ast.Attribute) and not static else 0
    return {
        parameters[index + offset].arg
        for index, argument in enumerate(call.args)
        if index + offset < len(parameters) and carried(argument)
    }


def _returns_only_at_end(
    body: list[ast.stmt], last: list[ast.stmt], proven: Callable[[ast.expr], bool]
) -> bool:
    """No `return` but the function's last statement, in the code a deployment runs
    (`if config.validate_webhooks: raise ...` drops the local run's `return`), or in
    the body of an `if` holding only for a proven caller (`if token == SECRET: return`):
    a failed check cannot hand back a value the caller goes on with (`False` for a bad
    token)."""
    for statement in deployed(body):
        if isinstance(statement, ast.Return) and statement not in last:
            return False
        if isinstance(statement, (*_FUNCTIONS, ast.ClassDef)):
            continue
        fields: tuple[str, ...] = ("body", "orelse", "finalbody")
        if isinstance(statement, ast.If) and proven(statement.test):
            fields = ("orelse",)
        for field in fields:
            nested = getattr(statement, field, None)
            if isinstance(nested, list) and not _returns_only_at_end(nested, last, proven):
                return False
        for handler in getattr(statement, "handlers", ()):
            if not _returns_only_at_end(handler.body, last, proven):
                return False
    return True


def _sent_locals(function: ast.FunctionDef | ast.AsyncFunctionDef, request: Credential) -> set[str]:
    """Locals the function binds to what the request sent (`token =
    request.json.get("token")`), also through one another (`sent = token.strip()`)."""
    sent: set[str] = set()
    assignments = [n for n in ast.walk(function) if isinstance(n, ast.Assign)]
    for _ in range(2):  # NOTE: `ast.walk` meets a nested assignment after later ones
        for node in assignments:
            if any(
                isinstance(n, ast.expr) and (request(n) or _names(n, sent))
                for n in ast.walk(node.value)
            ):
                sent.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return sent


def _names(node: ast.expr, names: set[str]) -> bool:
    return isinstance(node, ast.Name) and node.id in names


def _named(decorator: ast.expr, name: str) -> bool:
    return isinstance(decorator, ast.Name) and decorator.id == name
