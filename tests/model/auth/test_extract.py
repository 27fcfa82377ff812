"""Which modules have authentication facts."""

from __future__ import annotations

import textwrap

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth import AuthFacts
from webwarden.model.auth.extract import extract_auth
from webwarden.parse.python import ParsedPython, parse_source

SOURCE = textwrap.dedent(
    """
    from django.contrib.auth import authenticate as check_credentials
    from django.contrib.auth.hashers import make_password

    def sign_in(request):
        user = check_credentials(request, username="a", password="b")
        user.password = request.POST["password"]
    """
)


def _facts(relpath: str) -> AuthFacts | None:
    parsed = parse_source(SOURCE, relpath)
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return extract_auth(make_context(relpath, parsed, plan))


def test_an_application_module_has_its_facts_through_aliased_imports() -> None:
    facts = _facts("accounts/views.py")
    assert facts is not None
    assert [entry.what for entry in facts.logins] == ["`sign_in` (calls `authenticate`)"]
    assert [write.target for write in facts.raw_writes] == ["user.password"]


def test_test_code_has_no_facts() -> None:
    assert _facts("tests/test_views.py") is None
