"""WW773: an e-mailed link carrying a secret, whose scheme and host the request chooses."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words, sounds_secret
from webwarden.rules.auth._link_parts import SECRET_MAKERS, leading_parts, request_choice
from webwarden.rules.auth._mail import FILLS, callee, carriers, sends_mail
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_CHECKS = frozenset(
    {"url_has_allowed_host_and_scheme", "is_safe_url", "is_allowed_url", "validate_host"}
)
"""Calls that check a URL's host against the site's own (a base they pass is no
attacker's)."""
_CHECK_WORDS = frozenset({"allowed", "whitelist", "allowlist", "trusted", "permitted"})
_SECRET_LAST = frozenset({"code", "key"})
_LINK_LAST = frozenset(
    {"url", "uri", "link", "href", "path", "page", "endpoint", "host", "domain", "base", "view"}
)
"""Last words of a name for where a link leads (`reset_password_url`), not a secret."""


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
        if not sends_mail(ctx, node) or _inside_mail(ctx, node):
            return
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return
        found = _poisoned_link(ctx, function, node)
        if found is not None:
            source, carried = found
            yield self.finding(
                ctx, node, mail=_mail_text(ctx, node), source=source, carried=carried
            )

    def visit_keyword(self, node: ast.keyword, ctx: FileContext) -> Iterator[Finding]:
        if node.arg != "domain_override":
            return
        source = request_choice(ctx, node.value, _definitions(ctx, node))
        if source is not None:
            yield self.finding(
                ctx, node, mail="PasswordResetForm.save", source=source, carried="its reset token"
            )


def _inside_mail(ctx: FileContext, node: ast.Call) -> bool:
    """Whether `node` is part of another mail call of its statement (the message of
    `mail.send(Message(...))`): that call is judged."""
    holder = ctx.parent(node)
    while holder is not None and not isinstance(holder, ast.stmt):
        if isinstance(holder, ast.Call) and sends_mail(ctx, holder):
            return True
        holder = ctx.parent(holder)
    return False


def _mail_text(ctx: FileContext, node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
        return f"{callee(ctx, func.value)}(...).{func.attr}"
    return callee(ctx, node)


def _definitions(ctx: FileContext, node: ast.AST) -> dict[str, list[ast.expr]]:
    function = ctx.scopes.enclosing_function(node)
    return ctx.scopes.bindings(function) if function is not None else {}


def _poisoned_link(
    ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef, mail: ast.Call
) -> tuple[str, str] | None:
    """The request data a link `mail` carries starts with, and the secret it holds."""
    defs = ctx.scopes.bindings(function)
    checked = _checked_names(function)
    for whole, lead in leading_parts(function):
        source = request_choice(ctx, lead, defs)
        if source is None or _checked(lead, defs, checked):
            continue
        held = carriers(function, _holders(ctx, whole), _names)
        if not _mailed(mail, held, whole):
            continue
        secret = _secret(function, held, whole, {id(n) for n in ast.walk(lead)})
        if secret is not None:
            return source, secret
    return None


def _holders(ctx: FileContext, whole: ast.expr) -> set[str]:
    """The locals the statement holding the link writes it into (`link = f"{base}?t={t}"`,
    `context = {"link": ...}`, `msg.body = ...`, `context.update(link=...)`)."""
    statement: ast.AST | None = whole
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = ctx.parent(statement)
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    elif (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Attribute)
        and statement.value.func.attr in FILLS
    ):
        targets = [statement.value.func.value]
    return {name for name in map(_root, targets) if name is not None}


def _mailed(mail: ast.Call, held: set[str], whole: ast.expr) -> bool:
    arguments = [*mail.args, *(k.value for k in mail.keywords)]
    if isinstance(mail.func, ast.Attribute):
        arguments.append(mail.func.value)  # NOTE: `msg.send()` sends what `msg` was filled with
    return any(
        _names(argument) & held or any(inner is whole for inner in ast.walk(argument))
        for argument in arguments
    )


def _secret(function: ast.AST, held: set[str], whole: ast.expr, lead: set[int]) -> str | None:
    """The secret the link holds: in its own text, or written into a local that holds
    it (`query.update({"code": code})` before `urlencode(query)`)."""
    parts: list[ast.AST] = [whole, *_written(function, held, fills=False)]
    seen: set[str] = set()
    while parts:
        part = parts.pop()
        for inner in ast.walk(part):
            if id(inner) in lead:
                continue
            secret = _secret_read(inner)
            if secret is not None:
                return secret
            if isinstance(inner, ast.Name) and inner.id not in seen:
                seen.add(inner.id)
                parts.extend(_written(function, {inner.id}, fills=True))
    return None


def _written(function: ast.AST, names: set[str], *, fills: bool) -> list[ast.AST]:
    """What `function` writes into the locals `names`, in the order written: the values
    bound or assigned into them and, with `fills`, what `update()`/`setdefault()` add."""
    found: list[ast.AST] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_root(target) in names for target in targets):
                found.append(node.value)
        elif (
            fills
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"update", "setdefault"}
            and _root(node.func.value) in names
        ):
            found.extend([*node.args, *node.keywords])
    return found


def _secret_read(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func).rpartition(".")[2]
        if name in SECRET_MAKERS:
            return ast.unparse(node)
        return None
    named: str | None = None
    if isinstance(node, ast.Name | ast.arg):
        named = node.id if isinstance(node, ast.Name) else node.arg
    elif isinstance(node, ast.Attribute):
        named = node.attr
    elif isinstance(node, ast.keyword):
        named = node.arg
    if named is None:
        return None
    words = identifier_words(named)
    if not words or words[-1] in _LINK_LAST:
        return None
    if sounds_secret(named) or words[-1] in _SECRET_LAST:
        return named
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


def _root(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Starred):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def _names(node: ast.AST) -> set[str]:
    return {inner.id for inner in ast.walk(node) if isinstance(inner, ast.Name)}
