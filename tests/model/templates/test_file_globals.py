"""Jinja globals set to functions, and which functions return a file's content."""

from __future__ import annotations

from pathlib import Path

from tests.model.templates.helpers import template_model

HELPERS = """
import io
from pathlib import Path


def svg(name):
    with open(name) as handle:
        return handle.read()


def text(name):
    return Path("docs", name).read_text()


def raw(name):
    return io.open(name, "rb").read()


def fixed():
    return open("/var/lib/app/notice.html").read()


def rebound(name):
    with open(name) as handle:
        handle = other(handle)
        return handle.read()


def mixed(name):
    if name:
        return open(name).read()
    return name
"""

APP = """
from flask import Flask

import helpers
from helpers import svg

app = Flask(__name__)
app.jinja_env.globals["svg"] = svg
app.jinja_env.globals.update(text=helpers.text, fixed=helpers.fixed)


@app.template_global("greet")
def greeting(name):
    return name
"""


def test_file_readers_and_global_functions(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {"helpers.py": HELPERS, "app.py": APP, "templates/page.html": "{{ svg('a') }}\n"},
    )
    # NOTE: `fixed` takes no file name; `rebound` and `mixed` may return something else.
    assert model.file_readers == {"helpers.svg", "helpers.text", "helpers.raw"}
    assert model.global_functions == {
        "svg": {"helpers.svg"},
        "text": {"helpers.text"},
        "fixed": {"helpers.fixed"},
        "greet": {"app.greeting"},
    }


LIBRARY = """
from django_jinja import library


@library.global_function
def first(name):
    return name


@library.global_function()
def second(name):
    return name


@library.global_function(name="third_global")
def third(name):
    return name


@library.filter
def not_a_global(value):
    return value
"""


def test_django_jinja_library_globals(tmp_path: Path) -> None:
    model = template_model(
        tmp_path,
        {
            "shop/templatetags/jinja_globals.py": LIBRARY,
            "shop/templates/page.jinja": "{{ first('a') }}\n",
        },
    )
    assert model.global_functions == {
        "first": {"jinja_globals.first"},
        "second": {"jinja_globals.second"},
        "third_global": {"jinja_globals.third"},
    }
