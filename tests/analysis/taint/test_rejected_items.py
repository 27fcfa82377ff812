"""Lists of rejected items: what a loop filling one tells once it is found empty."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.rejected_items import (
    KEYS_CHECKED,
    loop_rejection,
    quantified_guards,
)

LOCALS = frozenset({"data", "fields", "invalid"})


def _local(node: ast.expr) -> str | None:
    return node.id if isinstance(node, ast.Name) and node.id in LOCALS else None


def _rejections(source: str) -> tuple[str | None, tuple[str, str]] | None:
    """(the list filled, or None past a leaving loop; (the local guarded, how))."""
    loop = ast.parse(textwrap.dedent(source)).body[0]
    assert isinstance(loop, ast.For)
    found = loop_rejection(loop, _local)
    if found is None:
        return None
    (guard,) = found.guards
    how = "keys" if guard.how == "classes" and guard.kinds == KEYS_CHECKED else guard.how
    return found.filled, (guard.name, how)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    invalid.append(f)
            """,
            ("invalid", ("fields", "keys")),
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
                elif f == "stop":
                    break
            """,
            None,
            id="break-beside",
        ),
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    invalid.append(f)
                else:
                    continue
            """,
            ("invalid", ("fields", "keys")),
            id="continue-after-the-test",
        ),
        pytest.param(
            """
            for key, value in data.items():
                if key not in ALLOWED:
                    log(key)
                    return error(key)
            """,
            (None, ("data", "keys")),
            id="returns-at-the-first",
        ),
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    raise ValueError(f)
            """,
            (None, ("fields", "keys")),
            id="raises-at-the-first",
        ),
        pytest.param(
            """
            for f in fields:
                if f not in ALLOWED:
                    break
            """,
            None,
            id="breaks-at-the-first",
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
def test_loop_rejection(source: str, expected: tuple[str | None, tuple[str, str]] | None) -> None:
    assert _rejections(source) == expected


def _quantified(source: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """(guards where the test holds, where it fails), each as (local, how)."""
    test = ast.parse(textwrap.dedent(source).strip(), mode="eval").body
    assert isinstance(test, ast.Call)
    assert isinstance(test.func, ast.Name)
    if test.func.id not in {"all", "any"}:
        return None  # NOTE: the lowering asks only of the builtins `all` and `any`
    found = quantified_guards(test.args[0], test.func.id == "all", _local)
    if found is None:
        return None

    def named(guards: tuple[ir.Guard, ...]) -> list[tuple[str, str]]:
        return [
            (g.name, "keys" if g.how == "classes" and g.kinds == KEYS_CHECKED else g.how)
            for g in guards
        ]

    return named(found[0]), named(found[1])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(
            "all(f in ALLOWED for f in fields)",
            ([("fields", "keys")], []),
            id="all-members",
        ),
        pytest.param(
            "any(k not in ALLOWED for k, v in data.items())",
            ([], [("data", "keys")]),
            id="any-outside-keys",
        ),
        pytest.param(
            "all(not k not in ALLOWED for k in data.keys())",
            ([("data", "keys")], []),
            id="double-negation",
        ),
        pytest.param("any(f in ALLOWED for f in fields)", None, id="any-member"),
        pytest.param("all(f not in ALLOWED for f in fields)", None, id="all-outside"),
        pytest.param("all(f in ALLOWED for f in fields if f != 'id')", None, id="items-skipped"),
        pytest.param("all(f in f.parts for f in fields)", None, id="collection-of-the-item"),
        pytest.param("all(f in ALLOWED for f in other)", None, id="not-a-local"),
        pytest.param("max(f in ALLOWED for f in fields)", None, id="other-call"),
    ],
)
def test_quantified_guards(
    source: str, expected: tuple[list[tuple[str, str]], list[tuple[str, str]]] | None
) -> None:
    assert _quantified(source) == expected
