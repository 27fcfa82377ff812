"""Branch tests that check the standing of the logged-in user's account, not the request."""

from __future__ import annotations

import re

from webwarden.analysis.taint import ir

_CURRENT_USERS = (
    "flask_login.current_user",
    "flask_login.utils.current_user",
    "flask_security.current_user",
)
"""Flask-Login's proxy of the logged-in user (also as Flask-Security re-exports it)."""
_BAD = re.compile(
    r"(?:^|_)(?:inactive|locked|banned|blocked|disabled|suspended|deleted|expired)(?:$|_)",
    re.IGNORECASE,
)
_GOOD = re.compile(r"(?:^|_)(?:active|enabled|confirmed|verified|approved)(?:$|_)", re.IGNORECASE)
"""Attributes of a user saying whether the account may still sign in (`locked`,
`is_banned`; `is_active`, `email_verified`); not whether someone is logged in
(`is_authenticated`, what a logout view tests) or who, nor a role (`is_admin`: a forged
link still signs an administrator out)."""


def barred_when_true(test: ir.Expr, guards: tuple[ir.Guard, ...]) -> bool | None:
    """Whether a branch test holds for an account that may no longer sign in (True: `if
    not current_user.is_active:`, `if user == current_user and user.locked:`, Django's
    `if request.user.is_banned:`) or for one that may (False: `if current_user.is_active:`),
    reading nothing but the user (no request data, no other value); None when it says
    neither or both. The request cannot make such a test pass or fail."""
    users = {
        g.name
        for g in guards
        if g.how == "equal" and g.container is not None and _is_current_user(g.container)
    }
    said: set[bool] = set()
    stack: list[tuple[ir.Expr, bool]] = [(test, False)]
    while stack:
        expr, negated = stack.pop()
        match expr:
            case ir.Global(name=name):
                owner, _, attr = name.rpartition(".")
                if owner in _CURRENT_USERS:
                    said.update(_says(attr, negated))
                elif name not in _CURRENT_USERS:
                    return None  # NOTE: the request's data, or any other value
            case ir.Local(name=name):
                if name not in users:
                    return None
            case ir.Attr(value=value, attr=attr):
                if _is_current_user(value) or (isinstance(value, ir.Local) and value.name in users):
                    said.update(_says(attr, negated))
                elif not _is_current_user(expr):
                    return None
            case ir.Clean(parts=(part,)):
                stack.append((part, not negated))  # NOTE: `not x`
            case ir.Clean(parts=parts):
                flips = [p.value for p in parts if isinstance(p, ir.Const)]
                if flips and flips != [False] and flips != [True]:
                    return None  # NOTE: `user.status == "locked"`: no polarity known
                stack.extend((p, negated != (flips == [False])) for p in parts)
            case ir.Union(values=values):
                stack.extend((v, negated) for v in values)
            case ir.Call() | ir.Sub() | ir.Fmt() | ir.Seq():
                return None
    return said.pop() if len(said) == 1 else None


def _says(attr: str, negated: bool) -> set[bool]:
    """What reading the attribute says of the account's standing: True for barred."""
    if _BAD.search(attr):
        return {not negated}
    if _GOOD.search(attr):
        return {negated}
    return set()


def _is_current_user(expr: ir.Expr) -> bool:
    """Flask-Login's `current_user`, or Django's `request.user` (`self.request.user`)."""
    match expr:
        case ir.Global(name=name):
            return name in _CURRENT_USERS
        case ir.Attr(value=ir.Local(name="request"), attr="user"):
            return True
        case ir.Attr(value=ir.Attr(value=ir.Local(name="self"), attr="request"), attr="user"):
            return True
    return False
