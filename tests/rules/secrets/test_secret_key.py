"""Which Django keys the source holds (WW203's), so that WW201 and WW202 leave them."""

from __future__ import annotations

import pytest

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.environment import NO_DEFAULT, DeployTime, EnvLookup
from webwarden.rules.secrets._secret_key import (
    FALLS_BACK,
    LITERAL,
    fallback_keys,
    literal_in_source,
    written_in_source,
)


def _lookup(default: object, variable: str = "SECRET_KEY") -> DeployTime:
    return DeployTime((EnvLookup(variable, "os.environ.get", default),), default)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("django-insecure-k3y", LITERAL, id="literal"),
        pytest.param(b"bytes-key", LITERAL, id="bytes"),
        pytest.param(_lookup("dev-key"), FALLS_BACK, id="lookup-default"),
        pytest.param(_lookup(b"dev-key"), FALLS_BACK, id="lookup-bytes-default"),
        pytest.param(
            DeployTime((EnvLookup("A", "os.getenv", UNKNOWN),), _lookup("dev-key", "B")),
            FALLS_BACK,
            id="nested-lookup",
        ),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="unset"),
        pytest.param(UNKNOWN, None, id="unknown"),
        pytest.param(_lookup(NO_DEFAULT), None, id="required"),
        pytest.param(_lookup(""), None, id="empty-default"),
        pytest.param(_lookup(None), None, id="no-default"),
        pytest.param("{{ secret_key }}", None, id="template-variable"),
        pytest.param(_lookup("{{ cookiecutter.key }}"), None, id="template-default"),
    ],
)
def test_written_in_source(key: object, expected: str | None) -> None:
    assert written_in_source(key) == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("xxx", "is a well-known placeholder in the source code", id="literal"),
        pytest.param(
            _lookup("xxx"),
            "falls back to a well-known placeholder in the code when the variable is unset",
            id="lookup-default",
        ),
        pytest.param(_lookup(""), None, id="empty-default"),
    ],
)
def test_written_in_source_names_the_literal(key: object, expected: str | None) -> None:
    assert written_in_source(key, "a well-known placeholder") == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("change-me", "change-me", id="literal"),
        pytest.param(b"k3y", b"k3y", id="bytes"),
        pytest.param(_lookup("dev-key"), "dev-key", id="lookup-default"),
        pytest.param(
            DeployTime((EnvLookup("A", "os.getenv", UNKNOWN),), _lookup("dev-key", "B")),
            "dev-key",
            id="nested-lookup",
        ),
        pytest.param(_lookup(NO_DEFAULT), None, id="required"),
        pytest.param("", None, id="empty"),
        pytest.param(UNKNOWN, None, id="unknown"),
    ],
)
def test_literal_in_source(key: object, expected: object) -> None:
    assert literal_in_source(key) == expected


def test_fallback_keys_of_a_list() -> None:
    entry = _lookup("old-key", "OLD_KEY")
    assert fallback_keys(["older-key", entry]) == ("older-key", entry)


def test_fallback_keys_of_a_lookups_default_list() -> None:
    keys = fallback_keys(_lookup(["old-key", ""], "OLD_KEYS"))
    assert [written_in_source(key) for key in keys] == [FALLS_BACK, None]
    assert all(isinstance(key, DeployTime) and key.variables == ("OLD_KEYS",) for key in keys)


@pytest.mark.parametrize("keys", [UNKNOWN, "old-key", _lookup(NO_DEFAULT), None])
def test_fallback_keys_of_no_known_list(keys: object) -> None:
    assert fallback_keys(keys) == ()
