"""WW1180: `assert` used to check permissions or authentication."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_ACCESS_WORDS = frozenset(
    {
        "authenticated",
        "authorized",
        "authorised",
        "permission",
        "permissions",
        "perm",
        "perms",
        "staff",
        "superuser",
        "admin",
        "role",
        "roles",
        "owner",
        "allowed",
        "logged",
        "access",
        "privileged",
    }
)
_ACCESS_NAMES = frozenset({"current_user", "request.user", "g.user"})


class AssertForAccessControl(PythonRule):
    """## What it does
    Finds `assert` statements in application code whose condition checks a user, a
    permission, a role or authentication (`assert request.user.is_staff`,
    `assert user.has_perm("billing.refund")`, `assert current_user.is_authenticated`).

    ## Why is this bad?
    Python removes every `assert` when run with `-O` or `PYTHONOPTIMIZE`, which some
    deployments set. The check then disappears and everyone gets access. An assertion
    failure is also a 500 error, not the 403 the client should see.

    ## Known problems
    Test files are not reported: `assert` is how tests check things.

    ## Example
    ```python
    def refund(request, order):
        assert request.user.has_perm("billing.refund")
        order.refund()
    ```

    ## Fix
    ```python
    from django.core.exceptions import PermissionDenied

    def refund(request, order):
        if not request.user.has_perm("billing.refund"):
            raise PermissionDenied
        order.refund()
    ```

    ## References
    - [CWE-617: Reachable Assertion](https://cwe.mitre.org/data/definitions/617.html)
    - [Python docs: the assert statement](https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement)
    """

    code = "WW1180"
    name = "assert-for-access-control"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 617
    message = "`assert` checks access (`{what}`); asserts are removed under `python -O`"
    fix = "use an `if` that raises `PermissionDenied` / `abort(403)` instead of `assert`"
    bandit = ("B101",)
    ruff = ("S101",)

    def visit_Assert(self, node: ast.Assert, ctx: FileContext) -> Iterator[Finding]:
        if ctx.is_test_file:
            return
        what = _access_check(ctx, node.test)
        if what is not None:
            yield self.finding(ctx, node, what=what)


def _access_check(ctx: FileContext, test: ast.expr) -> str | None:
    for inner in ast.walk(test):
        if isinstance(inner, ast.Attribute | ast.Name):
            qualified = ctx.qualified(inner) or ""
            if qualified.endswith(tuple(_ACCESS_NAMES)) or qualified in _ACCESS_NAMES:
                return ast.unparse(inner)
            name = inner.attr if isinstance(inner, ast.Attribute) else inner.id
            words = identifier_words(name)
            if words and words[0] in {"is", "has", "can"} and _ACCESS_WORDS & set(words[1:]):
                return ast.unparse(inner)
    return None
