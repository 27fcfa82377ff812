"""`invenio`: projects served through Invenio's factory, and the HTTPS it enforces."""

from __future__ import annotations

import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.facts import Facts
from webwarden.model.flask.invenio import (
    INVENIO_FACTS,
    HttpsTurnedOff,
    extract_https_off,
    invenio_serving,
)
from webwarden.model.project import ModuleSummary
from webwarden.parse.python import ParsedPython, parse_source

_HEADERS = "from invenio_app.config import APP_DEFAULT_SECURE_HEADERS\n"


def _turned_off(source: str) -> HttpsTurnedOff | None:
    parsed = parse_source(textwrap.dedent(source), "portal/config.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("portal/config.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    return extract_https_off(ctx)


@pytest.mark.parametrize(
    ("source", "how"),
    [
        pytest.param(
            _HEADERS + 'APP_DEFAULT_SECURE_HEADERS["force_https"] = False\n',
            'APP_DEFAULT_SECURE_HEADERS["force_https"]',
            id="item-set-false",
        ),
        pytest.param(
            "APP_DEFAULT_SECURE_HEADERS = {'force_https': False, 'frame_options': 'deny'}\n",
            'APP_DEFAULT_SECURE_HEADERS["force_https"]',
            id="dict-given-whole",
        ),
        pytest.param(
            _HEADERS + "APP_DEFAULT_SECURE_HEADERS.update(force_https=False)\n",
            'APP_DEFAULT_SECURE_HEADERS["force_https"]',
            id="update-keyword",
        ),
        pytest.param(
            "import os\nif os.environ.get('LOCAL'):\n    APP_ENABLE_SECURE_HEADERS = False\n",
            "APP_ENABLE_SECURE_HEADERS",
            id="disabled-in-a-top-level-if",
        ),
        pytest.param(
            _HEADERS + 'APP_DEFAULT_SECURE_HEADERS["force_https"] = True\n', None, id="kept-on"
        ),
        pytest.param(
            _HEADERS + "import os\n"
            'APP_DEFAULT_SECURE_HEADERS["force_https"] = os.environ["FORCE"] == "1"\n',
            None,
            id="chosen-by-the-deployment",
        ),
        pytest.param(
            "def local():\n    APP_ENABLE_SECURE_HEADERS = False\n", None, id="in-a-function"
        ),
    ],
)
def test_extract_https_off(source: str, how: str | None) -> None:
    found = _turned_off(source)
    assert (found.how if found else None) == how


def _summary(
    relpath: str, imports: dict[str, str], *, test: bool = False, facts: Facts | None = None
) -> ModuleSummary:
    module = relpath.removesuffix(".py").replace("/", ".")
    return ModuleSummary(relpath, module, test, frozenset({"flask"}), imports, facts or Facts())


def test_served_through_the_factory_with_https_turned_off() -> None:
    turned_off = _turned_off(_HEADERS + 'APP_DEFAULT_SECURE_HEADERS["force_https"] = False\n')
    config = _summary("portal/config.py", {}, facts=Facts({INVENIO_FACTS: turned_off}))
    app = _summary("portal/app.py", {"create_app": "invenio_app.factory.create_app"})
    serving = invenio_serving([config, app])
    assert serving is not None
    assert serving.https_off == turned_off


@pytest.mark.parametrize(
    ("summaries", "served"),
    [
        pytest.param(
            [_summary("portal/wsgi.py", {"application": "invenio_app.wsgi.application"})],
            True,
            id="wsgi-application",
        ),
        pytest.param(
            [_summary("portal/wsgi.py", {"wsgi": "invenio_app.wsgi"})], True, id="wsgi-module"
        ),
        pytest.param(
            [
                _summary(
                    "tests/conftest.py", {"create_api": "invenio_app.factory.create_api"}, test=True
                )
            ],
            False,
            id="only-the-tests",
        ),
        pytest.param(
            [_summary("portal/app.py", {"Flask": "flask.Flask"})], False, id="plain-flask"
        ),
    ],
)
def test_invenio_serving(summaries: list[ModuleSummary], served: bool) -> None:
    assert (invenio_serving(summaries) is not None) is served
