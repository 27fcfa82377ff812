"""Functions declared to narrow a type, and calls of them from other modules."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.module import FileContext
from webwarden.model.type_guards import (
    called_guard,
    declares_type_guard,
    guard_function,
    returns_type_guard,
)
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str, relpath: str = "shop/views.py") -> FileContext:
    parsed = parse_source(textwrap.dedent(source), relpath)
    assert isinstance(parsed, ParsedPython)
    return make_context(relpath, parsed, FilePlan((), 1 << 20, frozenset(), ("tests/",)))


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        pytest.param("TypeIs[Staff]", True, id="type-is"),
        pytest.param("typing.TypeGuard[Staff]", True, id="qualified-type-guard"),
        pytest.param('"TypeIs[Staff]"', True, id="string"),
        pytest.param("bool", False, id="bool"),
        pytest.param("list[Staff]", False, id="other-generic"),
        pytest.param('"TypeIs["', False, id="broken-string"),
    ],
)
def test_returns_type_guard(annotation: str, expected: bool) -> None:
    ctx = _context(f"def is_staff(request) -> {annotation}:\n    return True\n")
    function = guard_function(ctx, "is_staff")
    assert function is not None
    assert returns_type_guard(function) is expected


def test_declared_in_the_defining_module_through_a_re_export() -> None:
    modules = {
        "shop.typing": _context(
            "def is_staff(r) -> TypeIs[S]: ...\ndef plain(r) -> bool: ...", "shop/typing.py"
        ),
        "shop.helpers": _context("from shop.typing import is_staff", "shop/helpers.py"),
    }
    assert declares_type_guard(modules.get, "shop.helpers.is_staff")
    assert not declares_type_guard(modules.get, "shop.typing.plain")
    assert not declares_type_guard(modules.get, "shop.typing.missing")
    assert not declares_type_guard(modules.get, "django.utils.is_staff")
    assert not declares_type_guard(None, "shop.typing.is_staff")


def test_called_guard_names_imported_functions_only() -> None:
    ctx = _context(
        """
        from shop.typing import is_staff
        def local(r): ...
        assert is_staff(r)
        assert local(r)
        """
    )
    calls = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.Assert)]
    tests = [c.test for c in calls if isinstance(c.test, ast.Call)]
    assert [called_guard(ctx, t) for t in tests] == ["shop.typing.is_staff", None]
