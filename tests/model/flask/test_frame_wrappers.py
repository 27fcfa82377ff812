from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model
from webwarden.model.flask.frame_wrappers import drops_frame_policy


def _apps_wrappers(root: Path, files: dict[str, str]) -> frozenset[str]:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    return flask_model(root).apps[0].frame_wrappers


def test_an_object_made_in_another_module_gives_its_wrapper(tmp_path: Path) -> None:
    wrappers = _apps_wrappers(
        tmp_path,
        {
            "portal/__init__.py": "",
            "portal/headers.py": """
                from flask_secure_headers.core import Secure_Headers

                secure = Secure_Headers()
                secure.update({"CSP": {"script-src": ["self"]}})
            """,
            "portal/app.py": """
                from flask import Flask, render_template
                from portal.headers import secure

                app = Flask(__name__)

                @app.route("/")
                @secure.wrapper()
                def home():
                    return render_template("home.html")
            """,
        },
    )
    assert wrappers == {"portal.headers.secure.wrapper"}


@pytest.mark.parametrize(
    "policy",
    [
        pytest.param('{"X-Frame-Options": None}', id="dropped"),
        pytest.param('{"X_Frame_Options": options}', id="unknown-value"),
    ],
)
def test_a_policy_dropping_the_header_gives_no_wrapper(tmp_path: Path, policy: str) -> None:
    wrappers = _apps_wrappers(
        tmp_path,
        {
            "app.py": f"""
                from flask import Flask
                from flask_secure_headers.core import Secure_Headers

                app = Flask(__name__)
                sh = Secure_Headers()
                sh.rewrite({policy})
            """,
        },
    )
    assert wrappers == frozenset()


def test_a_policy_keeping_the_header_and_a_plain_dict_update(tmp_path: Path) -> None:
    wrappers = _apps_wrappers(
        tmp_path,
        {
            "app.py": """
                from flask import Flask
                from flask_secure_headers.core import Secure_Headers

                app = Flask(__name__)
                sh = Secure_Headers()
                sh.rewrite({"X-Frame-Options": {"value": "deny"}})
                other = {}
                other.update({"X-Frame-Options": None})
            """,
        },
    )
    assert wrappers == {"app.sh.wrapper"}


@pytest.mark.parametrize(
    ("given", "dropped"),
    [
        pytest.param(({"X-Frame-Options": None},), True, id="hyphens"),
        pytest.param(({"x_frame_options": None},), True, id="underscores"),
        pytest.param(({"X_Frame_Options": {"value": "deny"}},), False, id="options"),
        pytest.param(({"CSP": None},), False, id="other-header"),
        pytest.param((), False, id="nothing"),
    ],
)
def test_drops_frame_policy(given: tuple[object, ...], dropped: bool) -> None:
    assert drops_frame_policy(given) is dropped
