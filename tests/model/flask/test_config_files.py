"""Config files named by paths the source builds, and names bound to several files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.model.flask.model_helpers import flask_model
from webwarden.model.flask.app import FlaskApp


def _app(root: Path, files: dict[str, str]) -> FlaskApp:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
    apps = flask_model(root).apps
    assert len(apps) == 1
    return apps[0]


@pytest.mark.parametrize(
    ("imported", "module_file"),
    [
        pytest.param("from portal import conf", "portal/conf/__init__.py", id="package"),
        pytest.param("from portal import conf", "portal/conf.py", id="module"),
        pytest.param("import portal.conf as conf", "portal/conf/__init__.py", id="module-alias"),
    ],
)
def test_a_path_built_from_another_modules_file(
    tmp_path: Path, imported: str, module_file: str
) -> None:
    folder = module_file.rpartition("/")[0]
    app = _app(
        tmp_path,
        {
            "portal/__init__.py": "",
            module_file: "NAME = 'conf'\n",
            f"{folder}/shipped.py": "SESSION_COOKIE_SAMESITE = 'Lax'\n",
            "portal/app.py": f"""
                import os
                from flask import Flask
                {imported}

                app = Flask(__name__)
                app.config.from_pyfile(os.path.join(os.path.dirname(conf.__file__), "shipped.py"))
            """,
        },
    )
    setting = app.effective("SESSION_COOKIE_SAMESITE")
    assert setting is not None
    assert setting.location.path == f"{folder}/shipped.py"
    assert not app.opaque


def test_a_path_built_from_a_library_modules_file_stays_unknown(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "app.py": """
                import os
                import somelib
                from flask import Flask

                app = Flask(__name__)
                app.config.from_pyfile(os.path.join(os.path.dirname(somelib.__file__), "c.py"))
            """,
            "c.py": "SESSION_COOKIE_SAMESITE = 'Lax'\n",
        },
    )
    assert app.effective("SESSION_COOKIE_SAMESITE") is None
    assert app.opaque


_CHOOSING = """
    import os
    from flask import Flask

    def create_app(config_file=None):
        app = Flask(__name__)
        if config_file is None:
            config_file = "{first}"
            if not os.path.exists(config_file):
                config_file = "{second}"
        app.config.from_pyfile(config_file)
        return app
"""


def test_a_name_bound_to_one_file_of_the_tree_and_a_parameter(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "web/__init__.py": "",
            "web/app.py": _CHOOSING.format(first="local.py", second="shipped.py"),
            "web/shipped.py": "SECRET_KEY = 'x' * 3\nSESSION_COOKIE_SAMESITE = 'Lax'\n",
        },
    )
    setting = app.effective("SESSION_COOKIE_SAMESITE")
    assert setting is not None
    assert setting.location.path == "web/shipped.py"
    assert not app.variants
    # NOTE: the caller's file and the missing one stay unknown, as before.
    assert app.opaque


def test_a_name_bound_to_two_files_of_the_tree_makes_variants(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "web/__init__.py": "",
            "web/app.py": _CHOOSING.format(first="local.py", second="shipped.py"),
            "web/local.py": "SESSION_COOKIE_SAMESITE = 'Strict'\n",
            "web/shipped.py": "DEBUG = False\n",
        },
    )
    assert sorted(v.ref for v in app.variants) == ["file:web/local.py", "file:web/shipped.py"]
    judged = {j.variants[0].name: j.value for j in app.judge("SESSION_COOKIE_SAMESITE")}
    assert judged == {"local": "Strict", "shipped": None}
    assert app.opaque


def test_a_name_bound_to_no_file_of_the_tree_stays_unknown(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "web/__init__.py": "",
            "web/app.py": _CHOOSING.format(first="local.py", second="shipped.py"),
        },
    )
    assert app.opaque
    assert not app.variants
    assert [layer.settings for layer in app.layers] == [{}]


def test_a_read_above_the_other_bindings_reads_the_parameter_alone(tmp_path: Path) -> None:
    app = _app(
        tmp_path,
        {
            "web/__init__.py": "",
            "web/app.py": """
                import os
                from flask import Flask

                def create_app(config_file=None):
                    app = Flask(__name__)
                    if config_file:
                        app.config.from_pyfile(config_file)
                    else:
                        config_file = "local.py"
                        if not os.path.exists(config_file):
                            config_file = "shipped.py"
                        app.config.from_pyfile(config_file)
                    return app
            """,
            "web/shipped.py": "SESSION_COOKIE_SAMESITE = 'Lax'\n",
        },
    )
    assert [(sorted(layer.settings), layer.opaque) for layer in app.layers] == [
        ([], True),
        (["SESSION_COOKIE_SAMESITE"], True),
    ]
