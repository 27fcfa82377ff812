"""Whether Flask-Login takes an instance of a project's user class for a logged-in user."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.login_classes import authenticated_class
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source

_BASE = """
from flask_login import AnonymousUserMixin, UserMixin


class Member(UserMixin):
    pass


class Guest(AnonymousUserMixin):
    pass
"""


def _modules(source: str) -> dict[str, FileContext]:
    found = {}
    for module, text in {"app.base": _BASE, "app.users": source}.items():
        relpath = module.replace(".", "/") + ".py"
        parsed = parse_source(textwrap.dedent(text), relpath)
        assert isinstance(parsed, ParsedPython)
        plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
        found[module] = make_context(relpath, parsed, plan)
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "from flask_login import UserMixin\nclass User(UserMixin):\n    pass",
            True,
            id="user-mixin",
        ),
        pytest.param(
            "from flask_login import AnonymousUserMixin\nclass User(AnonymousUserMixin):\n    pass",
            False,
            id="anonymous-mixin",
        ),
        pytest.param(
            "class User:\n    @property\n    def is_authenticated(self):\n        return True",
            True,
            id="own-property-true",
        ),
        pytest.param(
            "from flask_login import UserMixin\nclass User(UserMixin):\n"
            "    is_authenticated = False",
            False,
            id="own-constant-false",
        ),
        pytest.param(
            "from flask_login import UserMixin\nclass User(UserMixin):\n"
            "    @property\n    def is_authenticated(self):\n        return self.active",
            None,
            id="own-property-computed",
        ),
        pytest.param(
            "from app.base import Member\nclass User(Member):\n    pass", True, id="project-base"
        ),
        pytest.param(
            "from app.base import Guest, Member\nclass User(Guest, Member):\n    pass",
            False,
            id="first-base-settles",
        ),
        pytest.param(
            "class Base:\n    pass\nclass User(Base):\n    pass",
            None,
            id="base-never-settles",
        ),
        pytest.param(
            "from lib import Remote\nfrom flask_login import UserMixin\n"
            "class User(Remote, UserMixin):\n    pass",
            None,
            id="unknown-library-base-first",
        ),
        pytest.param("from app.base import Member as User", True, id="re-exported"),
    ],
)
def test_authenticated_class(source: str, expected: bool | None) -> None:
    modules = _modules(source)
    assert authenticated_class(modules.get, "app.users.User") is expected
