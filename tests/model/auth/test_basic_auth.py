"""Where a module turns on REST framework's HTTP Basic authentication."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.auth.basic_auth import basic_auth_entries
from webwarden.parse.python import ParsedPython, parse_source


def _entries(source: str) -> list[tuple[int, str]]:
    parsed = parse_source(textwrap.dedent(source), "api/settings.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    ctx = make_context("api/settings.py", parsed, plan)
    return [(entry.location.line, entry.what) for entry in basic_auth_entries(ctx)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            REST_FRAMEWORK = {
                "DEFAULT_AUTHENTICATION_CLASSES": (
                    "rest_framework.authentication.BasicAuthentication",
                ),
            }
            """,
            [(4, "`BasicAuthentication` in `DEFAULT_AUTHENTICATION_CLASSES`")],
            id="written-in-the-setting",
        ),
        pytest.param(
            """
            if EXTERNAL:
                AUTH = ("rest_framework.authentication.RemoteUserAuthentication",)
            else:
                AUTH = ("rest_framework.authentication.BasicAuthentication",)
            REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": AUTH}
            """,
            [(5, "`BasicAuthentication` in `DEFAULT_AUTHENTICATION_CLASSES`")],
            id="named-then-given-to-the-setting",
        ),
        pytest.param(
            """
            from rest_framework.authentication import BasicAuthentication

            CLASSES = [BasicAuthentication]

            class ExportView:
                authentication_classes = CLASSES
            """,
            [(4, "`BasicAuthentication` in `authentication_classes`")],
            id="named-then-given-to-a-view",
        ),
        pytest.param(
            """
            from base_settings import *

            REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
                "rest_framework.authentication.BasicAuthentication",
            ]
            """,
            [(5, "`BasicAuthentication` in `DEFAULT_AUTHENTICATION_CLASSES`")],
            id="set-as-an-item-of-the-settings",
        ),
        pytest.param(
            """
            SCHEMA_AUTH = ("rest_framework.authentication.BasicAuthentication",)
            SPECTACULAR_SETTINGS = {"AUTHENTICATION_WHITELIST": SCHEMA_AUTH}
            """,
            [],
            id="named-for-another-setting",
        ),
        pytest.param(
            """
            def classes():
                AUTH = ("rest_framework.authentication.BasicAuthentication",)
                return AUTH

            REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": AUTH}
            """,
            [],
            id="a-function-local-is-another-name",
        ),
    ],
)
def test_basic_auth_entries(source: str, expected: list[tuple[int, str]]) -> None:
    assert _entries(source) == expected
