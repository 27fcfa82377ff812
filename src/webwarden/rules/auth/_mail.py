"""Calls that send an e-mail, and the locals a function fills what it sends from."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from webwarden.rules.context import FileContext

_SENDS = re.compile(r"^(send|mail|deliver|notify)|send|message$|alternatives$|^email_user$")
"""The last part of a callee that sends or builds a message (`send_mail`, `mail.send`,
`send_registration_mail`, `EmailMessage`, Flask-Mail's `Message`, Django's
`user.email_user(subject, message)`); the callee's text must also name mail."""
FILLS = frozenset({"update", "append", "extend", "insert", "add", "setdefault", "attach"})
"""Methods that write what they are given into their receiver (a dictionary, a list, a
message): `context.update(password=password)`."""


def callee(ctx: FileContext, call: ast.Call) -> str:
    return ctx.call_name(call) or ast.unparse(call.func)


_ADAPTERS = frozenset(
    {"asgiref.sync.async_to_sync", "asgiref.sync.sync_to_async"}
    | {"channels.db.database_sync_to_async"}
)
"""asgiref's adapters, which call the function they are given: `async_to_sync(send_mail)(
...)` sends as `send_mail(...)` does."""


def sends_mail(ctx: FileContext, call: ast.Call) -> bool:
    """Whether `call` sends or builds an e-mail: its callee names mail and its last part
    a sending or a message (`send_mail`, `mail.send`, `EmailMessage`, `user.email_user`),
    also through an adapter of asgiref (`async_to_sync(send_mail_in_background)(...)`)."""
    func = call.func
    if (
        isinstance(func, ast.Call)
        and len(func.args) == 1
        and ctx.qualified(func.func) in _ADAPTERS
        and isinstance(func.args[0], ast.Name | ast.Attribute)
    ):
        func = func.args[0]
    # NOTE: never `ctx.call_name` of a node built here: it caches by `id()`, which a later
    # node reuses once this one is freed.
    name = ctx.call_name(call) if func is call.func else ctx.qualified(func)
    if name is not None:
        last = name.rpartition(".")[2]
    elif isinstance(func, ast.Attribute):
        last = func.attr
    elif isinstance(func, ast.Name):
        last = func.id
    else:
        last = ""
    # NOTE: the last part first: most calls fail it without writing out their callee.
    if _SENDS.search(last.lower()) is None:
        return False
    return "mail" in (name or ast.unparse(func)).lower()


def carriers(
    function: ast.AST,
    seeds: set[str],
    names: Callable[[ast.AST], set[str]],
    kept: Callable[[ast.expr], bool] | None = None,
) -> set[str]:
    """`seeds` and every local of `function` that holds one of them or text built from
    one: bound from it (`body = render_to_string(..., {"link": link})`), or a dictionary
    or message it is written into (`context["link"] = link`, `msg.body = body`,
    `context.update(link=link)`); `names` gives the locals an expression reads. A write
    to a target `kept` accepts makes no carrier of the object written into."""
    found = set(seeds)
    writes = [(t, v) for t, v in _writes(function) if kept is None or not kept(t)]
    changed = True
    while changed:
        changed = False
        for target, value in writes:
            if not names(value) & found:
                continue
            while isinstance(target, ast.Attribute | ast.Subscript):
                target = target.value
            if isinstance(target, ast.Name) and target.id not in found:
                found.add(target.id)
                changed = True
    return found


def _writes(function: ast.AST) -> list[tuple[ast.expr, ast.expr]]:
    """Each (target, value) `function` writes: assignments, and the receivers of the
    filling methods with what they are given."""
    writes: list[tuple[ast.expr, ast.expr]] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign):
            writes.extend((target, node.value) for target in node.targets)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and node.value is not None:
            writes.append((node.target, node.value))
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and func.attr in FILLS:
                given = ast.Tuple(elts=[*node.value.args, *(k.value for k in node.value.keywords)])
                writes.append((func.value, given))
    return writes
