"""What an e-mail carries: the mail call, the locals a link is held in, and the secret
(a reset token, a one-time code) the link holds."""

from __future__ import annotations

import ast
import re

from webwarden.model.module import identifier_words, sounds_secret
from webwarden.rules.auth._link_parts import SECRET_MAKERS
from webwarden.rules.auth._mail import FILLS, callee, carriers, sends_mail
from webwarden.rules.context import FileContext

SECRET_LAST = frozenset({"code", "key"})
LINK_LAST = frozenset(
    {"url", "uri", "link", "href", "path", "page", "endpoint", "host", "domain", "base", "view"}
)
"""Last words of a name for where a link leads (`reset_password_url`), not a secret."""
_ENDPOINT = re.compile(r"""^\s*(?:"[^"]*"|'[^']*')""")
_WORD = re.compile(r"[A-Za-z_]\w*")


def mailed_secret(
    ctx: FileContext, function: ast.AST, mail: ast.Call, whole: ast.expr, lead: ast.expr
) -> str | None:
    """The secret the link `whole` (starting with `lead`) holds, when `mail` sends it:
    the link itself, or a local written from it, is among what `mail` is given."""
    held = holding(ctx, function, whole)
    if not mailed(mail, held, whole):
        return None
    return carried_secret(function, held, whole, {id(n) for n in ast.walk(lead)})


def holding(ctx: FileContext, function: ast.AST, whole: ast.expr) -> set[str]:
    """The locals of `function` that hold the link `whole` or text built from it."""
    return carriers(function, holders(ctx, whole), names_read)


def inside_mail(ctx: FileContext, node: ast.Call) -> bool:
    """Whether `node` is part of another mail call of its statement (the message of
    `mail.send(Message(...))`): that call is judged."""
    holder = ctx.parent(node)
    while holder is not None and not isinstance(holder, ast.stmt):
        if isinstance(holder, ast.Call) and sends_mail(ctx, holder):
            return True
        holder = ctx.parent(holder)
    return False


def mail_text(ctx: FileContext, node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call):
        return f"{callee(ctx, func.value)}(...).{func.attr}"
    return callee(ctx, node)


def holders(ctx: FileContext, whole: ast.expr) -> set[str]:
    """The locals the statement holding the link writes it into (`link = f"{base}?t={t}"`,
    `context = {"link": ...}`, `msg.body = ...`, `context.update(link=...)`)."""
    statement: ast.AST | None = whole
    while statement is not None and not isinstance(statement, ast.stmt):
        statement = ctx.parent(statement)
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, ast.AnnAssign | ast.AugAssign):
        targets = [statement.target]
    elif (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Attribute)
        and statement.value.func.attr in FILLS
    ):
        targets = [statement.value.func.value]
    return {name for name in map(root_name, targets) if name is not None}


def mailed(mail: ast.Call, held: set[str], whole: ast.expr) -> bool:
    arguments = [*mail.args, *(k.value for k in mail.keywords)]
    if isinstance(mail.func, ast.Attribute):
        arguments.append(mail.func.value)  # NOTE: `msg.send()` sends what `msg` was filled with
    return any(
        names_read(argument) & held or any(inner is whole for inner in ast.walk(argument))
        for argument in arguments
    )


def carried_secret(
    function: ast.AST, held: set[str], whole: ast.expr, lead: set[int]
) -> str | None:
    """The secret the link holds: in its own text, or written into a local that holds
    it (`query.update({"code": code})` before `urlencode(query)`), the first written
    first (the token of `url = base + token`, not a `ref` code a later `url += ...`
    adds)."""
    parts: list[ast.AST] = [whole, *written(function, held, fills=False)]
    seen: set[str] = set()
    while parts:
        part = parts.pop(0)
        for inner in ast.walk(part):
            if id(inner) in lead:
                continue
            secret = secret_read(inner)
            if secret is not None:
                return secret
            if isinstance(inner, ast.Name) and inner.id not in seen:
                seen.add(inner.id)
                parts.extend(written(function, {inner.id}, fills=True))
    return None


def written(function: ast.AST, names: set[str], *, fills: bool) -> list[ast.AST]:
    """What `function` writes into the locals `names`, in the order written: the values
    bound or assigned into them and, with `fills`, what `update()`/`setdefault()` add."""
    found: list[ast.AST] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(root_name(target) in names for target in targets):
                found.append(node.value)
        elif (
            fills
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"update", "setdefault"}
            and root_name(node.func.value) in names
        ):
            found.extend([*node.args, *node.keywords])
    return found


def secret_read(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call):
        name = ast.unparse(node.func).rpartition(".")[2]
        if name in SECRET_MAKERS:
            return ast.unparse(node)
        return None
    named: str | None = None
    if isinstance(node, ast.Name | ast.arg):
        named = node.id if isinstance(node, ast.Name) else node.arg
    elif isinstance(node, ast.Attribute):
        named = node.attr
    elif isinstance(node, ast.keyword):
        named = node.arg
    return secret_name(named) if named is not None else None


def secret_name(named: str) -> str | None:
    """`named` when it names a secret (`token`, `reset_code`), not where a link leads."""
    words = identifier_words(named)
    if not words or words[-1] in LINK_LAST:
        return None
    if sounds_secret(named) or words[-1] in SECRET_LAST:
        return named
    return None


def secret_in_url_for(text: str) -> str | None:
    """The secret a `url_for(...)` written in a template passes (`token=token`,
    `code=user.get_reset_token()`): a name after the endpoint, Flask's own `_external`
    and the like aside."""
    start = text.find("url_for(")
    arguments = _ENDPOINT.sub("", text[start + len("url_for(") :], count=1)
    for match in _WORD.finditer(arguments):
        word = match.group()
        if word.startswith("_"):
            continue
        if word in SECRET_MAKERS:
            return word
        if secret_name(word) is not None:
            return word
    return None


def root_name(node: ast.expr) -> str | None:
    while isinstance(node, ast.Attribute | ast.Subscript | ast.Starred):
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def names_read(node: ast.AST) -> set[str]:
    return {inner.id for inner in ast.walk(node) if isinstance(inner, ast.Name)}
