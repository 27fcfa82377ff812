"""Credential defaults that are a known default password or the account's own name."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.secrets.account_defaults import default_credential
from webwarden.parse.python import ParsedPython, parse_source


def _default(source: str, kind: str, variable: str, value: str) -> bool:
    parsed = parse_source("import os\n" + textwrap.dedent(source), "app/settings.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("app/settings.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))
    return default_credential(ctx, kind, variable, value)


@pytest.mark.parametrize(
    ("source", "kind", "variable", "value", "expected"),
    [
        pytest.param("", "a password", "BROKER_PASSWORD", "Guest", True, id="known-default"),
        pytest.param("", "a secret", "BROKER_SECRET", "guest", False, id="known-only-as-password"),
        pytest.param("", "a password", "MQ_PASSWORD", "insecure", True, id="says-unsafe"),
        pytest.param(
            "", "a credential", "GRPC_CREDENTIALS", "insecure", False, id="unsafe-mode-word"
        ),
        pytest.param(
            'METRICS_USER = os.environ.get("METRICS_USER", "prom")',
            "a password",
            "METRICS_PASS",
            "prom",
            True,
            id="same-as-the-account-looked-up",
        ),
        pytest.param(
            'name = os.getenv("UPLOADER_USERNAME") or "uploader"',
            "a password",
            "UPLOADER_PASSWORD",
            "uploader",
            True,
            id="same-as-the-variable-looked-up-under-another-name",
        ),
        pytest.param(
            'API_CLIENT_ID = "cashdesk"',
            "a secret",
            "API_CLIENT_SECRET",
            "cashdesk",
            True,
            id="secret-same-as-the-client-id",
        ),
        pytest.param(
            'METRICS_USER = os.environ.get("METRICS_USER", "prom")',
            "a password",
            "METRICS_PASS",
            "scrape",
            False,
            id="another-word",
        ),
        pytest.param(
            'REPORTS_USER = "reports"',
            "a password",
            "ARCHIVE_PASSWORD",
            "reports",
            False,
            id="another-prefix",
        ),
        pytest.param(
            'COM_USER = "x"',
            "a password",
            "COMPASS",
            "x",
            False,
            id="no-separator-before-the-word",
        ),
    ],
)
def test_default_credential(
    source: str, kind: str, variable: str, value: str, expected: bool
) -> None:
    assert _default(source, kind, variable, value) is expected
