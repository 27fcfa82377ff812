"""Branch tests that check the standing of the logged-in user's account, not the request."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.stored import SESSION_GLOBALS
from webwarden.model.auth.session_logins import marks_login
from webwarden.model.signed_in_user import CURRENT_USERS

_BAD = re.compile(
    r"(?:^|_)(?:inactive|locked|banned|blocked|disabled|suspended|deleted|expired)(?:$|_)",
    re.IGNORECASE,
)
_GOOD = re.compile(r"(?:^|_)(?:active|enabled|confirmed|verified|approved)(?:$|_)", re.IGNORECASE)
"""Attributes of a user saying whether the account may still sign in (`locked`,
`is_banned`; `is_active`, `email_verified`); not whether someone is logged in
(`is_authenticated`, what a logout view tests) or who, nor a role (`is_admin`: a forged
link still signs an administrator out)."""


def session_users(statements: Iterable[ir.Stmt]) -> dict[str, ir.Expr]:
    """The locals holding the account the web session names, each with how it is read:
    a lookup given the session's user id (`user = get_user(uid=session["uid"])`, `user =
    User.query.get(session.get("user_id"))`) as the user itself (`Local`), and a read of
    one of its fields (`user.get("disabled", False)`, lowered into a local of its own) as
    that attribute (`Attr`)."""
    found: dict[str, ir.Expr] = {}
    for statement in statements:
        if not (isinstance(statement, ir.Assign) and len(statement.targets) == 1):
            continue
        target, value = statement.targets[0], statement.value
        if not isinstance(target, ir.TName) or not isinstance(value, ir.Call):
            continue
        if any(_session_read(a) for a in (*value.args, *(v for _, v in value.keywords))):
            found[target.name] = ir.Local(target.name)
        elif field := _field_read(value, found):
            found[target.name] = field
    return found


def _session_read(expr: ir.Expr) -> bool:
    """`session["uid"]`, `session.get("user_id")`: a key of Flask's session naming the user."""
    match expr:
        case ir.Sub(value=ir.Global(name=name), index=ir.Const(value=str() as key)):
            pass
        case ir.Call(
            func=ir.Attr(value=ir.Global(name=name), attr="get"),
            args=(ir.Const(value=str() as key), *_),
        ):
            pass
        case _:
            return False
    return name in SESSION_GLOBALS and marks_login(key)


def _field_read(call: ir.Call, users: dict[str, ir.Expr]) -> ir.Attr | None:
    """`user.get("disabled", False)` of a user document: the field `disabled`."""
    match call:
        case ir.Call(
            func=ir.Attr(value=ir.Local(name=name) as user, attr="get"),
            args=(ir.Const(value=str() as key), *_),
        ) if isinstance(users.get(name), ir.Local):
            return ir.Attr(user, key)
    return None


def barred_when_true(
    test: ir.Expr, guards: tuple[ir.Guard, ...], bound: Mapping[str, ir.Expr] | None = None
) -> bool | None:
    """Whether a branch test holds for an account that may no longer sign in (True: `if
    not current_user.is_active:`, `if user == current_user and user.locked:`, Django's
    `if request.user.is_banned:`; `if not user or user.get("disabled")` of the user the
    web session names, `bound` by `session_users`: an account gone or barred) or for one
    that may (False: `if current_user.is_active:`), reading nothing but the user (no
    request data, no other value); None when it says neither or both. The request cannot
    make such a test pass or fail."""
    users = {
        g.name
        for g in guards
        if g.how == "equal" and g.container is not None and _is_current_user(g.container)
    }
    bound = bound or {}
    said: set[bool] = set()
    stack: list[tuple[ir.Expr, bool]] = [(test, False)]
    while stack:
        expr, negated = stack.pop()
        if isinstance(expr, ir.Local) and expr.name in bound:
            stored = bound[expr.name]
            if isinstance(stored, ir.Local):
                said.add(negated)  # NOTE: `not user`: the session names no account
                continue
            expr = stored
        match expr:
            case ir.Global(name=name):
                owner, _, attr = name.rpartition(".")
                if owner in CURRENT_USERS:
                    said.update(_says(attr, negated))
                elif name not in CURRENT_USERS:
                    return None  # NOTE: the request's data, or any other value
            case ir.Local(name=name):
                if name not in users:
                    return None
            case ir.Attr(value=value, attr=attr):
                if _is_current_user(value) or (
                    isinstance(value, ir.Local) and (value.name in users or value.name in bound)
                ):
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
            return name in CURRENT_USERS
        case ir.Attr(value=ir.Local(name="request"), attr="user"):
            return True
        case ir.Attr(value=ir.Attr(value=ir.Local(name="self"), attr="request"), attr="user"):
            return True
    return False
