"""CKAN's actions in the taint analysis: `get_action(name)` gives the action function,
and what a `*_show` or `*_list` action answers is stored data (`model.ckan_actions`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.values import Value
from webwarden.model.ckan_actions import ACTION_GETTERS, answers_stored

if TYPE_CHECKING:
    from webwarden.analysis.taint.calls import Args, Keywords

ACTION = "<ckan-action>:"
"""The kind of the function `get_action("resource_show")` gives, the action's name after
it."""
STORED = "<ckan-stored>"
"""The kind of what a `*_show` or `*_list` action answers: rows of CKAN's database."""


def action_function(name: str, args: Args, keywords: Keywords) -> Value | None:
    """`get_action("resource_show")` (of CKAN or its toolkit): the action function of a
    constant name; None for another call, or a name chosen at run time."""
    if name not in ACTION_GETTERS:
        return None
    given = [node for node, _ in args[:1]] + [node for key, node, _ in keywords if key == "action"]
    if given and isinstance(given[0], ir.Const) and isinstance(given[0].value, str):
        return Value(kind=ACTION + given[0].value)
    return None


def action_answer(called: Value) -> Value | None:
    """What calling a value of kind `called` answers, when it is an action answering
    stored data (`get_action("resource_show")(context, {"id": resource_id})`: the
    resource the id picks, not the dict); None for other values and actions, whose
    answer may carry what they were handed (`package_update` answers what it stored)."""
    kind = called.kind
    if kind.startswith(ACTION) and answers_stored(kind.removeprefix(ACTION)):
        return Value(kind=STORED)
    return None
