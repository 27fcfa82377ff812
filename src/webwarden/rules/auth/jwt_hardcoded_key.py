"""WW747: JWTs signed or verified with a key written in the source."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import credential_kind, find_tokens, looks_like_secret, mask
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.secrets.snippets import masked_line
from webwarden.rules.auth._jwt import DECODE, ENCODE, jwt_call
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_PUBLIC = ("-----BEGIN PUBLIC KEY", "-----BEGIN CERTIFICATE", "-----BEGIN RSA PUBLIC", "ssh-")


class JwtHardcodedKey(PythonRule):
    """## What it does
    Finds `jwt.encode(payload, key, ...)` and `jwt.decode(token, key, ...)` (PyJWT,
    python-jose) whose key is a string constant: written in the call, or a variable
    assigned one, or a key of the app's config (`app.config["JWT_KEY"]`) that the
    module's top level stores one under, once, and fills from nowhere else. Placeholder keys (`"secret"`, `"change-me"`) are reported too: they
    are the first ones an attacker tries.

    ## Why is this bad?
    Whoever has the key mints valid tokens for any user with any claims. A key in the
    source is known to everyone with the repository, and the same in every deployment.

    ## Known problems
    Public keys (PEM `PUBLIC KEY`, certificates) used to verify tokens are not secrets
    and are not reported. A key assigned to a credential-named variable
    (`JWT_SECRET = "..."`) that looks real is reported once, there, by WW241.

    ## Example
    ```python
    import jwt

    def issue(user_id):
        return jwt.encode({"sub": user_id}, "secret", algorithm="HS256")
    ```

    ## Fix
    ```python
    import os

    import jwt

    def issue(user_id):
        return jwt.encode({"sub": user_id}, os.environ["JWT_KEY"], algorithm="HS256")
    ```

    ## References
    - [CWE-321: Use of Hard-coded Cryptographic Key](https://cwe.mitre.org/data/definitions/321.html)
    - [RFC 8725: JSON Web Token Best Current Practices](https://www.rfc-editor.org/rfc/rfc8725#section-3.5)
    """

    code = "WW747"
    name = "jwt-hardcoded-key"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.HIGH
    cwe = 321
    message = "`{call}` {verb} tokens with a key written in the source ({where})"
    fix = "read the signing key from the environment or a secrets manager"
    calls = DECODE | ENCODE

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        kind = jwt_call(ctx, node)
        if kind is None:
            return
        key = ctx.argument(node, 1, "key")
        setting = _config_setting(ctx, key)
        value = ctx.evaluate(key if setting is None else setting[1])
        if key is None or not isinstance(value, str | bytes) or not value:
            return
        text = value.decode("latin-1") if isinstance(value, bytes) else value
        if text.lstrip().startswith(_PUBLIC) or _reported_at_binding(ctx, key, text):
            return
        if setting is not None and _looks_real(setting[0], text):
            return  # NOTE: WW241 reports it where the config key gets it
        where = f"`{key.id}`" if isinstance(key, ast.Name) else f"`{mask(text)}`"
        if setting is not None:
            where = f"`{setting[0]}` of the config"
        location = ctx.location(node)
        line = ctx.lines[location.line - 1]
        spans = []
        if isinstance(key, ast.Constant) and key.lineno == location.line:
            key_location = ctx.location(key)
            end = key_location.end_column if key_location.end_line == key.lineno else None
            spans.append((key_location.column - 1, (end or len(line) + 1) - 1, mask(text)))
        yield self.make_finding(
            location,
            snippet=masked_line(line, spans),
            call=ctx.call_name(node),
            verb="signs" if kind == "encode" else "verifies",
            where=where,
        )


def _reported_at_binding(ctx: FileContext, key: ast.expr, text: str) -> bool:
    """WW240/WW241 already report the literal where a credential-named name gets it."""
    if not isinstance(key, ast.Name):
        return False
    return _looks_real(key.id, text)


def _looks_real(name: str, text: str) -> bool:
    kind = credential_kind(name)
    return any(True for _ in find_tokens(text)) or (
        kind is not None and looks_like_secret(text, kind)
    )


_CONFIG_LOADERS = frozenset(
    {"update", "from_object", "from_pyfile", "from_envvar", "from_mapping", "from_file"}
    | {"from_prefixed_env", "setdefault"}
)
"""Methods of Flask's `Config` that may store any key from elsewhere."""


def _config_setting(ctx: FileContext, key: ast.expr | None) -> tuple[str, ast.expr] | None:
    """(key, value) for a key read from an app's config (`app.config["JWT_KEY"]`) that
    the module's top level stores a value under, on the same object, and nothing else
    in the module stores or may store (`app.config.from_envvar(...)`): the value every
    request reads. A config filled elsewhere too is not followed."""
    match key:
        case ast.Subscript(
            value=ast.Attribute(attr="config") as config, slice=ast.Constant(value=str() as name)
        ):
            pass
        case _:
            return None
    owner = ast.unparse(config)
    found: ast.expr | None = None
    for node in ctx.nodes(ast.Assign, ast.Call):
        if isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr in _CONFIG_LOADERS
                and ast.unparse(func.value) == owner
            ):
                return None
            continue
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if (
                isinstance(target, ast.Subscript)
                and ast.unparse(target.value) == owner
                and isinstance(target.slice, ast.Constant)
                and target.slice.value == name
            ):
                if found is not None or ctx.parent(node) is not ctx.tree:
                    return None  # NOTE: stored twice, or under a condition
                found = node.value
    return None if found is None else (name, found)
