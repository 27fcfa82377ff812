"""Functions of the project that return the content of the file their caller names."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.model.templates.path_readers import path_readers

SOURCE = """
import io
from pathlib import Path


def read_html(fname):
    markup = None
    if fname.is_file():
        with fname.open() as f:
            markup = f.read().strip()
        if not markup:
            markup = None
    return markup


def read_named(folder, name):
    with open(folder + "/" + name + ".html") as handle:
        return handle.read()


def read_text(name):
    return Path("docs", name).read_text().rstrip()


def fixed(name):
    return open("/var/lib/app/notice.html").read()


def changed(name):
    name = name.replace("..", "")
    return open(name).read()


def counted(name):
    text = ""
    for line in open(name):
        text += line
    return text


def mixed(name):
    if name:
        return open(name).read()
    return "<b>none</b>"


def nothing():
    return open("/etc/motd").read()
"""


@pytest.mark.parametrize(
    ("name", "reads"),
    [
        pytest.param("read_html", True, id="local-none-or-stripped-content"),
        pytest.param("read_named", True, id="path-joined-from-parameters"),
        pytest.param("read_text", True, id="path-read-text"),
        pytest.param("fixed", False, id="own-fixed-path"),
        pytest.param("changed", False, id="parameter-rebound"),
        pytest.param("counted", False, id="built-in-a-loop"),
        pytest.param("mixed", False, id="also-returns-markup"),
        pytest.param("nothing", False, id="no-parameter"),
    ],
)
def test_path_readers(name: str, reads: bool) -> None:
    text = textwrap.dedent(SOURCE)
    tree = ast.parse(text)
    ctx = FileContext(
        "helpers.py", "helpers", tuple(text.splitlines()), tree, NameResolver(tree, "helpers")
    )
    assert (name in path_readers(ctx)) is reads
