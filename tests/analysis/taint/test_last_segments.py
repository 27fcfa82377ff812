from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tests.helpers import audit
from webwarden.analysis.taint import ir
from webwarden.analysis.taint.last_segments import LAST_SEGMENT, last_segment, with_last_segment
from webwarden.analysis.taint.values import Label, Origin, Trace, Value

_MODULE = Label(Origin("source", "module"))
_NAME = Label(Origin("source", "name"))
_PATH = Label(Origin("param", "path"))
_TRACE = Trace(())


def test_a_join_keeps_its_last_piece_apart() -> None:
    joined = with_last_segment(Value({_MODULE: _TRACE, _NAME: _TRACE}), {_NAME: _TRACE})
    assert joined.whole().keys() == {_MODULE, _NAME}
    held = joined.part(LAST_SEGMENT)
    assert held is not None
    assert held.whole().keys() == {_NAME}


def test_a_join_holding_all_in_its_last_piece_is_left_as_it_is() -> None:
    joined = Value({_NAME: _TRACE})
    assert with_last_segment(joined, {_NAME: _TRACE}) is joined


_FUNCTION = ir.Function("f", "f", (ir.Param("path"),), (), (), (1, 0), "function")


@pytest.mark.parametrize(
    ("function", "node", "expected"),
    [
        pytest.param(_FUNCTION, ir.Local("path"), ("path", (LAST_SEGMENT,)), id="parameter"),
        pytest.param(
            _FUNCTION.__class__(
                "f", "f", (ir.Param("path"),), (), (), (1, 0), "function", rebound=("path",)
            ),
            ir.Local("path"),
            ("path", ()),
            id="parameter-bound-anew",
        ),
        pytest.param(_FUNCTION, ir.Local("head"), ("path", ()), id="made-of-the-parameter"),
    ],
)
def test_the_basename_of_what_the_caller_gave(
    function: ir.Function, node: ir.Expr, expected: tuple[str, tuple[str, ...]]
) -> None:
    (label,) = last_segment(function, node, Value({_PATH: _TRACE})).keys()
    assert (label.origin.name, label.origin.path) == expected


HEAD = """\
import os
from flask import Flask, make_response, request
from werkzeug.utils import secure_filename
app = Flask(__name__)

def named(value):
    response = make_response("")
    response.headers["X-Name"] = value
    return response
"""


def _reported(tmp_path: Path, body: str) -> bool:
    """Whether the request data reaches the header `named` sets."""
    (tmp_path / "app.py").write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return bool(audit([tmp_path], tmp_path, select=["WW1111"]))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            """
            @app.route("/<module>/<name>")
            def view(module, name):
                return named(os.path.basename(os.path.join("/srv", module, secure_filename(name))))
            """,
            False,
            id="cleaned-last-piece",
        ),
        pytest.param(
            """
            @app.route("/<module>/<name>")
            def view(module, name):
                return named(os.path.basename(os.path.join("/srv", secure_filename(name), module)))
            """,
            True,
            id="request-data-last",
        ),
        pytest.param(
            """
            def header(path):
                return named(os.path.basename(path))
            @app.route("/<module>/<name>")
            def view(module, name):
                return header(os.path.join("/srv", module, secure_filename(name)))
            """,
            False,
            id="basename-taken-by-the-callee",
        ),
        pytest.param(
            """
            def header(path):
                return named(os.path.basename(path))
            def forward(path):
                return header(path)
            @app.route("/<module>")
            def view(module):
                return forward(module)
            """,
            True,
            id="callee-given-no-join",
        ),
        pytest.param(
            """
            def where(module, name):
                return os.path.join("/srv", module, secure_filename(name))
            @app.route("/<module>/<name>")
            def view(module, name):
                return named(os.path.basename(where(module, name)))
            """,
            False,
            id="join-returned-by-a-helper",
        ),
        pytest.param(
            """
            def header(path):
                head, tail = os.path.split(path)
                return named(os.path.basename(head))
            @app.route("/<module>/<name>")
            def view(module, name):
                return header(os.path.join("/srv", module, secure_filename(name)))
            """,
            True,
            id="folder-of-the-callee-parameter",
        ),
        pytest.param(
            """
            @app.route("/<module>/<name>")
            def view(module, name):
                path = os.path.join("/srv", module)
                path = os.path.join(path, secure_filename(name))
                return named(os.path.basename(path))
            """,
            False,
            id="joined-again",
        ),
    ],
)
def test_basename_of_a_join(tmp_path: Path, body: str, expected: bool) -> None:
    assert _reported(tmp_path, body) is expected
