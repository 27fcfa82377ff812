"""Dicts a module loads from a configuration file: which loader gave them."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.config_files import CONFIG_MODULE, loaded_config, loaded_module
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _loader(source: str) -> str | None:
    """The loader of the value of the module's last assignment."""
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext("settings.py", "settings", (), tree, NameResolver(tree))
    statement = tree.body[-1]
    assert isinstance(statement, ast.Assign)
    return loaded_config(ctx, statement.value)


@pytest.mark.parametrize(
    ("source", "loader"),
    [
        pytest.param(
            "import yaml\nCONFIG = yaml.safe_load(open('s.yaml'))\nX = CONFIG",
            "yaml.safe_load",
            id="loader",
        ),
        pytest.param(
            "import json\nX = json.loads(text).get('settings', {}) or {}",
            "json.loads",
            id="section",
        ),
        pytest.param(
            """
            import yaml

            def load_config(path):
                with open(path) as stream:
                    return yaml.unsafe_load(stream)

            X = load_config("s.yaml")
            """,
            "yaml.unsafe_load",
            id="module-function",
        ),
        pytest.param(
            """
            import tomllib

            def parse(text):
                return tomllib.loads(text)

            def load_config(path):
                return parse(open(path).read())

            X = load_config("s.toml")
            """,
            "tomllib.loads",
            id="through-one-more-function",
        ),
        pytest.param(
            """
            def load_config(path):
                return compute(open(path).read())

            X = load_config("s.yaml")
            """,
            None,
            id="function-calling-no-loader",
        ),
        pytest.param(
            "import configparser\nparser = configparser.ConfigParser()\nparser.read(p)\n"
            "X = parser['global']",
            "configparser.ConfigParser",
            id="ini-section",
        ),
        pytest.param("from app import load_config\nX = load_config('s.yaml')", None, id="imported"),
    ],
)
def test_loaded_config(source: str, loader: str | None) -> None:
    assert _loader(source) == loader


def _module_loader(source: str) -> str | None:
    """What loaded the module the last statement's expression names."""
    tree = ast.parse(textwrap.dedent(source))
    ctx = FileContext("settings.py", "settings", (), tree, NameResolver(tree))
    statement = tree.body[-1]
    assert isinstance(statement, ast.Expr)
    return loaded_module(ctx, statement.value)


@pytest.mark.parametrize(
    ("source", "loader"),
    [
        pytest.param(
            """
            import importlib, os
            configuration = importlib.import_module(os.getenv("APP_CONFIG", "app.config"))
            configuration
            """,
            CONFIG_MODULE,
            id="run-time-name",
        ),
        pytest.param(
            """
            import importlib, os
            path = os.environ.get("APP_CONFIG", "app.config")
            try:
                configuration = importlib.import_module(path)
            except ImportError:
                raise SystemExit(1)
            configuration
            """,
            CONFIG_MODULE,
            id="through-a-variable-in-try",
        ),
        pytest.param(
            "import importlib\nconfiguration = importlib.import_module('app.config')\nconfiguration",
            None,
            id="constant-name-the-tree-may-hold",
        ),
        pytest.param(
            "import importlib, os\nconfiguration = object()\nconfiguration",
            None,
            id="other-value",
        ),
    ],
)
def test_loaded_module(source: str, loader: str | None) -> None:
    assert _module_loader(source) == loader
