"""WW744: a secret compared with `==`."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import credential_kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words
from webwarden.model.secrets.snippets import mask_known
from webwarden.rules.auth._passwords import name_of
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_MAC_WORDS = frozenset({"signature", "sig", "hmac", "mac", "digest", "otp", "totp", "nonce"})
_PAIR_WORDS = frozenset({"confirm", "confirmation", "again", "repeat", "retype", "verify", "new"})
_QUERY_METHODS = frozenset({"filter", "filter_by", "where", "having", "exclude", "get_or_404"})


_KIND_WORDS = frozenset({"type", "kind", "mode", "choice", "status", "state", "method", "scheme"})


def _secret_name(node: ast.AST) -> str | None:
    name = name_of(node)
    if name is None:
        return None
    words = identifier_words(name)
    if name.isupper() and len(words) == 1:
        # NOTE: `Restriction.PASSWORD` is a choice constant ("password"), not a secret.
        return None
    if credential_kind(name) is not None or (_MAC_WORDS.intersection(words) and "key" not in words):
        return name
    return None


class SecretTimingCompare(PythonRule):
    """## What it does
    Finds `==` and `!=` comparisons of a secret with another value computed at run time:
    tokens, API keys, passwords, signatures, HMACs and digests
    (`if request.headers["X-Signature"] == expected_signature`).

    ## Why is this bad?
    `==` on strings stops at the first differing character, so how long it takes tells
    how many leading characters were right. Over many requests an attacker recovers a
    token or signature one character at a time. `hmac.compare_digest` takes the same
    time whatever the input.

    ## Known problems
    Comparisons with constants, `None` and lengths, comparisons of two values the user
    typed (`password == password_confirm`) and SQLAlchemy query expressions
    (`.filter(User.api_key == key)`) are not reported. Comparing a stored password with
    the typed one at all means passwords are stored in plain text (WW743).

    ## Example
    ```python
    def verify(request, expected_signature):
        return request.headers.get("X-Signature") == expected_signature
    ```

    ## Fix
    ```python
    import hmac

    def verify(request, expected_signature):
        return hmac.compare_digest(request.headers.get("X-Signature", ""), expected_signature)
    ```

    ## References
    - [CWE-208: Observable Timing Discrepancy](https://cwe.mitre.org/data/definitions/208.html)
    - [Python docs: hmac.compare_digest](https://docs.python.org/3/library/hmac.html#hmac.compare_digest)
    """

    code = "WW744"
    name = "secret-timing-compare"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 208
    message = "`{op}` compares the secret `{secret}`: its timing leaks how much of it matched"
    fix = "compare secrets with `hmac.compare_digest(a, b)` (or `secrets.compare_digest`)"

    def visit_Compare(self, node: ast.Compare, ctx: FileContext) -> Iterator[Finding]:
        if len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq | ast.NotEq):
            return
        left, right = node.left, node.comparators[0]
        if any(_trivial(ctx, side) for side in (left, right)) or _in_query(ctx, node):
            return
        names = [_secret_name(left), _secret_name(right)]
        secret = next((n for n in names if n is not None), None)
        if secret is None or _typed_twice(left, right) or _about_kinds(left, right):
            return
        if _derived(ctx, left, right) or _derived(ctx, right, left):
            return
        op = "==" if isinstance(node.ops[0], ast.Eq) else "!="
        snippet = mask_known(ctx.snippet(node, max_lines=1))
        yield self.make_finding(ctx.location(node), snippet=snippet, op=op, secret=secret)


def _trivial(ctx: FileContext, node: ast.expr) -> bool:
    """A constant (also a class attribute assigned one: `self.reset_url_token`), `None`,
    or `len(...)`."""
    if ctx.is_constant(node) or _class_constant(ctx, node):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id in {"len", "type", "bool", "int"}
    return False


def _typed_twice(left: ast.expr, right: ast.expr) -> bool:
    words = set()
    for side in (left, right):
        words |= set(identifier_words(name_of(side) or ""))
    names = [name_of(side) or "" for side in (left, right)]
    return bool(words & _PAIR_WORDS) or any(n[-1:].isdigit() for n in names)


def _in_query(ctx: FileContext, node: ast.AST) -> bool:
    """Inside `.filter(...)`/`.where(...)`: an SQL expression, not a Python comparison."""
    for holder in ctx.ancestors(node):
        func = holder.func if isinstance(holder, ast.Call) else None
        if isinstance(func, ast.Attribute) and func.attr in _QUERY_METHODS:
            return True
        if isinstance(holder, ast.stmt):
            return False
    return False


def _about_kinds(left: ast.expr, right: ast.expr) -> bool:
    """`restriction_type == Restriction.PASSWORD`: comparing kinds, not secrets."""
    return any(
        _KIND_WORDS.intersection(identifier_words(name_of(side) or "")) for side in (left, right)
    )


def _derived(ctx: FileContext, node: ast.expr, other: ast.expr) -> bool:
    """`body = token.removeprefix(...)` then `body == token`: a value against itself."""
    if not isinstance(node, ast.Name) or not isinstance(other, ast.Name):
        return False
    value = ctx.lookup(node)
    return value is not None and any(
        isinstance(inner, ast.Name) and inner.id == other.id for inner in ast.walk(value)
    )


def _class_constant(ctx: FileContext, node: ast.expr) -> bool:
    """`self.reset_url_token` where the class body assigns it a constant."""
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
        return False
    if node.value.id not in {"self", "cls"}:
        return False
    owner = next((a for a in ctx.ancestors(node) if isinstance(a, ast.ClassDef)), None)
    if owner is None:
        return False
    for statement in owner.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == node.attr for t in statement.targets
        ):
            return ctx.is_constant(statement.value)
    return False
