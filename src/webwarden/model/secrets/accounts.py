"""Accounts written into the code: the password a request sends compared with a literal,
beside its user name compared with another (`if name == "jack" and password ==
"jacktheripper"`)."""

from __future__ import annotations

import ast

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.passwords import request_data
from webwarden.model.module import FileContext, identifier_words, name_of

_ACCOUNT_WORDS = frozenset({"user", "username", "name", "login", "email", "account", "uid"})


def hardcoded_account(ctx: FileContext, compare: ast.Compare, literal: ast.AST, value: str) -> bool:
    """Whether `literal` is the password a request-sent password is compared with (`==`
    or `!=`), in a test that also compares an account name with a literal: the app lets
    that account in with that password, whatever the password looks like (`reaper`,
    `admin_pass`). A password tested alone may be one refused by a policy (`if password
    == "password": ...`), and is judged as any other literal."""
    if len(compare.ops) != 1 or not isinstance(compare.ops[0], ast.Eq | ast.NotEq):
        return False
    if not value.strip() or len(set(value)) < 2:
        return False  # NOTE: `""`, a mask (`"********"`) a form shows for an unchanged one
    sides = [compare.left, *compare.comparators]
    other = next((side for side in sides if side is not literal), None)
    named = name_of(other) if other is not None else None
    if other is None or named is None or not is_password_name(named):
        return False
    test = ctx.parent(compare)
    if not isinstance(test, ast.BoolOp) or not isinstance(test.op, ast.And):
        return False
    if not any(_account_compared(part) for part in test.values if part is not compare):
        return False
    return request_data(ctx, other) is not None


def _account_compared(node: ast.expr) -> bool:
    """`name == "jack"`: an account's name compared with a literal."""
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return False
    if not isinstance(node.ops[0], ast.Eq):
        return False
    sides = [node.left, *node.comparators]
    literal = any(isinstance(s, ast.Constant) and isinstance(s.value, str) for s in sides)
    names = [name_of(s) for s in sides if not isinstance(s, ast.Constant)]
    return literal and any(
        n is not None and bool(_ACCOUNT_WORDS & set(identifier_words(n))) for n in names
    )
