from __future__ import annotations

import ast

import pytest

from webwarden.model.secrets.field_names import among_field_names, in_name_map


def _judge(source: str, index: int, kind: str = "a signing key") -> bool:
    collection = ast.parse(source, mode="eval").body
    assert isinstance(collection, ast.Tuple | ast.List | ast.Set)
    return among_field_names(collection, collection.elts[index], kind)


@pytest.mark.parametrize(
    ("source", "index", "expected"),
    [
        pytest.param('("Message", "MessageId", "SubscribeURL", "Type")', 2, True, id="fields"),
        pytest.param('["topic_arn", "message_id", "subscribe_url"]', 2, True, id="snake-case"),
        pytest.param('("SparkleAndShine", "GlitterAndGlow", "MoonAndStars")', 0, False, id="keys"),
        pytest.param('("XkQpLmNvRtYwZb", "Message", "Type")', 0, False, id="random-letters"),
        pytest.param('("SubscribeURL", "primary", 3)', 0, False, id="not-all-strings"),
        pytest.param('("Message", "SubscribeURL")', 1, False, id="one-sibling"),
        pytest.param('("Message", "Type", "k3yW1thD1g1ts")', 2, False, id="digits"),
    ],
)
def test_among_field_names(source: str, index: int, expected: bool) -> None:
    assert _judge(source, index) is expected


def test_passwords_shaped_as_names_are_still_judged() -> None:
    assert not _judge('("admin", "root", "SuperSecret")', 2, kind="a password")


_LDAP_MAP = '{"display_name": "displayName", "given_name": "givenName", "otp": %s}'


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(_LDAP_MAP % '"oathTokenPIN"', True, id="attribute-map"),
        pytest.param(_LDAP_MAP % '"XkQpLmNvRtYw"', False, id="random-letters"),
        pytest.param(_LDAP_MAP % '"Rover2Rocket"', False, id="digits"),
        pytest.param(_LDAP_MAP % "3", False, id="not-all-strings"),
        pytest.param('{"display_name": "displayName", "otp": "oathTokenPIN"}', False, id="one"),
        pytest.param('{"user_name": "deploy", "host": "db", "otp": "Winter"}', False, id="none"),
    ],
)
def test_in_name_map(source: str, expected: bool) -> None:
    mapping = ast.parse(source, mode="eval").body
    assert isinstance(mapping, ast.Dict)
    assert in_name_map(mapping, mapping.values[-1]) is expected
