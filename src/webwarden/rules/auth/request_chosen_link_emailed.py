"""WW773: an e-mailed link carrying a secret, whose scheme and host the request chooses."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words
from webwarden.rules.auth._link_parts import leading_parts_in, request_choice
from webwarden.rules.auth._mail import sends_mail
from webwarden.rules.auth._mailed_links import inside_mail, mail_text, mailed_secret
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_CHECKS = frozenset(
    {"url_has_allowed_host_and_scheme", "is_safe_url", "is_allowed_url", "validate_host"}
)
"""Calls that check a URL's host against the site's own (a base they pass is no
attacker's)."""
_CHECK_WORDS = frozenset({"allowed", "whitelist", "allowlist", "trusted", "permitted"})


class RequestChosenLinkEmailed(PythonRule):
    """## What it does
    Finds an e-mail (`send_mail`, `EmailMessage`, Flask-Mail's `Message`, a project's
    `send_email`) carrying a link that holds a secret (a password-reset or confirmation
    token, a one-time code) and whose start, the scheme and host, comes from the request:
    a field of the body or query string (`request.data["reset_url"]`,
    `serializer.validated_data["callback"]`, `request.form["next_url"]`) or the `Origin`,
    `Referer` or `X-Forwarded-Host` header. Django's `PasswordResetForm.save()` given a
    `domain_override` from the request is the same flow. The link is followed through
    the function: text built from it, a dictionary or template context it is put in,
    a URL split (`urlsplit`) and put together again with the token in its query.

    ## Why is this bad?
    Anyone can ask for a password reset of someone else's account, give a link of their
    own site and have the application e-mail the victim a genuine message whose link
    leads there, token included: one click (or a mail scanner that follows links) hands
    the attacker the token, and with it the account. This is password-reset poisoning;
    the same holds for confirmation, invitation and magic-login links. The reset page's
    address is the site's own: take it from code or settings, never from the request.

    ## Known problems
    The link is followed within one function, without telling branches apart: a check of
    the base URL against the site's hosts (`url_has_allowed_host_and_scheme`, a call
    named for an allow-list) anywhere in the function is taken to guard it. A base
    handed to a helper that builds and mails the link elsewhere is not seen. Flask's
    `url_for(..., _external=True)` and Django's `build_absolute_uri()` take the host
    from the request's `Host` header, which Django checks against `ALLOWED_HOSTS`; they
    are not reported here.

    ## Example
    ```python
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from rest_framework.views import APIView

    class ResetView(APIView):
        def post(self, request):
            user = User.objects.get(email=request.data["email"])
            token = default_token_generator.make_token(user)
            link = f"{request.data['reset_url']}?token={token}"
            send_mail("Reset your password", link, None, [user.email])
    ```

    ## Fix
    ```python
    from django.conf import settings

    class ResetView(APIView):
        def post(self, request):
            user = User.objects.get(email=request.data["email"])
            token = default_token_generator.make_token(user)
            link = f"{settings.FRONTEND_URL}/reset?token={token}"
            send_mail("Reset your password", link, None, [user.email])
    ```

    ## References
    - [CWE-640: Weak Password Recovery Mechanism for Forgotten Password](https://cwe.mitre.org/data/definitions/640.html)
    - [OWASP Forgot Password Cheat Sheet: URL tokens](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html#url-tokens)
    - [PortSwigger: Password reset poisoning](https://portswigger.net/web-security/host-header/exploiting/password-reset-poisoning)
    """

    code = "WW773"
    name = "request-chosen-link-emailed"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 640
    message = (
        "the link e-mailed by `{mail}` starts with `{source}`, which the request chooses,"
        " and carries `{carried}`"
    )
    fix = "build the link from the site's own address (a setting), never from the request"
    mentions = ("mail",)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not sends_mail(ctx, node) or inside_mail(ctx, node):
            return
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return
        found = _poisoned_link(ctx, function, node)
        if found is not None:
            source, carried = found
            yield self.finding(ctx, node, mail=mail_text(ctx, node), source=source, carried=carried)

    def visit_keyword(self, node: ast.keyword, ctx: FileContext) -> Iterator[Finding]:
        if node.arg != "domain_override":
            return
        source = request_choice(ctx, node.value, _definitions(ctx, node))
        if source is not None:
            yield self.finding(
                ctx, node, mail="PasswordResetForm.save", source=source, carried="its reset token"
            )


def _definitions(ctx: FileContext, node: ast.AST) -> dict[str, list[ast.expr]]:
    function = ctx.scopes.enclosing_function(node)
    return ctx.scopes.bindings(function) if function is not None else {}


def _poisoned_link(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, mail: ast.Call
) -> tuple[str, str] | None:
    """The request data a link `mail` carries starts with, and the secret it holds."""
    defs = ctx.scopes.bindings(function)
    checked = _checked_names(function)
    for whole, lead in leading_parts_in(ctx, function):
        source = request_choice(ctx, lead, defs)
        if source is None or _checked(lead, defs, checked):
            continue
        secret = mailed_secret(ctx, function, mail, whole, lead)
        if secret is not None:
            return source, secret
    return None


def _checked_names(function: ast.AST) -> set[str]:
    """What is handed to a check of a URL's host (`url_has_allowed_host_and_scheme(url,
    ...)`, `if base not in settings.ALLOWED_FRONTENDS`), as written."""
    found: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            last = ast.unparse(node.func).rpartition(".")[2]
            if last in _CHECKS or _CHECK_WORDS & set(identifier_words(last)):
                found.update(
                    ast.unparse(a) for a in [*node.args, *(k.value for k in node.keywords)]
                )
        elif isinstance(node, ast.Compare) and any(
            isinstance(op, ast.In | ast.NotIn) for op in node.ops
        ):
            found.add(ast.unparse(node.left))
    return found


def _checked(lead: ast.expr, defs: dict[str, list[ast.expr]], checked: set[str]) -> bool:
    """Whether the link's start, or what the local it is read from is bound to, is
    checked."""
    if ast.unparse(lead) in checked:
        return True
    if isinstance(lead, ast.Name):
        return any(ast.unparse(value) in checked for value in defs.get(lead.id, []))
    return False
