"""Following a password through the project's functions to a hash (`Relays`)."""

from __future__ import annotations

import pytest

from webwarden.model.auth.facts import AuthFacts, PasswordRelay
from webwarden.rules.auth._relayed import Relays


def _facts(*relays: PasswordRelay) -> list[AuthFacts]:
    return [AuthFacts(password_relays=relays)]


_CHAIN = _facts(
    PasswordRelay("g.a.Account.create", True, False, ("g.u.create_account",), True),
    PasswordRelay("g.u.create_account", False, False, ("g.m.AccountDB.objects.create_account",)),
    PasswordRelay("g.mgr.Manager.create_account", True, True, (), True),
)


@pytest.mark.parametrize(
    ("callee", "hashes"),
    [
        pytest.param("g.a.Account.create", True, id="three-calls-deep"),
        pytest.param("g.m.User.objects.create", False, id="manager-create-stores"),
        pytest.param("g.m.User.objects.create_user", True, id="django-create-user"),
        pytest.param("g.m.User.objects.register", False, id="unknown-manager-method"),
        pytest.param("unknown.create", False, id="unknown-function"),
    ],
)
def test_followed_to_a_hash(callee: str, hashes: bool) -> None:
    assert Relays.of(_CHAIN).hashes(callee) is hashes


def test_cycle_does_not_hash() -> None:
    relays = Relays.of(
        _facts(
            PasswordRelay("g.A.create", True, False, ("g.B.create",), True),
            PasswordRelay("g.B.create", True, False, ("g.A.create",), True),
        )
    )
    assert relays.hashes("g.A.create") is False


def test_methods_of_an_unknown_object() -> None:
    relays = Relays.of(_CHAIN)
    assert relays.methods_hash("create") is True
    assert relays.methods_hash("register") is None
    storing = Relays.of(_facts(PasswordRelay("g.B.create", True, False, ("x.save",), True)))
    assert storing.methods_hash("create") is False
