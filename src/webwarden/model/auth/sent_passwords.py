"""Stored passwords the code reads back to log in elsewhere.

`jenkins.Jenkins(config.url, username=config.user, password=config.jenkins_pass)`,
`requests.get(url, auth=(hook.user, hook.password))`, `Salesforce(**kwargs)` after
`kwargs = {"password": config.password}`: the attribute read is a credential
the application sends to another system, so the column holding it must give it back;
hashing it would break that login.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import TypeGuard

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.facts import SentPassword
from webwarden.model.module import FileContext

_LOCAL_CHECKS = frozenset(
    {"authenticate", "login", "check_password", "set_password", "make_password"}
    | {"create_user", "create_superuser", "check_password_hash", "verify"}
)
"""Calls that check or hash a password here, not send it on."""
_STORAGE_CALLS = frozenset(
    {"create", "update", "get_or_create", "update_or_create", "insert", "filter", "exclude"}
    | {"filter_by"}
)
_MANAGERS = frozenset({"objects", "query", "session"})
"""`Model.objects.get(...)`, `Model.query.filter_by(...)`: storage or a lookup in it."""
_AUTH_CLASSES = frozenset({"HTTPBasicAuth", "HTTPDigestAuth", "BasicAuth", "DigestAuth"})


_NOT_SENDING = _LOCAL_CHECKS | _STORAGE_CALLS


def sent_passwords(ctx: FileContext) -> Iterator[SentPassword]:
    """Password-named attributes passed as another system's login: a password keyword
    (`password=cfg.jenkins_pass`), an `auth=(user, password)` pair, or the password of an
    HTTP auth object (`HTTPBasicAuth(cfg.user, cfg.password)`)."""
    for call in ctx.nodes(ast.Call):
        assert isinstance(call, ast.Call)  # noqa: S101 - nodes() of that type
        # NOTE: what the call is named is worked out only for a call handed a
        # password-named attribute where one could be a login: most calls are not.
        keyed = [v for v in _keyed_credentials(ctx, call) if _password_attribute(v)]
        second = call.args[1] if len(call.args) > 1 else None
        if not keyed and not _password_attribute(second):
            continue
        callee = ctx.qualified(call.func) or ast.unparse(call.func)
        name = callee.rpartition(".")[2]
        if name in _NOT_SENDING or _MANAGERS & set(callee.split(".")[:-1]):
            continue
        if name in _AUTH_CLASSES and _password_attribute(second):
            keyed.append(second)
        for value in keyed:
            yield SentPassword(value.attr, callee)


def _keyed_credentials(ctx: FileContext, call: ast.Call) -> Iterator[ast.expr]:
    """A password keyword's value, the password of an `auth=(user, password)` pair, or
    a password key of a dict handed on as keywords (`Salesforce(**kwargs)` after
    `kwargs = {"password": config.password, ...}`)."""
    for keyword in call.keywords:
        if keyword.arg is None:
            yield from _password_items(ctx, keyword.value)
        elif is_password_name(keyword.arg):
            yield keyword.value
        elif keyword.arg == "auth" and isinstance(keyword.value, ast.Tuple | ast.List):
            yield from keyword.value.elts[1:2]


def _password_items(ctx: FileContext, mapping: ast.expr) -> Iterator[ast.expr]:
    """The values of the password-named string keys of a dict literal, given as such or
    as the one value of a local (`**{"password": ...}`, `**kwargs`)."""
    if not _password_keyed_dicts(ctx):
        return  # NOTE: most modules have none: `**kwargs` needs no binding lookup then
    if isinstance(mapping, ast.Name):
        made = ctx.scopes.made_by(mapping)
        mapping = made if made is not None else mapping
    if not isinstance(mapping, ast.Dict):
        return
    for key, value in zip(mapping.keys, mapping.values, strict=True):
        if (
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and is_password_name(key.value)
        ):
            yield value


def _password_keyed_dicts(ctx: FileContext) -> bool:
    """Whether some dict display of the module has a password-named string key (worked
    out once per module)."""
    known = ctx.memo.get(_password_keyed_dicts)
    if isinstance(known, bool):
        return known
    found = any(
        isinstance(key, ast.Constant) and isinstance(key.value, str) and is_password_name(key.value)
        for mapping in ctx.nodes(ast.Dict)
        if isinstance(mapping, ast.Dict)
        for key in mapping.keys
    )
    ctx.memo[_password_keyed_dicts] = found
    return found


def _password_attribute(node: ast.expr | None) -> TypeGuard[ast.Attribute]:
    return isinstance(node, ast.Attribute) and is_password_name(node.attr)
