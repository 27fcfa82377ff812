"""The e-mails django-rest-registration sends, with the context it gives them.

The `REST_REGISTRATION` setting names each verification e-mail's templates
(`REGISTER_VERIFICATION_EMAIL_TEMPLATES = {"subject": ..., "html_body": ...}`); the
library renders them with `render_to_string` from its own code, so no view of the project
shows that context.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.facts import ContextName, RenderFact

SETTING = "REST_REGISTRATION"
_RENDERER = "rest_registration.notifications.email.send_verification_notification"
_EMAILS = {
    "REGISTER_VERIFICATION_EMAIL_TEMPLATES": "register",
    "REGISTER_EMAIL_VERIFICATION_EMAIL_TEMPLATES": "register_email",
    "RESET_PASSWORD_VERIFICATION_EMAIL_TEMPLATES": "reset_password",
}
"""The settings naming each e-mail's templates -> the folder of the library's defaults
(`rest_registration/register/subject.txt` and `body.txt`)."""
_TEMPLATE_KEYS = ("subject", "body", "text_body", "html_body")
_OWN_CONTEXT = frozenset(
    {"VERIFICATION_URL_BUILDER", "VERIFICATION_TEMPLATE_CONTEXT_BUILDER"}
    | {"VERIFICATION_TEMPLATE_RENDERER"}
)
"""Settings replacing what builds the link or the context, or renders: the project's own
code then decides what the templates get."""
_LINK = "verification_url"
"""The library's default builder appends the signed data to the configured
`*_VERIFICATION_URL` as a query string `urlencode` percent-encodes (no quote, no `<`)."""
_OTHERS = ("email", "user")
_FLAGS = {"register_email": ("email_already_used",)}


def registration_email_renders(ctx: FileContext, statement: ast.Assign) -> Iterator[RenderFact]:
    """The renders of the e-mail templates a settings module's `REST_REGISTRATION = {...}`
    names (or the library's defaults for an e-mail it names none for), with
    `verification_url` as a link of no markup unless the setting replaces the builder of
    the link, of the context or the renderer (then the context is opaque)."""
    value = statement.value
    if not isinstance(value, ast.Dict):
        return
    entries = {
        key: item
        for node, item in zip(value.keys, value.values, strict=True)
        if node is not None and isinstance(key := ctx.evaluate(node), str)
    }
    if None in value.keys:
        return  # NOTE: `{**BASE, ...}`: what it spreads may name the builders
    own = not _OWN_CONTEXT.isdisjoint(entries)
    where = ctx.location(statement)
    for setting, folder in _EMAILS.items():
        templates = _templates(ctx, entries.get(setting), folder)
        if not templates:
            continue
        context = [ContextName(name, where) for name in _OTHERS]
        context += [ContextName(name, where, inert=True) for name in _FLAGS.get(folder, ())]
        clean = not own
        context.append(ContextName(_LINK, where, cleaned=clean, built_url=clean))
        for template in templates:
            yield RenderFact(_RENDERER, (template,), where, "django", tuple(context), opaque=own)


def _templates(ctx: FileContext, written: ast.expr | None, folder: str) -> tuple[str, ...]:
    """The template names of one e-mail's setting (the library's defaults when absent)."""
    if written is None:
        return (f"rest_registration/{folder}/subject.txt", f"rest_registration/{folder}/body.txt")
    named = ctx.evaluate(written)
    if not isinstance(named, dict):
        return ()
    return tuple(template for key in _TEMPLATE_KEYS if isinstance(template := named.get(key), str))
