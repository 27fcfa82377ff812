"""What a module sets in its own process's environment as it runs."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.environment_sets import module_level_sets
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "app/__main__.py")
    assert isinstance(parsed, ParsedPython)
    return make_context("app/__main__.py", parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            'import os\nos.environ.setdefault("APP_SETTINGS", "app.config.Production")\n',
            (("APP_SETTINGS", "app.config.Production"),),
            id="setdefault",
        ),
        pytest.param(
            """\
            import os
            if not os.getenv("APP_SETTINGS"):
                os.environ["APP_SETTINGS"] = "app.config.Production"
            """,
            (("APP_SETTINGS", "app.config.Production"),),
            id="assigned-unless-set",
        ),
        pytest.param(
            'from os import environ\ntry:\n    environ["MODE"] = "production"\nexcept KeyError:\n    pass\n',
            (("MODE", "production"),),
            id="aliased-in-try",
        ),
        pytest.param(
            'import os\n\ndef test():\n    os.environ["APP_SETTINGS"] = "app.config.Testing"\n',
            (),
            id="in-a-function",
        ),
        pytest.param(
            'import os\nos.environ["APP_SETTINGS"] = os.getenv("OTHER", "x")\n',
            (),
            id="not-a-constant",
        ),
    ],
)
def test_module_level_sets(source: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert module_level_sets(_context(source)) == expected
