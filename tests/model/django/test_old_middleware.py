"""The middleware list Django reads when a module sets `MIDDLEWARE_CLASSES`."""

from __future__ import annotations

import pytest

from webwarden.findings import Location
from webwarden.model.django.old_middleware import middleware_read
from webwarden.model.django.settings import Possibility, State

OLD = ("django.middleware.csrf.CsrfViewMiddleware",)
NEW = ("django.middleware.security.SecurityMiddleware",)
BEFORE = "`django.VERSION < (1, 10)`"
AFTER = "`not (django.VERSION < (1, 10))`"


def given(value: object, line: int, branch: str = "") -> Possibility:
    return Possibility(value, Location("settings.py", line, 1), branch=branch)


def unset(branch: str = "") -> Possibility:
    return Possibility([], None, branch=branch)


def read(values: State) -> list[tuple[object, str]]:
    found = middleware_read(values)
    assert found is not None
    return [(p.value, p.branch) for p in found]


def test_neither_set() -> None:
    assert middleware_read({}) is None


def test_only_old_style_list() -> None:
    assert read({"MIDDLEWARE_CLASSES": (given(OLD, 3),)}) == [(OLD, "")]


def test_only_new_list() -> None:
    assert read({"MIDDLEWARE": (given(NEW, 3),)}) == [(NEW, "")]


def test_each_release_its_list() -> None:
    values: State = {
        "MIDDLEWARE": (unset(BEFORE), given(NEW, 9, AFTER)),
        "MIDDLEWARE_CLASSES": (given(OLD, 7, BEFORE), unset(AFTER)),
    }
    assert read(values) == [(OLD, BEFORE), (NEW, AFTER)]


def test_new_list_set_beside_old_one_wins() -> None:
    values: State = {
        "MIDDLEWARE": (given(NEW, 9),),
        "MIDDLEWARE_CLASSES": (given(OLD, 3),),
    }
    assert read(values) == [(NEW, "")]


@pytest.mark.parametrize(
    ("old_branch", "expected"),
    [
        pytest.param("", [(OLD, BEFORE)], id="old-list-always-set"),
        pytest.param("LEGACY", [(OLD, f"{BEFORE} and `LEGACY`"), ([], BEFORE)], id="narrower"),
    ],
)
def test_branch_leaving_both_unset(old_branch: str, expected: list[tuple[object, str]]) -> None:
    old = [given(OLD, 3, f"`{old_branch}`" if old_branch else "")]
    if old_branch:
        old.append(unset(f"`not {old_branch}`"))
    values: State = {
        "MIDDLEWARE": (unset(BEFORE), given(NEW, 9, AFTER)),
        "MIDDLEWARE_CLASSES": tuple(old),
    }
    assert read(values) == [*expected, (NEW, AFTER)]
