"""Whether a module holds the steps or hooks of a BDD test suite: test code wherever it lives.

behave keeps a suite's Python under `features/steps/` and `features/environment.py`, a
folder name that is no test path (a Django app may be called `features`). What marks
them is what they define: step functions registered with behave's or pytest-bdd's
decorators (`@given("a logged-in user")`), which only the test runner calls, matching a
scenario's lines, and behave's environment hooks (`def before_all(context):`), which it
calls around them. The users, passwords and browsers they set up are the test run's.
"""

from __future__ import annotations

import ast

from webwarden.model.names import NameResolver

_STEP_LIBRARIES = ("behave", "pytest_bdd")
_STEP_DECORATORS = frozenset({"given", "when", "then", "step"})
"""behave's `given`/`when`/`then`/`step` (also exported capitalised: `Given`), and
pytest-bdd's `given`/`when`/`then`."""
_HOOK_MOMENTS = ("before", "after")
_HOOK_SUBJECTS = frozenset({"all", "feature", "scenario", "step", "tag"})
_HOOK_CONTEXT = "context"
"""behave hands every hook its run's `context` first (`before_scenario(context, scenario)`)."""


def is_bdd_module(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module defines, at its top level, a step function decorated by
    behave's or pytest-bdd's step decorators, or one of behave's environment hooks
    (`before_all(context)`, `after_scenario(context, scenario)`)."""
    # NOTE: every module of a scan is asked: the decorators are resolved only in modules
    # that import a step library.
    steps = any(names.imports(library) for library in _STEP_LIBRARIES)
    for statement in tree.body:
        if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if _environment_hook(statement):
            return True
        if steps and any(_is_step(d, names) for d in statement.decorator_list):
            return True
    return False


def _is_step(decorator: ast.expr, names: NameResolver) -> bool:
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    library, _, name = (names.qualified(called) or "").rpartition(".")
    return library in _STEP_LIBRARIES and name.lower() in _STEP_DECORATORS


def _environment_hook(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    moment, _, subject = function.name.partition("_")
    parameters = function.args.posonlyargs + function.args.args
    return (
        moment in _HOOK_MOMENTS
        and subject in _HOOK_SUBJECTS
        and bool(parameters)
        and parameters[0].arg == _HOOK_CONTEXT
    )
