"""The confirmation e-mails django-allauth's account adapter sends, with the context it
gives them."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.facts import ContextName, RenderFact

_ADAPTER = "allauth.account.adapter.DefaultAccountAdapter"
_TEMPLATES = (
    "account/email/email_confirmation_message.html",
    "account/email/email_confirmation_signup_message.html",
)
"""The HTML bodies of the e-mails asking a user to confirm an address (allauth sends
`{prefix}_message.html` beside the text body when the project has one)."""
_PLAIN = ("activate_url", "key", "code")
"""What allauth puts in their context as text holding no markup: `key` an HMAC-signed
token (letters, digits, `:`, `-`, `_`) or a random key of letters and digits;
`activate_url` the path `reverse()` makes of it, on the current site's domain or the
request's host (which Django only returns once `ALLOWED_HOSTS` accepted it and the host
pattern matched); `code` a verification code of letters and digits."""
_SITE = "current_site"
"""The `Site` allauth gives them too (`get_current_site()`): its `domain` and `name` are
what the site's operator set, configuration."""
_OTHERS = ("user", "email")
_BUILDERS = frozenset({"get_email_confirmation_url", "send_confirmation_mail"})
"""Adapter methods building the link or the whole context: overridden, they may give
anything."""
_SENDERS = frozenset({"send_mail", "render_mail"})
"""Adapter methods handed the context: overridden, they may add names (the context is
then not all known) or set those of `_PLAIN` to something else."""


def confirmation_email_renders(
    ctx: FileContext, node: ast.ClassDef, function: str
) -> Iterator[RenderFact]:
    """The confirmation e-mails a project's subclass of allauth's `DefaultAccountAdapter`
    (or of a class named like one, `AccountAdapter`: the project's own, which it may
    derive from) sends, rendered with `_PLAIN`, `_SITE` and `_OTHERS`; `_PLAIN` is not
    known to be plain text, nor `_SITE` configuration, when it builds the link or the
    context itself (`_BUILDERS`), or sets one of those items where it is handed the
    context (`_SENDERS`); the context may hold more when it overrides one of those."""
    if not any(_adapter(ctx.qualified(base) or "") for base in node.bases):
        return
    methods = [
        statement
        for statement in node.body
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    senders = [method for method in methods if method.name in _SENDERS]
    plain = not any(method.name in _BUILDERS for method in methods) and not any(
        _sets_plain(method) for method in senders
    )
    where = ctx.location(node)
    context = [ContextName(name, where, inert=plain) for name in _PLAIN]
    context += [ContextName(_SITE, where, configuration=plain)]
    context += [ContextName(name, where) for name in _OTHERS]
    for template in _TEMPLATES:
        yield RenderFact(
            function, (template,), where, "django", tuple(context), opaque=bool(senders)
        )


def _sets_plain(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the method sets an item named like one of `_PLAIN` or `_SITE`
    (`context["code"] = ...`), or hands its context to `update()`, which may."""
    for node in ast.walk(method):
        targets = node.targets if isinstance(node, ast.Assign) else []
        for target in targets:
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.slice, ast.Constant)
                and target.slice.value in (*_PLAIN, _SITE)
            ):
                return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("update", "setdefault")
        ):
            return True
    return False


def _adapter(base: str) -> bool:
    """allauth's `DefaultAccountAdapter`, or a class named like an account adapter (a
    project's subclass of it, from another module: `accounts.adapter.AccountAdapter`)."""
    return base == _ADAPTER or base.rpartition(".")[2].endswith("AccountAdapter")
