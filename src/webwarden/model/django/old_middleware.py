"""The middleware Django reads: `MIDDLEWARE`, or the old-style `MIDDLEWARE_CLASSES`.

Django before 1.10 reads only `MIDDLEWARE_CLASSES`; 1.10 and 1.11 read it when
`MIDDLEWARE` is unset; 2.0 on reads `MIDDLEWARE` alone. A project supporting releases on
both sides sets one or the other by the installed release (`if django.VERSION < (1, 10):
MIDDLEWARE_CLASSES = ... else: MIDDLEWARE = ...`): where `MIDDLEWARE` is left unset, the
list the site runs with is the old-style one of the same branch, not an empty one.
"""

from __future__ import annotations

import dataclasses

from webwarden.model.django.settings import Possibility, State, joined_branches
from webwarden.model.roles import exclusive


def middleware_read(values: State) -> tuple[Possibility, ...] | None:
    """The possibilities of the middleware list Django reads under `values`: those of
    `MIDDLEWARE`, each branch leaving it unset taking the `MIDDLEWARE_CLASSES` the
    module gives under that branch (all of them when it never sets `MIDDLEWARE`); None
    when neither is set."""
    old = values.get("MIDDLEWARE_CLASSES")
    new = values.get("MIDDLEWARE")
    if not old:
        return new
    if new is None:
        return old
    read: list[Possibility] = []
    for possibility in new:
        read.extend(_in_branch(possibility, old) if possibility.location is None else [possibility])
    return tuple(read)


def _in_branch(unset: Possibility, old: tuple[Possibility, ...]) -> list[Possibility]:
    """What Django reads under the branch leaving `MIDDLEWARE` unset: the old-style lists
    written under conditions that may hold with it, the default too when some branch
    compatible with it leaves both unset."""
    compatible = [p for p in old if not exclusive(p.branch, unset.branch)]
    given = [
        dataclasses.replace(p, branch=joined_branches(unset.branch, p.branch))
        for p in compatible
        if p.location is not None
    ]
    if not given or any(p.location is None for p in compatible):
        given.append(unset)
    return given
