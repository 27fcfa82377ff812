"""Whether a module is a Locust load test: test code wherever it lives and however named.

`locustfile.py` is Locust's default name and a test path by default, but projects keep
more than one script (`locustfile2.py`, `loadtest/wiki_users.py`), each run with
`locust -f`. Such a script defines the simulated users (`class Visitor(HttpUser)`) that
register and log in to a test or staging server with throwaway passwords; a deployed app
never imports it.
"""

from __future__ import annotations

import ast

from webwarden.model.names import NameResolver, last_part

_LOCUST_CLASSES = frozenset(
    {
        "User",
        "HttpUser",
        "FastHttpUser",
        "TaskSet",
        "SequentialTaskSet",
        "MarkovTaskSet",
        "Locust",
        "HttpLocust",
        "FastHttpLocust",
    }
)
"""Locust's user and task-set classes (`Locust` and `HttpLocust` as versions before 1.0
named the users)."""


def defines_load_test(tree: ast.Module, names: NameResolver) -> bool:
    """Whether the module defines, at its top level, a class deriving from one of
    Locust's user or task-set classes (`class Visitor(HttpUser)` after `from locust
    import HttpUser`, `locust.contrib.fasthttp.FastHttpUser`)."""
    for statement in tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        for base in statement.bases:
            qualified = names.qualified(base) or ""
            if qualified.startswith("locust.") and last_part(qualified) in _LOCUST_CLASSES:
                return True
    return False
