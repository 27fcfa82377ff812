"""A setting given a module-level name that each arm of one `if` binds."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.django.branch_locals import arm_values
from webwarden.model.module import FileContext
from webwarden.model.names import NameResolver


def _arms(source: str) -> tuple[str, str, str] | None:
    text = textwrap.dedent(source)
    tree = ast.parse(text)
    ctx = FileContext(
        "settings.py", "settings", text.splitlines(), tree, NameResolver(tree, "settings")
    )
    last = tree.body[-1]
    assert isinstance(last, ast.Assign)
    found = arm_values(ctx, last.value)
    return None if found is None else tuple(ast.unparse(node) for node in found)  # type: ignore[return-value]


def test_each_arm_binds_the_name() -> None:
    found = _arms(
        """
        if origins:
            secure = check(origins)
        else:
            secure = False
        SESSION_COOKIE_SECURE = secure
        """
    )
    assert found == ("origins", "check(origins)", "False")


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            """
            if origins:
                secure = True
            SESSION_COOKIE_SECURE = secure
            """,
            id="one-arm-only",
        ),
        pytest.param(
            """
            secure = False
            if origins:
                secure = True
            else:
                secure = False
            SESSION_COOKIE_SECURE = secure
            """,
            id="bound-before-too",
        ),
        pytest.param(
            """
            if origins:
                secure = True
            else:
                secure = False
            for secure in (True, False):
                pass
            SESSION_COOKIE_SECURE = secure
            """,
            id="bound-by-a-loop-too",
        ),
        pytest.param(
            """
            if origins:
                SECURE = True
            else:
                SECURE = False
            SESSION_COOKIE_SECURE = SECURE
            """,
            id="a-setting-not-a-local",
        ),
    ],
)
def test_not_bound_by_one_if_alone(source: str) -> None:
    assert _arms(source) is None
