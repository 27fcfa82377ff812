"""A helper walking a key path down a configuration file's dict (`nested_config`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_helpers import Arguments
from webwarden.analysis.nested_config import (
    ConfigMapping,
    NestedKeyRead,
    nested_key_read,
    without_mappings,
)

_WALK = """
    def dict_get(data, default, *keys):
        '''Nested lookup.'''
        try:
            for key in keys:
                data = data[key]
            return data
        except (KeyError, TypeError):
            return default
"""
_LOADED = ConfigMapping("yaml.safe_load")


def _function(source: str) -> ast.FunctionDef:
    node = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return node


def test_a_key_path_with_its_fallback() -> None:
    arguments = Arguments((_LOADED, "CHANGEME", "security", "secret"))
    found = nested_key_read(_function(_WALK), arguments)
    assert found == NestedKeyRead("yaml.safe_load", ("security", "secret"), "CHANGEME")


@pytest.mark.parametrize(
    ("source", "arguments"),
    [
        pytest.param(_WALK, Arguments((UNKNOWN, "x", "a")), id="a-mapping-of-unknown-origin"),
        pytest.param(_WALK, Arguments((_LOADED, "x")), id="no-keys"),
        pytest.param(_WALK, Arguments((_LOADED, "x", UNKNOWN)), id="a-key-not-known"),
        pytest.param(
            _WALK.replace("return default", "raise"),
            Arguments((_LOADED, "x", "a")),
            id="a-missing-key-raises",
        ),
        pytest.param(
            _WALK.replace("data = data[key]", "data = data[key.lower()]"),
            Arguments((_LOADED, "x", "a")),
            id="another-key-than-given",
        ),
        pytest.param(
            _WALK.replace("(KeyError, TypeError)", "ValueError"),
            Arguments((_LOADED, "x", "a")),
            id="a-handler-of-another-error",
        ),
    ],
)
def test_other_helpers_or_calls_are_no_key_path(source: str, arguments: Arguments) -> None:
    assert nested_key_read(_function(source), arguments) is None


def test_another_helper_is_handed_an_unknown_mapping() -> None:
    plain = without_mappings(Arguments((_LOADED, "a"), (("tree", _LOADED),)))
    assert plain == Arguments((UNKNOWN, "a"), (("tree", UNKNOWN),))
