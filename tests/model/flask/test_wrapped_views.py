"""Loops wrapping each of an app's registered views in decorators."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.model.flask.facts import HookFact
from webwarden.model.flask.hook_passes import WRAP_VIEWS
from webwarden.parse.python import ParsedPython, parse_source

_HEAD = (
    "from flask import Flask\nfrom flask_login import login_required\n\n"
    'PUBLIC = ["static", "auth.login"]\napp = Flask(__name__)\n\n\n'
)


def _wrapping(body: str) -> list[HookFact]:
    parsed = parse_source(_HEAD + textwrap.dedent(body), "app.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("app.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    return [hook for hook in facts.hooks if hook.kind == WRAP_VIEWS]


@pytest.mark.parametrize(
    ("body", "passes", "decorators"),
    [
        pytest.param(
            """
            for endpoint, view in app.view_functions.items():
                if endpoint in PUBLIC:
                    continue
                app.view_functions[endpoint] = login_required(view)
            """,
            ("endpoint:static", "endpoint:auth.login"),
            ("flask_login.login_required",),
            id="skips-a-constant-list",
        ),
        pytest.param(
            """
            for name in list(app.view_functions):
                if name != "static" and name != "health":
                    view = app.view_functions[name]
                    app.view_functions[name] = login_required(audit(view), role="staff")
            """,
            ("endpoint:static", "endpoint:health"),
            ("flask_login.login_required", "app.audit"),
            id="wraps-inside-a-negated-test",
        ),
        pytest.param(
            """
            for endpoint in app.view_functions:
                app.view_functions[endpoint] = login_required(app.view_functions[endpoint])
            """,
            (),
            ("flask_login.login_required",),
            id="wraps-every-view",
        ),
    ],
)
def test_loop_wraps_views(body: str, passes: tuple[str, ...], decorators: tuple[str, ...]) -> None:
    (hook,) = _wrapping(body)
    assert hook.passes == passes
    assert tuple(d.name for d in hook.decorators) == decorators


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            """
            for endpoint, view in app.view_functions.items():
                if getattr(view, "public", False):
                    continue
                app.view_functions[endpoint] = login_required(view)
            """,
            id="skips-by-a-test-of-the-view",
        ),
        pytest.param(
            """
            for endpoint, view in app.view_functions.items():
                if endpoint in PUBLIC:
                    app.view_functions[endpoint] = login_required(view)
            """,
            id="wraps-only-listed-endpoints",
        ),
        pytest.param(
            """
            for endpoint, view in app.view_functions.items():
                app.view_functions[endpoint] = other_views[endpoint]
            """,
            id="replaces-views-unwrapped",
        ),
    ],
)
def test_loop_not_read_as_wrapping_every_view(body: str) -> None:
    assert _wrapping(body) == []
