"""The e-mails Django's password reset view sends, with the context its form gives them."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.facts import ContextName, RenderFact

_RESET_VIEW = "django.contrib.auth.views.PasswordResetView"
_EMAIL_TEMPLATES = {
    "email_template_name": "registration/password_reset_email.html",
    "html_email_template_name": None,
}
"""The view's attributes naming the e-mail's templates, with Django's default (the HTML
body is sent only when one is named)."""
_PLAIN = ("protocol", "domain", "uid", "token")
"""What `PasswordResetForm.save` puts in the e-mail's context as text holding no markup:
`protocol` is `https` or `http`; `domain` the current site's, the `Site` row the operator
set or else the request's host, which Django only returns once `ALLOWED_HOSTS` accepted
it and the host pattern (letters, digits, `.-:[]`) matched; `uid` the user's key in
URL-safe base64; `token` letters, digits and `-`. Not `user`, `email` or `site_name`."""
_OTHERS = ("email", "user", "site_name")


def reset_email_renders(
    ctx: FileContext, node: ast.ClassDef, function: str
) -> Iterator[RenderFact]:
    """The e-mail templates a subclass of Django's `PasswordResetView` sends (its
    `email_template_name` and `html_email_template_name`, or Django's default body),
    rendered by the form with `_PLAIN` and `_OTHERS` and the view's
    `extra_email_context`."""
    if not any(ctx.qualified(base) == _RESET_VIEW for base in node.bases):
        return
    named: dict[str, object] = {}
    extra = False
    for statement in node.body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1):
            continue
        target = statement.targets[0]
        if isinstance(target, ast.Name) and target.id in _EMAIL_TEMPLATES:
            named[target.id] = ctx.evaluate(statement.value)
        elif isinstance(target, ast.Name) and target.id == "extra_email_context":
            extra = True
    templates = [
        name
        for attribute, default in _EMAIL_TEMPLATES.items()
        for name in [named.get(attribute, default)]
        if isinstance(name, str)
    ]
    if not templates:
        return
    where = ctx.location(node)
    context = [ContextName(name, where, inert=True) for name in _PLAIN]
    context += [ContextName(name, where) for name in _OTHERS]
    for template in templates:
        yield RenderFact(function, (template,), where, "django", tuple(context), opaque=extra)
