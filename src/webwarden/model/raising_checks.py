"""Checks of a caller's credential that raise, and the code a deployment runs.

Stripe's `Webhook.construct_event(payload, signature, secret)` returns the event only when
the `Stripe-Signature` header signs the payload with the endpoint's secret, and raises
otherwise: nothing after it runs for a request Stripe did not sign. A view may skip such a
check in its test mode (`if settings.TESTING: event = request.get_json()`); a deployment
takes the other arm.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from webwarden.model.module import FileContext

_RAISING = frozenset(
    {"stripe.Webhook.construct_event", "stripe.webhook.Webhook.construct_event"}
    | {"stripe.WebhookSignature.verify_header", "stripe.webhook.WebhookSignature.verify_header"}
)
"""Library checks that raise unless the request's signature holds (Stripe's webhooks)."""
_TESTING = frozenset({"TESTING", "testing"})
"""Flask's `TESTING` setting (`app.testing`), Django projects' own `settings.TESTING`."""


def raising_check(
    ctx: FileContext, statement: ast.stmt, carried: Callable[[ast.expr], bool]
) -> bool:
    """`event = stripe.Webhook.construct_event(payload, sig_header, secret)` as a
    statement, handed what the request sent: it raises unless the sender signed it."""
    if not isinstance(statement, ast.Assign | ast.Expr):
        return False
    call = statement.value
    if not isinstance(call, ast.Call) or ctx.call_name(call) not in _RAISING:
        return False
    return any(carried(a) for a in [*call.args, *(k.value for k in call.keywords)])


def deployed(statements: list[ast.stmt]) -> list[ast.stmt]:
    """The statements, each `if` on the app's test mode (`if settings.TESTING:`, `if not
    app.testing:`, `if current_app.config["TESTING"]:`) or on a setting switching the
    check of webhooks on (`if config.validate_webhooks:`, `if not
    settings.VERIFY_SIGNATURES:`) replaced by the arm a deployment runs, up to the first
    that leaves (`return`, `raise`): what follows it never runs."""
    found: list[ast.stmt] = []
    for statement in statements:
        arm = _deployed_arm(statement)
        found.extend(deployed(arm) if arm is not None else [statement])
        if found and isinstance(found[-1], ast.Return | ast.Raise):
            break
    return found


def _deployed_arm(statement: ast.stmt) -> list[ast.stmt] | None:
    if not isinstance(statement, ast.If):
        return None
    test = statement.test
    negated = isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)
    if isinstance(test, ast.UnaryOp) and negated:
        test = test.operand
    if _testing_flag(test):
        return statement.body if negated else statement.orelse
    if _checking_flag(test):
        return statement.orelse if negated else statement.body
    return None


def _testing_flag(node: ast.expr) -> bool:
    """`TESTING`, `settings.TESTING`, `app.testing`, `config["TESTING"]`,
    `config.get("TESTING")`."""
    match node:
        case ast.Name(id=name):
            return name == "TESTING"
        case ast.Attribute(attr=name):
            return name in _TESTING
        case ast.Subscript(slice=ast.Constant(value=str() as key)):
            return key == "TESTING"
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value="TESTING"), *_]):
            return True
    return False


_SWITCH = re.compile(r"(?:^|_)(?:verify|validate|check)_?(?:\w+_)?(?:webhook|hook|signature)s?$")
"""A setting switching the check of what senders sign on (`validate_webhooks`,
`VERIFY_SIGNATURES`, `check_hook_signatures`), named for checking, not for TLS."""


def _checking_flag(node: ast.expr) -> bool:
    """`config.validate_webhooks`, `settings.VERIFY_WEBHOOK_SIGNATURES`,
    `app.config["VERIFY_SIGNATURES"]`, `config.get("validate_webhooks")`: a setting of the
    app that, on in a deployment, makes it check its webhooks' senders."""
    match node:
        case ast.Attribute(value=ast.Name() | ast.Attribute(), attr=name):
            pass
        case ast.Subscript(slice=ast.Constant(value=str() as name)):
            pass
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value=str() as name), *_]):
            pass
        case _:
            return False
    return _SWITCH.search(name.lower()) is not None
