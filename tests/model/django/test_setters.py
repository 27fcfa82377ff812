"""The settings module's own functions that set a setting by its name."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.setters import Setter, setters


def _setters(source: str) -> dict[str, Setter]:
    return setters(ast.parse(textwrap.dedent(source)))


def test_helper_chain_through_namespace_parameter() -> None:
    found = _setters(
        """
        import os

        def set_option(name, value, kind=None):
            return _set_option(name, value, globals(), kind)

        def _set_option(name, value, context, kind=None):
            if name in os.environ:
                context[name] = os.environ[name]
            else:
                _set_default(name, value, context)

        def _set_default(name, value, context):
            context[name] = value
        """
    )
    assert found == {"set_option": Setter(0, 1, reads_environment=True)}


def test_direct_store_into_globals() -> None:
    found = _setters(
        """
        def define(name, value):
            globals()[name] = value
        """
    )
    assert found == {"define": Setter(0, 1, reads_environment=False)}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("def f(name, value):\n    print(name, value)\n", id="stores-nothing"),
        pytest.param(
            "def f(name, value):\n    cache = {}\n    cache[name] = value\n", id="local-dict"
        ),
        pytest.param(
            "def f(name, value, ns):\n    ns[name] = value\n", id="namespace-never-globals"
        ),
    ],
)
def test_not_setters(source: str) -> None:
    assert _setters(source) == {}
