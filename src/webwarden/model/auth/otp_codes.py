"""One-time codes a module computes itself (HOTP and TOTP, RFC 4226 and RFC 6238)."""

from __future__ import annotations

import ast

from webwarden.model.auth.hmac_keys import HMAC_CALLS
from webwarden.model.module import FileContext

_SIGN_MASK = 0x7FFFFFFF
"""RFC 4226's dynamic truncation keeps 31 bits of the four bytes it picks out."""


def computes_otp(ctx: FileContext) -> bool:
    """Whether the module computes one-time codes as RFC 4226 does (an authenticator
    app's TOTP, checked without PyOTP): it calls `hmac.new`, masks a value with
    `0x7FFFFFFF` and reduces one modulo a power of ten (`% 1000000`, `% 10 ** digits`)."""
    if not ctx.mentions("hmac"):
        return False
    if not any(
        isinstance(n, ast.Call) and ctx.call_name(n) in HMAC_CALLS for n in ctx.nodes(ast.Call)
    ):
        return False
    masked = reduced = False
    for node in ctx.nodes(ast.BinOp, ast.AugAssign):
        assert isinstance(node, ast.BinOp | ast.AugAssign)  # noqa: S101 - nodes()
        operand = node.right if isinstance(node, ast.BinOp) else node.value
        masked = masked or (isinstance(node.op, ast.BitAnd) and _constant(operand) == _SIGN_MASK)
        reduced = reduced or (isinstance(node.op, ast.Mod) and _power_of_ten(operand))
    return masked and reduced


def _constant(node: ast.expr) -> object:
    return node.value if isinstance(node, ast.Constant) else None


def _power_of_ten(node: ast.expr) -> bool:
    """`1000000` (six digits or more), or `10 ** digits`."""
    value = _constant(node)
    if isinstance(value, int) and not isinstance(value, bool):
        return value >= 10**6 and str(value).rstrip("0") == "1"
    return (
        isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and _constant(node.left) == 10
    )
