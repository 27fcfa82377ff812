"""Modules that are test code by the Locust users they define."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.model.load_tests import defines_load_test
from webwarden.model.names import NameResolver


def _defines(source: str) -> bool:
    tree = ast.parse(textwrap.dedent(source))
    return defines_load_test(tree, NameResolver(tree))


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("from locust import HttpUser\nclass V(HttpUser): ...", id="http-user"),
        pytest.param("import locust\nclass V(locust.User): ...", id="user"),
        pytest.param(
            "from locust.contrib.fasthttp import FastHttpUser\nclass V(FastHttpUser): ...",
            id="fast-http-user",
        ),
        pytest.param("from locust import TaskSet\nclass T(TaskSet): ...", id="task-set"),
        pytest.param("from locust import HttpLocust\nclass V(HttpLocust): ...", id="pre-1.0"),
    ],
)
def test_locust_users_make_test_code(source: str) -> None:
    assert _defines(source)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("class HttpUser: ...\nclass V(HttpUser): ...", id="own-class"),
        pytest.param("from locust import events\nclass V(events.Hook): ...", id="other-part"),
        pytest.param(
            "from locust import HttpUser\ndef f():\n    class V(HttpUser): ...", id="nested"
        ),
    ],
)
def test_other_modules_are_not(source: str) -> None:
    assert not _defines(source)
