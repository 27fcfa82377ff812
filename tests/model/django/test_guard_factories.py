"""A decorator factory of the project handing back one of Django's login decorators."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.django.composed_decorators import Param
from webwarden.model.django.extract_views import extract_views
from webwarden.parse.python import ParsedPython, parse_source

_IMPORTS = "from django.contrib.auth.decorators import permission_required, user_passes_test\n"


def _wrapped(source: str) -> dict[str, tuple[str, ...]]:
    parsed = parse_source(_IMPORTS + textwrap.dedent(source), "desk/access.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("desk/access.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    return {
        found.qualified: tuple(d.name for d in found.decorators)
        for found in extract_views(ctx) or ()
        if found.kind == "decorator"
    }


@pytest.mark.parametrize(
    ("source", "guard"),
    [
        pytest.param(
            """\
            def groups_barred(*names):
                def allowed(user):
                    return user.is_authenticated and not user.groups.filter(name__in=names)
                return user_passes_test(allowed)
            """,
            "django.contrib.auth.decorators.user_passes_test",
            id="user-test",
        ),
        pytest.param(
            """\
            def needs(codename):
                return permission_required(f"desk.{codename}", raise_exception=True)
            """,
            "django.contrib.auth.decorators.permission_required",
            id="permission",
        ),
        pytest.param(
            """\
            def perm(codename):
                return permission_required(codename)
            """,
            "django.contrib.auth.decorators.permission_required",
            id="parameter-passed-once",
        ),
    ],
)
def test_factory_returning_a_login_decorator_makes_it(source: str, guard: str) -> None:
    assert list(_wrapped(source).values()) == [(guard,)]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """\
            def cached(seconds):
                return cache_page(seconds)
            """,
            id="other-decorator",
        ),
        pytest.param(
            """\
            def maybe(flag):
                if flag:
                    return user_passes_test(bool)
                return None
            """,
            id="not-returned-last",
        ),
    ],
)
def test_other_factories_make_no_guard(source: str) -> None:
    made = [name for names in _wrapped(source).values() for name in names]
    assert not [name for name in made if name.startswith("django.contrib.auth.")]


def test_factory_parameter_is_recorded_for_binding() -> None:
    parsed = parse_source(
        _IMPORTS + "def perm(codename):\n    return permission_required(codename)\n",
        "desk/access.py",
    )
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("desk/access.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    (made,) = [found for found in extract_views(ctx) or () if found.kind == "decorator"]
    assert [d.args for d in made.decorators] == [(Param("codename", 0),)]
