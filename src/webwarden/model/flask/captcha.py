"""CAPTCHAs: the mark of a form made for visitors who are not signed in."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator

from webwarden.model.flask.references import Namer
from webwarden.model.module import identifier_words

_CAPTCHA = re.compile(r"captcha|altcha|turnstile", re.IGNORECASE)
"""A CAPTCHA's name: reCAPTCHA, hCaptcha, a project's own `math_captcha`, ALTCHA,
Cloudflare Turnstile."""
_CHECK_WORDS = frozenset({"verify", "validate", "check", "valid", "passed", "solved"})
"""Words of a call that checks the answer (`validate_captcha`, `recaptcha.verify()`)."""


def captcha_forms(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[str]:
    """The references of the form classes one of whose own fields asks a CAPTCHA:
    Flask-WTF's `recaptcha = RecaptchaField()`, a field of a CAPTCHA's class
    (`HCaptchaField`) or named for one (`captcha = StringField(...)`), which the form
    checks when it validates."""
    for node in classes:
        if any(_asks_captcha(statement) for statement in node.body):
            yield namer.function_ref(node)


def _asks_captcha(statement: ast.stmt) -> bool:
    if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)):
        return False
    func = statement.value.func
    kind = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
    return bool(kind.endswith("Field")) and any(_CAPTCHA.search(n) for n in (kind, *names))


def checks_captcha(calls: Iterable[str]) -> bool:
    """Whether one of the calls checks a CAPTCHA's answer: a function named so
    (`validate_captcha(answer)`, `verify_recaptcha()`) or a check of an object named
    for one (Flask-reCaptcha's and Flask-hCaptcha's `recaptcha.verify()`,
    `hcaptcha.verify()`)."""
    for call in calls:
        owner, _, name = call.rpartition(".")
        words = {word.lower() for word in identifier_words(name)}
        if not words & _CHECK_WORDS:
            continue
        if _CAPTCHA.search(name) or _CAPTCHA.search(owner.rpartition(".")[2]):
            return True
    return False
