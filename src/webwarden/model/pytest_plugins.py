"""Whether a module is a pytest plugin: test code wherever it lives.

Projects keep their fixtures in modules outside the test folders
(`myapp/testutils/pytest.py`, loaded by `pytest_plugins = ["myapp.testutils.pytest"]` in
`conftest.py`). pytest alone runs what such a module defines: a fixture or a hook is
called by the test runner, never by the app, so the module is test code as a
`conftest.py` is.
"""

from __future__ import annotations

import ast

from webwarden.model.names import NameResolver

_FIXTURES = frozenset({"pytest.fixture", "pytest.yield_fixture", "_pytest.fixtures.fixture"})
_HOOK_PREFIX = "pytest_"
"""pytest's hook functions (`pytest_configure`, `pytest_addoption`): the runner calls them
by name."""


def is_pytest_plugin(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module defines, at its top level, a pytest fixture (`@pytest.fixture`,
    `@pytest.fixture(scope="session")`) or hook (`def pytest_configure(config):`)."""
    for statement in tree.body:
        if not isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if statement.name.startswith(_HOOK_PREFIX) and names.imports("pytest"):
            return True
        if any(_is_fixture(d, names) for d in statement.decorator_list):
            return True
    return False


def _is_fixture(decorator: ast.expr, names: NameResolver) -> bool:
    called = decorator.func if isinstance(decorator, ast.Call) else decorator
    return names.qualified(called) in _FIXTURES
