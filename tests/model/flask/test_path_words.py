"""Allow-lists of words a request hook looks for anywhere in the path."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.extract import extract
from webwarden.parse.python import ParsedPython, parse_source


def _passes(body: str) -> tuple[str, ...]:
    source = "from flask import Flask, request\n\napp = Flask(__name__)\nPUBLIC = ['login', 'static']\n\n\n"
    parsed = parse_source(source + textwrap.dedent(body), "app.py")
    assert isinstance(parsed, ParsedPython)
    facts = extract(make_context("app.py", parsed, FilePlan((), 1 << 20, frozenset(), ())))
    assert facts is not None
    (hook,) = facts.hooks
    return hook.passes


@pytest.mark.parametrize(
    ("body", "passes"),
    [
        pytest.param(
            """
            @app.before_request
            def gate():
                if "static" in request.path:
                    return None
                if "user" not in session:
                    abort(401)
            """,
            ("~static",),
            id="early-return-on-one-word",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if any(word in request.path for word in PUBLIC):
                    return
                if "user" not in session:
                    abort(401)
            """,
            ("~login", "~static"),
            id="early-return-on-any-word",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and not any([w in request.path for w in PUBLIC]):
                    abort(401)
            """,
            ("~login", "~static"),
            id="checked-unless-any-word",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and all(w not in request.path for w in PUBLIC):
                    abort(401)
            """,
            ("~login", "~static"),
            id="checked-when-all-words-absent",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and "static" not in request.path:
                    abort(401)
            """,
            ("~static",),
            id="checked-when-one-word-absent",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and len(
                    list(filter(lambda x: x not in request.path, PUBLIC))
                ) == len(PUBLIC):
                    abort(401)
            """,
            ("~login", "~static"),
            id="checked-when-the-filter-keeps-every-word",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and len(
                    list(filter(lambda x: x in request.path, PUBLIC))
                ) == len(PUBLIC):
                    abort(401)
            """,
            (),
            id="filter-of-words-in-the-path",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and all(w not in request.path for w in names()):
                    abort(401)
            """,
            (),
            id="words-not-known",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if "user" not in session and all(w not in request.url for w in PUBLIC):
                    abort(401)
            """,
            (),
            id="url-not-path",
        ),
        pytest.param(
            """
            @app.before_request
            def gate():
                if any(word in request.path for word in PUBLIC):
                    log_public_visit()
                if "user" not in session:
                    abort(401)
            """,
            (),
            id="word-test-that-does-not-return",
        ),
    ],
)
def test_passes(body: str, passes: tuple[str, ...]) -> None:
    assert _passes(body) == passes
