"""Whether a module defines test cases: test code wherever it lives.

Projects keep the base class of their tests beside the app (`webserver/testing.py`
defining `class AppTestCase(flask_testing.TestCase)` whose `create_app` switches CSRF
off for the test client). The test runner alone runs such a class, never the app.
"""

from __future__ import annotations

import ast

from webwarden.model.names import NameResolver, last_part

_TESTING_LIBRARIES = ("unittest.", "flask_testing.", "django.test.", "rest_framework.test.")
"""Libraries whose `...TestCase` classes only a test runner uses."""


def defines_test_case(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module defines, at its top level, a class deriving from a testing
    library's test case (`unittest.TestCase`, `flask_testing.TestCase`,
    `django.test.TestCase`, `APITestCase`)."""
    for statement in tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        for base in statement.bases:
            qualified = names.qualified(base) or ""
            if qualified.startswith(_TESTING_LIBRARIES) and last_part(qualified).endswith(
                "TestCase"
            ):
                return True
    return False
