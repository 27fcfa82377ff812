"""How a deployment turns a module-level test on environment variables the other way.

A settings module's `if os.getenv("HTTPS", "false").lower() in ("true", "1"):` is decided
by the variables' defaults (false: the arm is skipped as the code ships). What the
skipped arm sets still holds wherever the operator sets the variable, so a finding about
the value that ships says so: "unless $HTTPS is set to true". `flipped_by` works out
those words by evaluating the test with one variable set to a few words at a time.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_guards import variables_set_at
from webwarden.analysis.environment import NO_DEFAULT, PROBE_WORDS, DeployTime, evaluate_setting
from webwarden.model.module import FileContext

_ANY_WORDS = ("anything", "0", "1", "false", "true")
"""Words of which each turning the test means any value set does."""


def flipped_by(ctx: FileContext, test: ast.expr, value: DeployTime) -> str:
    """`$HTTPS is set to true` (`$A is set or $B is set to `prod``): the variables, each
    set alone, that make `test` (whose value is `value`) go the other way from its value
    when every variable is unset; empty when none found does, or it is not decided."""
    if value.if_unset is not None and not isinstance(value.if_unset, bool | str | int | float):
        return ""
    holds = bool(value.if_unset)
    constants = [
        node.value
        for node in ast.walk(test)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    set_here = variables_set_at(ctx, test)
    phrases = []
    for variable in value.environment_variables:

        def flips(word: str, variable: str = variable) -> bool:
            found = evaluate_setting(ctx, test, set_here, {variable: word})
            given = found.if_unset if isinstance(found, DeployTime) else found
            return given is not UNKNOWN and given is not NO_DEFAULT and bool(given) != holds

        phrase = _phrase(flips, holds, [c for c in constants if c != variable])
        if phrase:
            phrases.append(f"${variable} is {phrase}")
    return " or ".join(phrases)


def _phrase(flips: Callable[[str], bool], holds: bool, constants: list[str]) -> str:
    """`set`, `set to true` or `set to `word``: the first words found turning the test."""
    if all(flips(word) for word in _ANY_WORDS):
        return "set"
    for word in ("false", "true") if holds else ("true", "false"):
        if flips(word):
            return f"set to {word}"
    for word in dict.fromkeys([*constants, *PROBE_WORDS]):
        if flips(word):
            return f"set to `{word}`"
    return ""
