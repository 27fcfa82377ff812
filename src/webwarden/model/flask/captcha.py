"""CAPTCHAs: the mark of a form made for visitors who are not signed in."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from webwarden.model.captcha_fields import CAPTCHA, asks_captcha
from webwarden.model.flask.references import Namer
from webwarden.model.module import identifier_words

_CHECK_WORDS = frozenset({"verify", "validate", "check", "valid", "passed", "solved"})
"""Words of a call that checks the answer (`validate_captcha`, `recaptcha.verify()`)."""


def captcha_forms(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[str]:
    """The references of the form classes one of whose own fields asks a CAPTCHA:
    Flask-WTF's `recaptcha = RecaptchaField()`, a field of a CAPTCHA's class
    (`HCaptchaField`) or named for one (`captcha = StringField(...)`), which the form
    checks when it validates."""
    for node in classes:
        if asks_captcha(namer.ctx, node):
            yield namer.function_ref(node)


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
        if CAPTCHA.search(name) or CAPTCHA.search(owner.rpartition(".")[2]):
            return True
    return False
