"""Lists of rejected items: what a loop filling one tells once it is found empty."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.rejected_items import KEYS_CHECKED, looped_rejections

LOCALS = frozenset({"data", "fields", "invalid"})


def _local(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) and node.id in LOCALS else None


def _lower(node: ast.expr) -> ir.Expr:
    return ir.Clean(())


def _rejections(source: str) -> tuple[str, tuple[str, str]] | None:
    loop = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(loop, ast.For)
    found = looped_rejections(loop, _local, _lower)
    if found is None:
        return None
    name, (guard,) = found
    how = "keys" if guard.how == "classes" and guard.kinds == KEYS_CHECKED else guard.how
    return name, (guard.name, how)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    invalid.append(f)
            """,
            ("invalid", ("fields", "member")),
            id="items-of-a-list",
        ),
        pytest.param(
            """
            for key, value in data.items():
                if key not in ALLOWED:
                    invalid.append(key)
                    break
                total += 1
            """,
            ("invalid", ("data", "keys")),
            id="keys-of-items",
        ),
        pytest.param(
            """
            for key in data.keys():
                if not key in ALLOWED:
                    invalid.add(key)
            """,
            ("invalid", ("data", "keys")),
            id="keys-negated-in-a-set",
        ),
        pytest.param(
            """
            for key, value in data.items():
                if value not in ALLOWED:
                    invalid.append(key)
            """,
            None,
            id="value-tested",
        ),
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    invalid.append(f)
                else:
                    continue
            """,
            None,
            id="continue-beside",
        ),
        pytest.param(
            """
            for f in fields:
                f = f.strip()
                if f not in ALLOWED:
                    invalid.append(f)
            """,
            None,
            id="test-not-first",
        ),
        pytest.param(
            """
            for f in fields:
                if f not in invalid:
                    invalid.append(f)
            """,
            None,
            id="collection-is-the-list",
        ),
        pytest.param(
            """
            for value, key in data.items():
                if key not in ALLOWED:
                    invalid.append(key)
            """,
            None,
            id="value-of-items",
        ),
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    other.append(f)
            """,
            None,
            id="list-not-local",
        ),
    ],
)
def test_looped_rejections(source: str, expected: tuple[str, tuple[str, str]] | None) -> None:
    assert _rejections(source) == expected
