from __future__ import annotations

import ast

import pytest

from webwarden.analysis.taint.base_spellings import (
    forget_common,
    held_common,
    note_base,
    note_common,
    spelled_base,
)
from webwarden.analysis.taint.lower_expr import Scope


def _scope() -> Scope:
    return Scope(
        "files.f",
        "files",
        frozenset({"root", "top", "path", "common"}),
        frozenset(),
        frozenset(),
        {"os": "os"},
        frozenset({"STORE"}),
        lambda node: (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)),
    )


def _expr(text: str) -> ast.expr:
    return ast.parse(text, mode="eval").body


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("STORE", "STORE", id="module-name"),
        pytest.param("STORE[:-1]", "STORE", id="slice"),
        pytest.param("STORE.rstrip('/')", "STORE", id="trimmed"),
        pytest.param("os.path.normpath(STORE)", "STORE", id="normalised"),
        pytest.param("str(top)", "top", id="local-as-text"),
        pytest.param("STORE[:-1] if STORE.endswith('/') else STORE", "STORE", id="conditional"),
        pytest.param("STORE[:-1] if STORE.endswith('/') else top", None, id="two-names"),
        pytest.param("STORE[n:]", None, id="slice-by-variable"),
        pytest.param("STORE.rstrip(path)", None, id="trimmed-by-variable"),
        pytest.param("os.path.join(STORE, path)", None, id="joined"),
        pytest.param("request.args['base']", None, id="request-data"),
    ],
)
def test_spelled_base(text: str, expected: str | None) -> None:
    assert spelled_base(_expr(text), _scope()) == expected


def test_note_base_remembers_and_forgets() -> None:
    scope = _scope()
    note_base("root", _expr("STORE[:-1]"), scope)
    assert spelled_base(_expr("root"), scope) == "STORE"
    note_base("root", _expr("request.args['root']"), scope)
    assert spelled_base(_expr("root"), scope) == "root"


@pytest.mark.parametrize(
    ("text", "held"),
    [
        pytest.param("os.path.commonpath([path, root])", True, id="commonpath"),
        pytest.param("commonprefix((path, STORE))", True, id="commonprefix-imported"),
        pytest.param("os.path.join(path, root)", False, id="joined"),
        pytest.param("path", False, id="copy"),
    ],
)
def test_note_common(text: str, held: bool) -> None:
    scope = _scope()
    value = _expr(text)
    note_common("common", value, scope)
    assert (held_common(_expr("common"), scope) is value) is held


def test_common_forgotten_when_a_path_in_it_changes() -> None:
    scope = _scope()
    note_common("common", _expr("os.path.commonpath([path, root])"), scope)
    forget_common("top", scope)
    assert isinstance(held_common(_expr("common"), scope), ast.Call)
    forget_common("path", scope)
    assert isinstance(held_common(_expr("common"), scope), ast.Name)


def test_common_forgotten_when_given_anything_else() -> None:
    scope = _scope()
    note_common("common", _expr("os.path.commonpath([path, root])"), scope)
    note_common("common", _expr("request.args['base']"), scope)
    assert isinstance(held_common(_expr("common"), scope), ast.Name)
    assert isinstance(held_common(_expr("STORE"), scope), ast.Name)
