from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.key_lookups import looks_up_key, raising_lookup


def _sent(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "sent"


def _sent_token(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "sent_token"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("ApiKey.query.filter_by(token=sent).first()", True, id="query-token"),
        pytest.param("Project.objects.for_api_key(sent)", True, id="manager-method"),
        pytest.param("User.query.filter_by(email=sent).first()", False, id="no-key"),
        pytest.param("cache.get_token(sent)", False, id="no-manager"),
        pytest.param("ApiKey.query.filter_by(token=other).first()", False, id="not-sent"),
    ],
)
def test_looks_up_key(source: str, expected: bool) -> None:
    assert looks_up_key(ast.parse(source, mode="eval").body, _sent) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "invite = Invite.query.filter_by(hash=sent_token).one()", True, id="query-one"
        ),
        pytest.param("invite = Invite.objects.get(token=sent_token)", True, id="django-get"),
        pytest.param(
            "invite = Invite.query.filter_by(token=sent_token).first_or_404()", True, id="or-404"
        ),
        pytest.param(
            "invite = Invite.query.filter_by(hash=sent_token).first()", False, id="first-none"
        ),
        pytest.param("invite = Invite.query.get(sent_token)", False, id="sqlalchemy-get-none"),
        pytest.param("Invite.query.filter_by(hash=sent_token).one()", False, id="not-bound"),
    ],
)
def test_raising_lookup(source: str, expected: bool) -> None:
    tried = ast.parse(f"try:\n    {source}\nexcept LookupError:\n    raise\n").body[0]
    assert isinstance(tried, ast.Try)
    assert raising_lookup(tried, _sent_token) is expected


def test_raising_lookup_needs_a_handler() -> None:
    source = """
        try:
            invite = Invite.query.filter_by(hash=sent).one()
        finally:
            pass
    """
    tried = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(tried, ast.Try)
    assert raising_lookup(tried, _sent) is False
