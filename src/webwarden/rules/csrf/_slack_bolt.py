"""Views that hand the request to Slack Bolt's Django adapter, which checks Slack's
signature of every request before the app sees it."""

from __future__ import annotations

import ast

from webwarden.rules.context import FileContext

_HANDLER = "SlackRequestHandler"
_LIBRARY = "slack_bolt.adapter.django"
_VERIFICATION_OFF = "request_verification_enabled"
"""The `App(...)` argument that turns Bolt's `RequestVerification` middleware off."""


def hands_to_bolt(ctx: FileContext, node: ast.AST) -> bool:
    """The view hands the request to a Slack Bolt `SlackRequestHandler`
    (`handler.handle(request)`, `handler = SlackRequestHandler(app=app)` in the module):
    Bolt refuses every request whose `X-Slack-Signature` its signing secret did not make
    (on by default: Slack's own Django example exempts the view so), and a page on another
    site cannot sign what it posts. Not when the module turns that check off
    (`request_verification_enabled=False`)."""
    handlers = _handler_names(ctx)
    for inner in ast.walk(node):
        if not (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Attribute)):
            continue
        if inner.func.attr != "handle":
            continue
        held = inner.func.value
        if (isinstance(held, ast.Name) and held.id in handlers) or _makes_handler(ctx, held):
            return not _verification_off(ctx)
    return False


def _handler_names(ctx: FileContext) -> set[str]:
    """Names the module assigns a `SlackRequestHandler` to, and nothing else."""
    made: set[str] = set()
    other: set[str] = set()
    for node in ctx.nodes(ast.Assign):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name):
                (made if _makes_handler(ctx, node.value) else other).add(target.id)
    return made - other


def _makes_handler(ctx: FileContext, value: ast.expr) -> bool:
    if not isinstance(value, ast.Call):
        return False
    name = ctx.call_name(value) or ""
    return name.startswith(_LIBRARY) and name.endswith(_HANDLER)


def _verification_off(ctx: FileContext) -> bool:
    return any(
        isinstance(node, ast.Call)
        and any(
            k.arg == _VERIFICATION_OFF
            and not (isinstance(k.value, ast.Constant) and k.value.value is True)
            for k in node.keywords
        )
        for node in ctx.nodes(ast.Call)
    )
