"""Functions taking a password and handing it on (`password_relays`)."""

from __future__ import annotations

import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.facts import PasswordRelay
from webwarden.model.auth.password_relays import password_relays
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str, relpath: str = "game/accounts.py") -> FileContext:
    parsed = parse_source(textwrap.dedent(source), relpath)
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return make_context(relpath, parsed, plan)


def _relays(source: str, relpath: str = "game/accounts.py") -> list[PasswordRelay]:
    return list(password_relays(_context(source, relpath)))


def test_classmethod_reading_the_password_from_its_keywords() -> None:
    relays = _relays(
        """
        from game.utils import create

        class DefaultAccount:
            @classmethod
            def create(cls, *args, **kwargs):
                password = kwargs.get("password", "")
                valid = cls.validate_password(password)
                return create.create_account("name", password, typeclass=cls)
        """
    )
    assert relays == [
        PasswordRelay(
            "accounts.DefaultAccount.create",
            reads=True,
            hashes=False,
            callees=(
                "accounts.DefaultAccount.validate_password",
                "game.utils.create.create_account",
            ),
            method=True,
        )
    ]


def test_forwarder_of_all_it_is_given() -> None:
    relays = _relays(
        """
        from game.models import AccountDB

        def create_account(*args, **kwargs):
            return AccountDB.objects.create_account(*args, **kwargs)

        def unrelated(*args, **kwargs):
            return len(args)
        """,
        "game/create.py",
    )
    assert relays == [
        PasswordRelay(
            "create.create_account",
            reads=False,
            hashes=False,
            callees=("game.models.AccountDB.objects.create_account",),
        )
    ]


def test_hashing_method_and_super_calls() -> None:
    relays = _relays(
        """
        class AccountManager:
            def create_account(self, key, password):
                account = self.model(username=key)
                account.set_password(password)
                return account

        class Guest(AccountManager):
            def create_account(self, key, password):
                return super().create_account(key, password)
        """
    )
    assert [(r.function, r.hashes, r.callees) for r in relays] == [
        ("accounts.AccountManager.create_account", True, ("account.set_password",)),
    ]


def test_hashing_something_else_is_no_hash_of_the_password() -> None:
    relays = _relays(
        """
        from django.contrib.auth.hashers import make_password

        def create(username, password, api_key):
            account = store(username=username, password=password)
            account.api_key = make_password(api_key)

        def register(password):
            account = store(username="x")
            account.password = make_password(password.strip())

        def reset(user, password):
            user.password = password
            user.hash_password()

        def change(user, password):
            pw = password.strip()
            user.set_password(pw)
        """
    )
    assert [(r.function.rpartition(".")[2], r.hashes) for r in relays] == [
        ("create", False),
        ("register", True),
        ("reset", True),
        ("change", True),
    ]
