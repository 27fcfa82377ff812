"""Route rules written after a URL prefix the source does not show."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.parse.python import ParsedPython, parse_source


def _rules(body: str) -> list[str | None]:
    source = "from flask import Flask\n\nfrom config import setting\n\napp = Flask(__name__)\n"
    parsed = parse_source(source + textwrap.dedent(body), "app.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("app.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    return [route.rule for route in facts.routes]


@pytest.mark.parametrize(
    ("body", "rules"),
    [
        pytest.param(
            """
            PREFIX = setting("prefix")

            @app.post(f"{PREFIX}/api/peers")
            def peers():
                return ""
            """,
            ["/api/peers"],
            id="f-string-after-a-prefix",
        ),
        pytest.param(
            """
            @app.post(setting("prefix") + "/api/peers")
            def peers():
                return ""
            """,
            ["/api/peers"],
            id="sum-after-a-prefix",
        ),
        pytest.param(
            """
            PORTAL = f"{setting('prefix')}/client"

            @app.post(f"{PORTAL}/api/sign-in")
            def sign_in():
                return ""
            """,
            ["/client/api/sign-in"],
            id="prefix-with-a-known-tail",
        ),
        pytest.param(
            """
            PREFIX = "/v2"

            @app.post(f"{PREFIX}/api/peers")
            def peers():
                return ""
            """,
            ["/v2/api/peers"],
            id="constant-prefix",
        ),
        pytest.param(
            """
            @app.post(f"/api/{setting('version')}/peers")
            def peers():
                return ""
            """,
            [None],
            id="unknown-part-inside",
        ),
        pytest.param(
            """
            @app.post(f"{setting('prefix')}api/peers")
            def peers():
                return ""
            """,
            [None],
            id="tail-not-a-path",
        ),
        pytest.param(
            """
            @app.post(f"{setting('prefix')!s}/api/peers")
            def peers():
                return ""
            """,
            [None],
            id="converted-prefix",
        ),
    ],
)
def test_rules(body: str, rules: list[str | None]) -> None:
    assert _rules(body) == rules
