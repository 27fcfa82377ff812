"""Folder expressions built from `__file__`, as paths in the project."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.templates.paths import FolderPath, folder_path
from webwarden.parse.python import ParsedPython, parse_source


def _path(expression: str) -> FolderPath | None:
    source = textwrap.dedent(
        f"""
        import os
        from pathlib import Path
        FOLDER = {expression}
        """
    )
    parsed = parse_source(source, "pkg/core/web/app.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("pkg/core/web/app.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    assign = ctx.tree.body[-1]
    return folder_path(ctx, getattr(assign, "value", None))


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param("Path(__file__).parent", "pkg/core/web", id="parent"),
        pytest.param("Path(__file__).resolve().parents[0]", "pkg/core/web", id="parents-0"),
        pytest.param("Path(os.path.abspath(__file__)).parents[2]", "pkg", id="parents-2"),
        pytest.param(
            "Path(__file__).resolve().parents[1] / 'templates'",
            "pkg/core/templates",
            id="parents-joined",
        ),
    ],
)
def test_anchored_paths(expression: str, expected: str) -> None:
    assert _path(expression) == FolderPath(expected, True)


@pytest.mark.parametrize(
    "expression",
    [
        pytest.param("Path(__file__).parents[-1]", id="negative-index"),
        pytest.param("Path(__file__).parents[depth]", id="variable-index"),
        pytest.param("Path(__file__).parts[1]", id="not-parents"),
    ],
)
def test_unknown_paths(expression: str) -> None:
    assert _path(expression) is None


def _last_read(source: str) -> FolderPath | None:
    """The path the argument of the module's last statement, a call, builds."""
    parsed = parse_source(textwrap.dedent(source), "pkg/core/web/app.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("pkg/core/web/app.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    call = getattr(ctx.tree.body[-1], "value", None)
    assert isinstance(call, ast.Call)
    return folder_path(ctx, call.args[0])


def test_path_rebound_step_by_step() -> None:
    source = """
        from os.path import dirname, join
        path = dirname(dirname(__file__))
        path = join(path, "settings")
        path = join(path, "default.py")
        load(path)
        """
    assert _last_read(source) == FolderPath("pkg/core/settings/default.py", True)


def test_path_rebound_in_a_branch_is_unknown() -> None:
    source = """
        import os
        path = os.path.dirname(__file__)
        if os.environ.get("ALT"):
            path = os.environ["ALT"]
        load(path)
        """
    assert _last_read(source) is None
