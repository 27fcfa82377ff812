"""CKAN's action layer (`model.ckan_actions`)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from webwarden.engine.files import FilePlan, make_context
from webwarden.model.ckan_actions import (
    action_called,
    answers_stored,
    checks_access,
    refuses_anonymous,
)
from webwarden.model.module import FileContext
from webwarden.parse.python import ParsedPython, parse_source


def _context(source: str) -> FileContext:
    parsed = parse_source(textwrap.dedent(source), "portal/views.py")
    assert isinstance(parsed, ParsedPython)
    plan = FilePlan((), 1 << 20, frozenset(), ("tests/",))
    return make_context("portal/views.py", parsed, plan)


def _calls(ctx: FileContext) -> dict[str, ast.Call]:
    """Each call of the module by its source, the outermost call of a line only."""
    found: dict[str, ast.Call] = {}
    for node in ast.walk(ctx.tree):
        if isinstance(node, ast.Call) and node.lineno not in {c.lineno for c in found.values()}:
            found[ast.unparse(node)] = node
    return found


@pytest.mark.parametrize(
    ("action", "refuses"),
    [
        pytest.param("package_update", True, id="write"),
        pytest.param("follow_dataset", True, id="follow"),
        pytest.param("harvest_source_create", True, id="extension-write"),
        pytest.param("sysadmin", True, id="sysadmin-check"),
        pytest.param("config_option_list", True, id="sysadmin-read"),
        pytest.param("package_show", False, id="read"),
        pytest.param("am_following_dataset", False, id="following-test"),
        pytest.param("user_create", False, id="sign-up"),
        pytest.param("request_reset", False, id="password-reset-request"),
    ],
)
def test_refuses_anonymous(action: str, refuses: bool) -> None:
    assert refuses_anonymous(action) is refuses


@pytest.mark.parametrize(
    ("action", "stored"),
    [
        pytest.param("resource_show", True, id="show"),
        pytest.param("package_list", True, id="list"),
        pytest.param("package_search", False, id="search-echoes-its-sort"),
        pytest.param("package_update", False, id="write"),
    ],
)
def test_answers_stored(action: str, stored: bool) -> None:
    assert answers_stored(action) is stored


_VIEWS = """
import ckan.logic as logic
import ckan.plugins.toolkit as tk
from portal.logic import check_access as own_check

get_action = logic.get_action


def edit(id):
    tk.get_action("package_update")({}, {"id": id})
    update = get_action("package_patch")
    update({}, {"id": id})
    logic.check_access("group_create", {})
    tk.get_action("package_show")({}, {"id": id})
    own_check("package_update", {})


def purge(id):
    tk.get_action("dataset_purge")({"ignore_auth": True}, {"id": id})
"""


def test_action_called_through_the_module_name_and_a_local() -> None:
    ctx = _context(_VIEWS)
    calls = _calls(ctx)
    assert action_called(ctx, calls["tk.get_action('package_update')({}, {'id': id})"]) == (
        "package_update"
    )
    assert action_called(ctx, calls["update({}, {'id': id})"]) == "package_patch"


@pytest.mark.parametrize(
    ("call", "checks"),
    [
        pytest.param("tk.get_action('package_update')({}, {'id': id})", True, id="toolkit"),
        pytest.param("update({}, {'id': id})", True, id="held-in-a-local"),
        pytest.param("logic.check_access('group_create', {})", True, id="check-access"),
        pytest.param("tk.get_action('package_show')({}, {'id': id})", False, id="read"),
        pytest.param("own_check('package_update', {})", False, id="project-function"),
        pytest.param(
            "tk.get_action('dataset_purge')({'ignore_auth': True}, {'id': id})",
            False,
            id="auth-ignored",
        ),
    ],
)
def test_checks_access(call: str, checks: bool) -> None:
    ctx = _context(_VIEWS)
    assert checks_access(ctx, _calls(ctx)[call]) is checks
