"""Credential defaults that are no secret at all: a well-known default password, or the
same word as the account it logs in with.

`METRICS_PASS = os.environ.get("METRICS_PASS", "prom")` beside `METRICS_USER =
os.environ.get("METRICS_USER", "prom")`: a word alone is no credential (a header's or a
field's name), but given as the password of an account named the same, it is the pair
anyone tries first; so is `guest` or `root` given as a password.
"""

from __future__ import annotations

import ast
import re

from webwarden.analysis.environment import env_lookup
from webwarden.analysis.secrets.values import DEFAULT_PASSWORDS, says_unsafe
from webwarden.model.module import FileContext

_LOGIN_KIND = "a password"
_SECRET_TAIL = re.compile(r"^(?P<stem>.*?)(?P<tail>password|passwd|pass|pwd|secret)$", re.I)
_ACCOUNT_TAILS = {
    "password": ("user", "username", "user_name", "login"),
    "passwd": ("user", "username", "user_name", "login"),
    "pass": ("user", "username", "user_name", "login"),
    "pwd": ("user", "username", "user_name", "login"),
    "secret": ("id",),
}
"""The last word of a credential's name -> those of the account it goes with
(`SMTP_USER` for `SMTP_PASSWORD`, `CLIENT_ID` for `CLIENT_SECRET`)."""


def default_credential(ctx: FileContext, kind: str, variable: str, value: str) -> bool:
    """Whether a literal default of the credential `variable` is a well-known default
    password (`guest`), or the literal the module gives the account it goes with, by
    its name (`METRICS_USER` and `METRICS_PASS` both `prom`, `CLIENT_ID` and
    `CLIENT_SECRET` both `cashbook`)."""
    text = value.strip()
    if kind == _LOGIN_KIND and (text.lower() in DEFAULT_PASSWORDS or says_unsafe(text)):
        return True
    match = _SECRET_TAIL.match(variable)
    if match is None or not text:
        return False
    stem = match["stem"].lower()
    if stem and stem[-1] not in "_-.":
        return False  # NOTE: `BYPASS`, `COMPASS`: no credential word at the end
    literals = _account_literals(ctx)
    return any(literals.get(stem + tail) == text for tail in _ACCOUNT_TAILS[match["tail"].lower()])


def _account_literals(ctx: FileContext) -> dict[str, str]:
    """Lowercased names -> the literal the module assigns them, or gives as the default of
    their lookup (`X = os.environ.get("X", "prom")`, `X = os.getenv("X") or "prom"`): by
    the assigned name and by the variable looked up (once per module)."""
    known = ctx.memo.get(_account_literals)
    if isinstance(known, dict):
        return known
    found: dict[str, str] = {}
    for node in ctx.nodes(ast.Assign):
        assert isinstance(node, ast.Assign)  # noqa: S101 - nodes() of that type
        literal = _literal(node.value)
        if literal is None or len(node.targets) != 1:
            continue
        target = node.targets[0]
        name = target.id if isinstance(target, ast.Name) else None
        name = target.attr if isinstance(target, ast.Attribute) else name
        if name is not None:
            found[name.lower()] = literal
        call = node.value.values[0] if isinstance(node.value, ast.BoolOp) else node.value
        lookup = env_lookup(ctx, call) if isinstance(call, ast.Call) else None
        if lookup is not None:
            found[lookup.variable.lower()] = literal
    ctx.memo[_account_literals] = found
    return found


def _literal(value: ast.expr) -> str | None:
    """The text a constant gives, or the default a lookup's call gives (its last string
    argument after the first, or keyword), or the string after `or`."""
    if isinstance(value, ast.Constant):
        return value.value.strip() if isinstance(value.value, str) else None
    if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
        return _literal(value.values[-1]) if len(value.values) == 2 else None
    if isinstance(value, ast.Call):
        given = [*value.args[1:], *(k.value for k in value.keywords)]
        texts = [g.value for g in given if isinstance(g, ast.Constant) and isinstance(g.value, str)]
        return texts[-1].strip() if len(texts) == 1 else None
    return None
