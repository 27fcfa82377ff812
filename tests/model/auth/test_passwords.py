"""Password members of classes: which of them a constructor stores hashed."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.facts import PasswordHolder
from webwarden.model.auth.passwords import password_holders, request_data
from webwarden.parse.python import ParsedPython, parse_source


def _holders(source: str) -> dict[str, PasswordHolder]:
    parsed = parse_source(textwrap.dedent(source), "accounts/models.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("accounts/models.py", parsed, plan)
    return {h.qualname.rpartition(".")[2]: h for h in password_holders(ctx)}


@pytest.mark.parametrize(
    ("init", "expected"),
    [
        pytest.param("self.set_password(password)", {"password"}, id="hashing-method"),
        pytest.param("self._store(password)", {"password"}, id="own-method-that-hashes"),
        pytest.param(
            "self.secret = generate_password_hash(password)", {"password"}, id="hashing-call"
        ),
        pytest.param("self.password = password", set(), id="kept-as-given"),
        pytest.param("self.audit(password)", set(), id="own-method-not-hashing"),
    ],
)
def test_a_constructor_hashing_its_password_parameter(init: str, expected: set[str]) -> None:
    holders = _holders(
        f"""
        from werkzeug.security import generate_password_hash

        class User(db.Model):
            password = db.Column(db.String)

            def __init__(self, name, password=None):
                {init}

            def set_password(self, password):
                self.password = generate_password_hash(password)

            def _store(self, value):
                self.password = generate_password_hash(value)

            def audit(self, value):
                print(value)
        """
    )
    user = holders["User"]
    assert user.constructed == frozenset(expected)
    assert "password" not in user.managed, "a later assignment is not hashed"
    assert {"__init__", "set_password"} <= user.methods


@pytest.mark.parametrize(
    ("init", "managed", "constructed"),
    [
        pytest.param(
            'pw = kwargs.pop("password", None)\nself.password_hash = pw',
            {"password"},
            set(),
            id="popped-into-a-hashing-member",
        ),
        pytest.param(
            'self.password_hash = kwargs["password"]', {"password"}, set(), id="read-by-key"
        ),
        pytest.param(
            'self.set_password(kwargs.get("password"))',
            set(),
            {"password"},
            id="handed-to-a-hashing-method",
        ),
        pytest.param(
            'pw = kwargs.pop("password", None)\nself.secret = pw', set(), set(), id="kept"
        ),
        pytest.param('self.password_hash = kwargs.pop("name")', set(), set(), id="another-keyword"),
    ],
)
def test_a_constructor_taking_the_password_from_its_keywords(
    init: str, managed: set[str], constructed: set[str]
) -> None:
    body = textwrap.indent(init, " " * 16).lstrip()
    holders = _holders(
        f"""
        from werkzeug.security import generate_password_hash

        class Account(db.Model):
            secret = db.Column(db.String)

            @property
            def password_hash(self):
                return self.secret

            @password_hash.setter
            def password_hash(self, value):
                self.secret = generate_password_hash(value)

            def __init__(self, **kwargs):
                {body}

            def set_password(self, value):
                self.secret = generate_password_hash(value)
        """
    )
    account = holders.get("Account")
    assert (account.managed & {"password"} if account else set()) == managed
    assert (account.constructed if account else frozenset()) == frozenset(constructed)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param('request.form["password"]', True, id="request-item"),
        pytest.param('request.form["password"][:128]', True, id="request-text-cut"),
        pytest.param('user.password[: -len(request.GET["key"])]', False, id="index-from-request"),
        pytest.param('codes[request.GET["pick"]]', False, id="key-from-request"),
        pytest.param("user.password", False, id="no-request"),
    ],
)
def test_request_data_in_the_value_not_its_index(value: str, expected: bool) -> None:
    source = f"def activate(request, user, codes):\n    user.password = {value}\n"
    parsed = parse_source(source, "accounts/views.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("accounts/views.py", parsed, plan)
    assignment = parsed.tree.body[0].body[0]
    assert isinstance(assignment, ast.Assign)
    assert (request_data(ctx, assignment.value) is not None) is expected


@pytest.mark.parametrize(
    ("save", "expected"),
    [
        pytest.param("self.password = make_password(self.password)", {"password"}, id="in-place"),
        pytest.param(
            "digest = hash_password(salt, self.password)\n"
            "                self.password = '%s$%s' % (salt, digest)",
            {"password"},
            id="through-a-local",
        ),
        pytest.param(
            "self.password = make_password(self.other)", set(), id="hash-of-another-member"
        ),
        pytest.param("self.password = self.password.strip()", set(), id="no-hash"),
        pytest.param("self.password = box.decrypt(self.password)", set(), id="decrypted"),
    ],
)
def test_a_save_method_hashing_the_member_in_place(save: str, expected: set[str]) -> None:
    holders = _holders(
        f"""
        from django.contrib.auth.hashers import make_password

        class Operator:
            def __init__(self, name):
                self.name = name

            def save(self, salt="s"):
                {save}
        """
    )
    managed = holders["Operator"].managed if "Operator" in holders else frozenset()
    assert set(managed) == expected
