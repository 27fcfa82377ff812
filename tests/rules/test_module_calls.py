"""The calls a module makes of one of its functions, by the name its scope binds."""

from __future__ import annotations

import ast
import textwrap

from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver
from webwarden.rules.module_calls import calls_of


def _context(source: str) -> FileContext:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    return FileContext("m.py", "m", tuple(text.splitlines()), tree, NameResolver(tree, "m"))


def _function(ctx: FileContext, name: str, index: int = 0) -> ast.FunctionDef:
    found = [n for n in ast.walk(ctx.tree) if isinstance(n, ast.FunctionDef) and n.name == name]
    return found[index]


def _lines(calls: list[ast.Call] | None) -> list[int] | None:
    return None if calls is None else sorted(call.lineno for call in calls)


_NESTED = """
    class Load:
        def func(self):
            def run(command):
                return command

            run("a")
            return run("b")

        def other(self, pool):
            def run(command):
                return command

            return pool.map(run, ["c"])
"""


def test_a_nested_function_is_called_by_the_name_its_holder_binds() -> None:
    ctx = _context(_NESTED)
    assert _lines(calls_of(ctx, _function(ctx, "run"))) == [7, 8]


def test_a_nested_function_handed_on_has_no_known_calls() -> None:
    ctx = _context(_NESTED)
    assert calls_of(ctx, _function(ctx, "run", index=1)) is None


def test_a_top_level_function_read_otherwise_anywhere_has_no_known_calls() -> None:
    ctx = _context(
        """
        def run(command):
            return command

        run("a")

        def view(pool):
            return pool.map(run, ["b"])
        """
    )
    assert calls_of(ctx, _function(ctx, "run")) is None
