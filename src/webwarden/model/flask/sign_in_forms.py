"""Sign-in forms: WTForms classes that ask for an account's name and its password, or
for a password alone (a password gate)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.flask.references import Namer
from webwarden.model.module import PASSWORD_WORDS, identifier_words

_MASKED_INPUT = "PasswordField"
_ACCOUNT_WORDS = frozenset({"username", "user", "login", "email", "mail", "uid", "account"})
"""Words of a field naming the account (`username`, `login_email`, `user_id`)."""


def sign_in_forms(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[str]:
    """The references of the form classes whose own fields are one password
    (`password = PasswordField(...)`, a single one: two are a new password and its
    confirmation) and a field naming the account (`username = StringField(...)`):
    whoever posts such a form proves who they are by the password, as on a login page,
    or a page syncing a one-time-password token for an account that cannot log in yet.
    So are those whose one field is a password whose name says nothing new (`password
    = PasswordField(...)`, not `new_password`): a password gate, a shared password
    opening a protected page or project to whoever knows it, the anonymous too."""
    for node in classes:
        fields = dict(_fields(node))
        passwords = [name for name, kind in fields.items() if kind == _MASKED_INPUT]
        accounts = [
            name
            for name, kind in fields.items()
            if kind != _MASKED_INPUT and _ACCOUNT_WORDS.intersection(identifier_words(name))
        ]
        if len(passwords) == 1 and (accounts or _gate(fields)):
            yield namer.function_ref(node)


_CHANGE_WORDS = frozenset({"new", "confirm", "confirmation", "repeat", "again", "verify"})
"""Words of a password field that sets a password rather than proving one."""


def _gate(fields: dict[str, str]) -> bool:
    """A form whose one field is a password it asks to prove, not to set."""
    inputs = [name for name, kind in fields.items() if kind != "SubmitField"]
    return len(inputs) == 1 and not _CHANGE_WORDS.intersection(identifier_words(inputs[0]))


def password_forms(namer: Namer, classes: list[ast.ClassDef]) -> Iterator[str]:
    """The references of the classes one of whose own attributes may ask for a password:
    a `PasswordField` (or a project's field so named, `GovukPasswordField(...)`), or an
    attribute or a field factory whose name says password (`password =
    make_password_field()`), or a one-time code or PIN (`sms_code = ...`, `otp`). A
    form class of the project none of whose classes is such asks for no password."""
    for node in classes:
        for statement in node.body:
            if _asks_password(statement):
                yield namer.function_ref(node)
                break


def _asks_password(statement: ast.stmt) -> bool:
    targets: list[ast.expr] = []
    value: ast.expr | None = None
    if isinstance(statement, ast.Assign):
        targets, value = list(statement.targets), statement.value
    elif isinstance(statement, ast.AnnAssign):
        targets, value = [statement.target], statement.value
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    if isinstance(value, ast.Call):
        func = value.func
        names.append(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return any(_SECRET_INPUT.intersection(w.lower() for w in identifier_words(n)) for n in names)


_SECRET_INPUT = PASSWORD_WORDS | {
    "pin",
    "code",
    "otp",
    "totp",
    "hotp",
    "passcode",
    "token",
    "secret",
}
"""Words of a field asking for something to guess: a password, or a one-time code or a
PIN that signs the user in (`sms_code`, `otp`), which guessing breaks as well."""


def _fields(node: ast.ClassDef) -> Iterator[tuple[str, str]]:
    """(attribute, the last part of the field class's name) of each `name = Field(...)`."""
    for statement in node.body:
        if not (isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call)):
            continue
        func = statement.value.func
        kind = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if not kind.endswith("Field"):
            continue
        for target in statement.targets:
            if isinstance(target, ast.Name):
                yield target.id, kind
