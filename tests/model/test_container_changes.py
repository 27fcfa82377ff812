"""`container_changes`: which statements change a list, dict or set in place, and which values may be one."""

from __future__ import annotations

import ast

import pytest

from webwarden.model.container_changes import changed_receiver, held_alias, may_hold_container


def _changed(source: str) -> list[str]:
    """The names whose object a statement of `source` changes in place, in order."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = [changed_receiver(node, lambda n: parents.get(id(n))) for node in ast.walk(tree)]
    return sorted(name.id for name in found if name is not None)


@pytest.mark.parametrize(
    ("source", "changed"),
    [
        pytest.param("x.append(v)\n", ["x"], id="method"),
        pytest.param("x['k'].update(v)\n", ["x"], id="method-of-an-item"),
        pytest.param("x[0] = v\n", ["x"], id="item-assigned"),
        pytest.param("x['k']['j'] += v\n", ["x"], id="item-augmented"),
        pytest.param("del x[0]\n", ["x"], id="item-deleted"),
        pytest.param("x[:] = v\n", ["x"], id="slice-assigned"),
        # read, not changed: the method is not called, or changes nothing
        pytest.param("f = x.append\ny = x.copy()\nz = x[0]\n", [], id="read-only"),
        # an object's attribute is no item of a constant
        pytest.param("self.items.append(v)\nget()['k'].append(v)\n", [], id="not-a-name"),
    ],
)
def test_changed_receiver(source: str, changed: list[str]) -> None:
    assert _changed(source) == changed


@pytest.mark.parametrize(
    ("value", "alias"),
    [
        pytest.param("x", "x", id="name"),
        pytest.param("x['k'][0]", "x", id="item"),
        pytest.param("x[:]", None, id="slice-is-a-copy"),
        pytest.param("list(x)", None, id="copy"),
    ],
)
def test_held_alias(value: str, alias: str | None) -> None:
    found = held_alias(ast.parse(value, mode="eval").body)
    assert (found.id if found else None) == alias


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[]", True),
        ("{'k': 1}", True),
        ("{1}", True),
        ("[h for h in hosts]", True),
        ("BASE + ['x']", True),
        ("hosts or []", True),
        ("list(hosts)", True),
        ("collections.OrderedDict()", True),
        ("ALLOWED.copy()", True),
        ("os.environ['HOSTS'].split(',')", True),
        ("'text'", False),
        ("hashlib.md5()", False),
        ("ALLOWED", False),
        ("settings.ALLOWED", False),
        ("lambda: []", False),
    ],
)
def test_may_hold_container(value: str, expected: bool) -> None:
    assert may_hold_container(ast.parse(value, mode="eval").body) is expected
