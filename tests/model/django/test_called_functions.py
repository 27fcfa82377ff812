"""Module functions a settings module calls once at its top level, followed there."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from tests.model.django.test_settings import model, values, write
from webwarden.model.django.called_functions import straight
from webwarden.model.django.facts import Comparison

_BASE = 'INSTALLED_APPS = ["django.contrib.auth"]\nROOT_URLCONF = "site.urls"\nimport os\n'


def _straight(source: str) -> str | None:
    function = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(function, ast.FunctionDef)
    found = straight(function.body)
    return None if found is None else ast.unparse(ast.Module(body=found, type_ignores=[]))


def test_straight_moves_what_follows_a_leaving_arm_into_the_other() -> None:
    source = """
    def f():
        if not url:
            return None
        A.append(url)
        return url
    """
    assert _straight(source) == "if not url:\n    pass\nelse:\n    A.append(url)"


def test_straight_gives_up_on_a_return_in_a_loop() -> None:
    source = """
    def f():
        for x in items:
            if x:
                return x
        A.append(1)
    """
    assert _straight(source) is None


@pytest.mark.parametrize(
    ("comparison", "value", "expected"),
    [
        pytest.param(Comparison("!=", ["*"]), ["*"], False, id="wildcard-alone"),
        pytest.param(Comparison("!=", ["*"]), ("*",), False, id="tuple-against-list"),
        pytest.param(Comparison("==", ["*"]), ["a", "*"], False, id="longer-list"),
        pytest.param(Comparison("in", "*", setting_first=False), ["a", "*"], True, id="in"),
        pytest.param(Comparison("not in", "*", False), ["a"], True, id="not-in"),
        pytest.param(Comparison("in", 3, False), "text", "unknown", id="type-error"),
    ],
)
def test_comparison_holds(comparison: Comparison, value: object, expected: object) -> None:
    found = comparison.holds(value)
    assert (found if isinstance(found, bool) else "unknown") == expected


@pytest.mark.parametrize(
    ("module", "name", "expected"),
    [
        pytest.param(
            "DEBUG = False\ndef f():\n    global DEBUG\n    DEBUG = True\nf()\n",
            "DEBUG",
            [True],
            id="global-rebound",
        ),
        pytest.param(
            "DEBUG = False\ndef f():\n    DEBUG = True\n    return DEBUG\nX = f()\n",
            "DEBUG",
            [False],
            id="local-of-the-same-name",
        ),
        pytest.param(
            "DEBUG = False\ndef f():\n    global DEBUG\n    DEBUG = True\nf()\nf()\n",
            "DEBUG",
            [False],
            id="called-twice",
        ),
        pytest.param(
            "ALLOWED_HOSTS = ['a']\ndef f():\n    url = os.environ.get('URL')\n"
            "    if not url:\n        return\n    ALLOWED_HOSTS.append('b')\nf()\n",
            "ALLOWED_HOSTS",
            [["a"]],
            id="returns-early-by-default",
        ),
        pytest.param(
            "ALLOWED_HOSTS = ['a']\ndef f():\n    url = os.environ.get('URL', 'x')\n"
            "    if not url:\n        return\n    ALLOWED_HOSTS.append('b')\nf()\n",
            "ALLOWED_HOSTS",
            [["a", "b"]],
            id="goes-on-by-default",
        ),
        pytest.param(
            "import socket\nALLOWED_HOSTS = ['a']\ndef f():\n"
            "    if socket.gethostname() == 'www':\n        ALLOWED_HOSTS.append('b')\nf()\n",
            "ALLOWED_HOSTS",
            [["a", "b"], ["a"]],
            id="unknown-test-may-be-either",
        ),
        pytest.param(
            "REST_FRAMEWORK = {'CLASSES': ['s']}\ndef f():\n"
            "    REST_FRAMEWORK['CLASSES'].insert(0, 'r')\nf()\n",
            "REST_FRAMEWORK",
            [{"CLASSES": ["r", "s"]}],
            id="method-of-an-item",
        ),
        pytest.param(
            "ALLOWED_HOSTS = os.environ.get('H', '*').split(',')\n"
            "if ALLOWED_HOSTS != ['*']:\n    ALLOWED_HOSTS.append('localhost')\n",
            "ALLOWED_HOSTS",
            [["*"]],
            id="compared-at-module-level",
        ),
    ],
)
def test_settings_after_call(tmp_path: Path, module: str, name: str, expected: object) -> None:
    django = model(write(tmp_path, {"site/settings.py": _BASE + module}))
    assert values(django, "site/settings.py", name) == expected


def test_development_default_left_undecided(tmp_path: Path) -> None:
    module = (
        "ENVIRONMENT = os.environ.get('ENV', 'development').split(',')\n"
        "ENVIRONMENT.append('x')\n"
        "DEBUG = False\n"
        "if ENVIRONMENT == ['development', 'x']:\n    DEBUG = True\n"
    )
    django = model(write(tmp_path, {"site/settings.py": _BASE + module}))
    assert values(django, "site/settings.py", "DEBUG") == [True, False]
