"""WW764: a one-time password check that accepts codes from many time steps."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

MAX_STEPS = 2
"""The widest window reported against: two steps either side (a minute each way with
30-second steps) covers a phone's clock drift and a slow typist."""
STEP_SECONDS = 30
"""PyOTP's default time step (`interval`)."""
_PYOTP_TOTP = frozenset({"pyotp.TOTP", "pyotp.totp.TOTP"})


class TotpWindowWide(PythonRule):
    """## What it does
    Finds PyOTP time-based one-time password checks that accept codes from more than two
    time steps either side of now: `totp.verify(code, valid_window=10)` (on a
    `pyotp.TOTP`, also as the third positional argument, or on an object of another
    class given PyOTP's own `valid_window` keyword, at medium confidence). A window of
    one or two steps is not reported: it covers the clock drift of a phone.

    ## Why is this bad?
    `valid_window=n` accepts `2n + 1` codes at once, and an old code stays valid for `n`
    steps: with 30-second steps, `valid_window=10` accepts 21 codes and a code read over
    a shoulder or phished works for five minutes. Each guess of a second factor is then
    21 times likelier to succeed, which turns the rate limit on the login into a much
    weaker bound (RFC 6238 recommends allowing at most one step of network delay).

    ## Known problems
    A window given by a variable or a setting is not followed. A verification that
    remembers the last code used (so a code cannot be replayed) still accepts guesses
    across the whole window.

    ## Example
    ```python
    import pyotp

    def second_factor_ok(user, code):
        return pyotp.TOTP(user.totp_key).verify(code, valid_window=10)
    ```

    ## Fix
    ```python
    import pyotp

    def second_factor_ok(user, code):
        return pyotp.TOTP(user.totp_key).verify(code, valid_window=1)
    ```

    ## References
    - [CWE-307: Improper Restriction of Excessive Authentication Attempts](https://cwe.mitre.org/data/definitions/307.html)
    - [RFC 6238: TOTP, section 5.2 (validation and time-step size)](https://www.rfc-editor.org/rfc/rfc6238#section-5.2)
    - [PyOTP: TOTP.verify](https://pyauth.github.io/pyotp/#pyotp.totp.TOTP.verify)
    """

    code = "WW764"
    name = "totp-window-wide"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 307
    message = (
        "`{call}` accepts one-time codes from {steps} time steps either side: {codes} codes "
        "at once, each valid for about {minutes} minutes"
    )
    fix = "verify with `valid_window=1` (or 0), and rate-limit the second-factor step"
    calls = frozenset({".verify"})
    mentions = ("valid_window",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        func = node.func
        if not isinstance(func, ast.Attribute) or func.attr != "verify":
            return
        window = ctx.evaluate(ctx.argument(node, 2, "valid_window"))
        if not isinstance(window, int) or isinstance(window, bool) or window <= MAX_STEPS:
            return
        pyotp = ctx.origin(func.value) in _PYOTP_TOTP
        if not pyotp and ctx.keyword(node, "valid_window") is None:
            return  # NOTE: a third positional argument says nothing of another object
        yield self.finding(
            ctx,
            node,
            confidence=Confidence.HIGH if pyotp else Confidence.MEDIUM,
            call=f"{ast.unparse(func)}()",
            steps=window,
            codes=2 * window + 1,
            minutes=f"{window * STEP_SECONDS / 60:g}",
        )
