"""Loops and updates that lay names over a module's namespace."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.namespace_update import loop_sets_unlisted_names


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "for k, v in os.environ.items():\n    if k.startswith('X_'):\n"
            "        globals()[k[2:]] = v",
            True,
            id="environment-prefix",
        ),
        pytest.param("for k in config:\n    vars()[k.upper()] = config[k]", True, id="mapping"),
        pytest.param(
            "for name, var in (('A', 'X'), ('B', 'Y')):\n    globals()[name] = os.environ[var]",
            False,
            id="listed-names",
        ),
        pytest.param("for v in values:\n    globals()['A'] = v", False, id="constant-key"),
        pytest.param("for k in config:\n    table[k] = config[k]", False, id="other-mapping"),
        pytest.param(
            "for k in os.environ:\n    if not k.startswith('DJANGO_'):\n        continue\n"
            "    globals()[k[len('DJANGO_'):]] = os.environ[k]",
            True,
            id="prefix-cut-whole",
        ),
        pytest.param(
            "for k in os.environ:\n    if k.startswith('APP_LIMIT_') and k.endswith('_N'):\n"
            "        locals()[k[4:]] = int(os.environ[k])",
            False,
            id="prefix-kept",
        ),
        pytest.param(
            "for k in os.environ:\n    if k.startswith('LIMIT_'):\n        globals()[k] = 1",
            False,
            id="prefix-uncut",
        ),
    ],
)
def test_loop_sets_unlisted_names(source: str, expected: bool) -> None:
    loop = ast.parse(source).body[0]
    assert isinstance(loop, ast.For)
    assert loop_sets_unlisted_names(loop) is expected
