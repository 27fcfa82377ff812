"""Whether an exempted view authenticates its caller by a signature (WW603): a webhook or
a federated inbox, which other servers call without a session or a token to forge."""

from __future__ import annotations

import ast
import re

from webwarden.model.django.caller_checks import PASSES, caller_check, decorator_verifies
from webwarden.rules.context import FileContext

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_SIGNED = re.compile(
    r"compare_digest|construct_event|(verif|valid|check)\w*signature|"
    r"signature\w*(valid|verif|check)|"
    r"(verify|validate|check)_?(webhook|hmac|signed)"
)
_HMAC_MAKERS = frozenset({"hmac.new", "hmac.HMAC", "hmac.digest"})
_LIBRARY_VERIFIERS = frozenset(
    {"mitol.payment_gateway.api.PaymentGateway.validate_processor_response"}
)
"""Library calls that check a signature under other names: MIT Open Learning's payment
gateway (mitol-django-payment-gateway) recomputes CyberSource's HMAC of the signed
fields with the merchant's key and compares it with the `signature` posted back."""
_STATE_CHANGING = frozenset({"post", "put", "patch", "delete"})


def verifies_signature(ctx: FileContext, node: ast.AST) -> bool:
    """The view checks a signature (`hmac.compare_digest`, Stripe's
    `Webhook.construct_event`, mitol's `PaymentGateway.validate_processor_response`, a `verify_signature` or `has_valid_signature` helper, or a
    sent value compared with an HMAC the view computes: `signature !=
    hmac.new(key, msg, sha256).hexdigest()`, whose timing WW744 reports). For a class,
    or its `dispatch` that goes on only through `super().dispatch()`, every
    state-changing handler the class defines does (also those defined under a
    class-level `if`)."""
    if _checks_signature(ctx, node) or _signed_by_decorator(ctx, node):
        return True
    view = node
    if isinstance(node, _Function):
        owner = ctx.parent(node)
        if node.name != "dispatch" or not isinstance(owner, ast.ClassDef):
            return False
        if caller_check(ctx, node) != PASSES:
            return False
        view = owner
    if not isinstance(view, ast.ClassDef):
        return False
    handlers = [f for f in _class_functions(view.body) if f.name in _STATE_CHANGING]
    return bool(handlers) and all(_checks_signature(ctx, h) for h in handlers)


def _signed_by_decorator(ctx: FileContext, node: ast.AST) -> bool:
    """A function view decorated by a decorator of its own module that refuses every
    request without a signature or header credential first (`decorator_verifies`:
    `@mailgun_verify`, calling the view only `if _verify(data)`)."""
    if not isinstance(node, _Function):
        return False
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        found = ctx.module_function(target.id) if isinstance(target, ast.Name) else None
        if found is not None and found is not node and decorator_verifies(ctx, found):
            return True
    return False


def _class_functions(body: list[ast.stmt]) -> list[_Function]:
    """The functions a class body defines, also under a class-level `if`."""
    found: list[_Function] = []
    for statement in body:
        if isinstance(statement, _Function):
            found.append(statement)
        elif isinstance(statement, ast.If):
            found += _class_functions(statement.body) + _class_functions(statement.orelse)
    return found


def _checks_signature(ctx: FileContext, node: ast.AST, *, follow: bool = True) -> bool:
    """Whether the function checks a signature itself, or (when `follow`) calls a method
    of its class or a function of its module that does (`if not
    self.validate_shared_secret(request): return HttpResponseBadRequest()`)."""
    computed = _hmac_locals(ctx, node)
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call):
            func = inner.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if _SIGNED.search(name.lower()) or ctx.call_name(inner) in _LIBRARY_VERIFIERS:
                return True
            helper = _own_helper(ctx, node, func) if follow else None
            if helper is not None and _checks_signature(ctx, helper, follow=False):
                return True
        elif isinstance(inner, ast.Compare) and all(
            isinstance(op, ast.Eq | ast.NotEq) for op in inner.ops
        ):
            operands = [inner.left, *inner.comparators]
            if any(_makes_hmac(ctx, o) or _named(o, computed) for o in operands):
                return True
    return False


def _own_helper(ctx: FileContext, caller: ast.AST, func: ast.expr) -> _Function | None:
    """The function a call names: `self.name(...)` a method of the caller's class,
    `name(...)` a function of the module."""
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        owner = ctx.parent(caller)
        if func.value.id != "self" or not isinstance(owner, ast.ClassDef):
            return None
        body, name = owner.body, func.attr
    elif isinstance(func, ast.Name):
        body, name = ctx.tree.body, func.id
    else:
        return None
    return next((s for s in _class_functions(body) if s.name == name and s is not caller), None)


def _makes_hmac(ctx: FileContext, node: ast.AST) -> bool:
    """`hmac.new(key, msg, sha256).hexdigest()`: a digest keyed by the server's secret."""
    return any(
        isinstance(inner, ast.Call) and ctx.call_name(inner) in _HMAC_MAKERS
        for inner in ast.walk(node)
    )


def _hmac_locals(ctx: FileContext, node: ast.AST) -> set[str]:
    """The names the view binds to such a digest (`expected = hmac.new(...).hexdigest()`)."""
    return {
        target.id
        for inner in ast.walk(node)
        if isinstance(inner, ast.Assign) and _makes_hmac(ctx, inner.value)
        for target in inner.targets
        if isinstance(target, ast.Name)
    }


def _named(node: ast.AST, names: set[str]) -> bool:
    """One of the names, or its digest (`mac.hexdigest()`, `mac = hmac.new(...)`)."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        node = node.func.value
    return isinstance(node, ast.Name) and node.id in names
