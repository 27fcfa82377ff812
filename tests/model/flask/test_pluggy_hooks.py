"""pluggy hook calls and the functions a `HookimplMarker` marks."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.flask.pluggy_hooks import HOOK_CALL, hook_called, implements_hook
from webwarden.parse.python import ParsedPython, parse_source


def _implements(source: str) -> bool:
    parsed = parse_source(textwrap.dedent(source), "plugin.py")
    assert isinstance(parsed, ParsedPython)
    ctx = make_context("plugin.py", parsed, FilePlan((), 1 << 20, frozenset(), ()))
    function = next(n for n in ctx.tree.body if isinstance(n, ast.FunctionDef))
    return implements_hook(ctx, function)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            from pluggy import HookimplMarker
            impl = HookimplMarker("shop")
            @impl
            def load(app): ...
            """,
            True,
            id="module-marker",
        ),
        pytest.param(
            """
            from shop.plugins import hookimpl
            @hookimpl(tryfirst=True)
            def load(app): ...
            """,
            True,
            id="imported-marker-called",
        ),
        pytest.param(
            """
            from functools import cache as impl
            @impl
            def load(app): ...
            """,
            False,
            id="other-decorator",
        ),
        pytest.param("def load(app): ...\n", False, id="undecorated"),
    ],
)
def test_implements_hook(source: str, expected: bool) -> None:
    assert _implements(source) is expected


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        pytest.param("app.pluggy.hook.load(app=app)", HOOK_CALL + "load", id="manager-hook"),
        pytest.param("pm.hook.load(app=app)", HOOK_CALL + "load", id="plugin-manager"),
        pytest.param("app.load(app=app)", None, id="no-hook"),
        pytest.param("load(app=app)", None, id="plain-call"),
    ],
)
def test_hook_called(call: str, expected: str | None) -> None:
    node = ast.parse(call, mode="eval").body
    assert isinstance(node, ast.Call)
    assert hook_called(node.func) == expected
