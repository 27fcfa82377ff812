"""WW11105: a password-reset or account-activation token written to a log."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.names import last_name
from webwarden.rules.auditing._logs import LOG_CALLS, carried_parts, writes_log
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_MAKE = "make_token"
_CHECK = "check_token"
_CONFIRM_WORDS = ("resetconfirm", "confirmreset")
"""Words (lower case, without `_`) of the views taking a reset link's token: Django's
`PasswordResetConfirmView` and the old `password_reset_confirm` function."""


class ResetTokenLogged(PythonRule):
    """## What it does
    Finds a token of a password-reset or account-activation link given to a logger's
    `debug()` ... `critical()`, to `print()` or to `sentry_sdk.capture_message()`, as an
    argument or inside the message built for it (an f-string, `%` or `+`, `.format()`,
    `str()`, a tuple, list or dict): a value a token generator made
    (`default_token_generator.make_token(user)`, a project's
    `PasswordResetTokenGenerator` subclass), or in the function that checks one, the
    value it checks (`generator.check_token(user, token)`) or hands as `token=` to
    Django's `PasswordResetConfirmView` (the URL's token of a view wrapping it).

    ## Why is this bad?
    The token is the link mailed to the user: whoever holds it sets the account's
    password, or activates and signs in to the account, without knowing anything else,
    until it expires (`PASSWORD_RESET_TIMEOUT`, three days by default) or the password
    changes. Logs are kept for months, shipped to log stores and error trackers and
    read by people who must never take over users' accounts.

    ## Known problems
    Only values this module shows made or checked as such a token are followed: a token
    handed over from another module, or held in a dict, is not reported. Test code is
    not judged.

    ## Example
    ```python
    import logging

    from django.contrib.auth.tokens import default_token_generator

    log = logging.getLogger(__name__)


    def send_reset(user):
        token = default_token_generator.make_token(user)
        log.info("reset token %s for %s", token, user.pk)
        return token
    ```

    ## Fix
    ```python
    import logging

    from django.contrib.auth.tokens import default_token_generator

    log = logging.getLogger(__name__)


    def send_reset(user):
        token = default_token_generator.make_token(user)
        log.info("reset link sent to user %s", user.pk)
        return token
    ```
    Log that a link was sent and to which account, never the token.

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [Django: `PasswordResetTokenGenerator`](https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView)
    - [OWASP Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    """

    code = "WW11105"
    name = "reset-token-logged"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 532
    frameworks = frozenset({Framework.DJANGO})
    message = "the account token `{read}` is written in clear text to `{call}()`"
    fix = "leave the token out of the message; log the account and that a link was sent"
    calls = LOG_CALLS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not writes_log(ctx, node):
            return
        call = ast.unparse(node.func)[:40]
        for argument in (*node.args, *(k.value for k in node.keywords)):
            for part in carried_parts(argument):
                if _made_token(part) or _account_token(ctx, part):
                    yield self.finding(ctx, part, read=ast.unparse(part)[:60], call=call)
                    return


def _made_token(node: ast.expr) -> bool:
    """`generator.make_token(user)`."""
    return isinstance(node, ast.Call) and last_name(node.func) == _MAKE


def _account_token(ctx: FileContext, node: ast.expr) -> bool:
    """A local bound to a made token, or one its function checks as a token or hands to
    a reset confirmation view as `token=`."""
    if not isinstance(node, ast.Name):
        return False
    values = ctx.scopes.values_of(node) or []
    if any(_made_token(v) for v in values):
        return True
    function = ctx.scopes.enclosing_function(node)
    if function is None:
        return False
    return any(
        isinstance(call, ast.Call) and _takes_token(ctx, call, node.id)
        for call in ast.walk(function)
    )


def _takes_token(ctx: FileContext, call: ast.Call, name: str) -> bool:
    """`generator.check_token(user, token)`, or `PasswordResetConfirmView.as_view(...)(
    request, uidb64=uidb64, token=token)` (the view also held by a local first), given
    the local `name` as the token."""
    if last_name(call.func) == _CHECK:
        given = [*call.args[1:2], *(k.value for k in call.keywords if k.arg == "token")]
        return any(isinstance(g, ast.Name) and g.id == name for g in given)
    if not any(
        k.arg == "token" and isinstance(k.value, ast.Name) and k.value.id == name
        for k in call.keywords
    ):
        return False
    view = call.func
    if isinstance(view, ast.Name):
        view = ctx.scopes.made_by(view) or view
    if isinstance(view, ast.Call) and last_name(view.func) == "as_view":
        view = view.func.value if isinstance(view.func, ast.Attribute) else view.func
    words = last_name(view).lower().replace("_", "")
    return any(word in words for word in _CONFIRM_WORDS)
