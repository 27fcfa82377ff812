"""Library conversions of a variable's text, evaluated on a known text."""

from __future__ import annotations

import ast

import pytest

from webwarden.analysis.constants import NOT_HANDLED, UNKNOWN
from webwarden.analysis.text_conversions import converted


def _call(source: str) -> ast.Call:
    node = ast.parse(source, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


def _given(text: object):  # type: ignore[no-untyped-def]
    return lambda node: text


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("distutils.util.strtobool", "Yes", 1),
        ("distutils.util.strtobool", "off", 0),
        ("setuptools._distutils.util.strtobool", "1", 1),
        ("str2bool.str2bool", "TRUE", True),
        ("str2bool.str2bool", "n", False),
        ("str2bool.str2bool", "maybe", None),
        ("json.loads", "false", False),
        ("json.loads", '["*"]', ["*"]),
        ("ast.literal_eval", "['a.example', 'b.example']", ["a.example", "b.example"]),
    ],
)
def test_known_text_converts_as_the_library_does(name: str, text: str, expected: object) -> None:
    assert converted(name, _call("f(x)"), _given(text)) == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("distutils.util.strtobool", "maybe"),  # ValueError at start-up
        ("distutils.util.strtobool", " yes"),  # strtobool does not strip
        ("json.loads", "{not json"),
        ("ast.literal_eval", "__import__('os')"),
        ("ast.literal_eval", "[" * 3000),
        ("json.loads", UNKNOWN),
        ("json.loads", 3),
    ],
)
def test_rejected_or_unknown_text_is_unknown(name: str, text: object) -> None:
    assert converted(name, _call("f(x)"), _given(text)) is UNKNOWN


def test_other_calls_and_shapes_are_not_handled() -> None:
    assert converted("os.getenv", _call("f(x)"), _given("1")) is NOT_HANDLED
    assert converted(None, _call("f(x)"), _given("1")) is NOT_HANDLED
    assert converted("json.loads", _call("f(x, object_hook=h)"), _given("1")) is NOT_HANDLED
    assert converted("json.loads", _call("f(*args)"), _given("1")) is UNKNOWN
