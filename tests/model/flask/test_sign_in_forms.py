"""Which form classes ask for an account's name and its password, or a password alone."""

from __future__ import annotations

import ast
import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.references import Namer
from webwarden.model.flask.sign_in_forms import sign_in_forms
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = """
import wtforms
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField


class LoginForm(FlaskForm):
    email = StringField("E-mail")
    password = wtforms.PasswordField("Password")


class RegisterForm(FlaskForm):
    username = StringField("Username")
    password = PasswordField("Password")
    password_confirm = PasswordField("Confirm")


class PasswordOnlyForm(FlaskForm):
    password = PasswordField("Password")


class NewPasswordOnlyForm(FlaskForm):
    new_password = PasswordField("New password")


class ProfileForm(FlaskForm):
    username = StringField("Username")
"""


def test_sign_in_forms() -> None:
    parsed = parse_source(textwrap.dedent(SOURCE), "app/forms.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/forms.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    classes = [node for node in ctx.tree.body if isinstance(node, ast.ClassDef)]
    assert list(sign_in_forms(Namer(ctx), classes)) == ["forms.LoginForm", "forms.PasswordOnlyForm"]
