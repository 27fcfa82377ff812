"""Factories a module attaches to another module's model with `add_to_class`."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.added_methods import added_factories
from webwarden.parse.python import ParsedPython, parse_source


def _factories(source: str) -> dict[str, frozenset[str]]:
    parsed = parse_source(textwrap.dedent(source), "accounts/__init__.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("accounts/__init__.py", parsed, plan)
    return {h.qualname: h.factories for h in added_factories(ctx) if h.model}


_USER = "django.contrib.auth.models.User"


@pytest.mark.parametrize(
    ("added", "expected"),
    [
        pytest.param(
            'User.add_to_class("create", classmethod(make))', {_USER: {"create"}}, id="classmethod"
        ),
        pytest.param('User.add_to_class("create", make)', {_USER: {"create"}}, id="bare"),
        pytest.param('User.add_to_class("create", classmethod(keep))', {}, id="not-hashing"),
        pytest.param('User.add_to_class("create", classmethod(other))', {}, id="not-of-module"),
        pytest.param("User.add_to_class(name, classmethod(make))", {}, id="name-not-literal"),
        pytest.param('setattr(User, "create", classmethod(make))', {}, id="other-call"),
    ],
)
def test_a_hashing_function_added_to_a_model(added: str, expected: dict[str, set[str]]) -> None:
    found = _factories(
        f"""
        from django.contrib.auth.models import User
        from somewhere import other


        def make(cls, email, password):
            user = cls.objects.create(username=email)
            user.set_password(password)
            return user


        def keep(cls, email, password):
            return cls.objects.create(username=email, password=password)


        {added}
        """
    )
    assert found == expected
