"""The form fields that ask a CAPTCHA, for the Django and Flask models alike."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.model.module import FileContext

CAPTCHA = re.compile(r"captcha|altcha|turnstile", re.IGNORECASE)
"""A CAPTCHA's name: reCAPTCHA, hCaptcha, a project's own `math_captcha`, ALTCHA,
Cloudflare Turnstile."""


def asks_captcha(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Whether the class body declares a field of a CAPTCHA's class (django-simple-captcha's
    `CaptchaField`, `ReCaptchaField`, `HCaptchaField`, ALTCHA's `AltchaField`, Cloudflare
    Turnstile's `TurnstileField`, Flask-WTF's `RecaptchaField`) or a field named for one
    (`captcha = StringField(...)`), also under a test of the body (`if
    settings.RECAPTCHA_ENABLED: captcha = ReCaptchaField()`: a form made for the
    anonymous, whose CAPTCHA a deployment may switch off in development)."""
    for stmt in _declared(node.body):
        if not isinstance(stmt, ast.Assign | ast.AnnAssign) or not isinstance(stmt.value, ast.Call):
            continue
        name = ctx.qualified_here(stmt.value.func) or ast.unparse(stmt.value.func)
        kind = name.rpartition(".")[2]
        if CAPTCHA.search(kind):
            return True
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
        named = any(isinstance(t, ast.Name) and CAPTCHA.search(t.id) for t in targets)
        if named and kind.endswith("Field"):
            return True
    return False


def _declared(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a class body, and those of its `if` blocks (either branch)."""
    for stmt in body:
        if isinstance(stmt, ast.If):
            yield from _declared(stmt.body)
            yield from _declared(stmt.orelse)
        else:
            yield stmt
