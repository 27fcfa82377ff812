"""WW771: a signature check that accepts every request when its secret is not set."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import identifier_words
from webwarden.model.tree import own_nodes
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_CONSTANT_TIME = frozenset(
    {"hmac.compare_digest", "secrets.compare_digest", "werkzeug.security.safe_str_cmp"}
)
_SECRET_WORDS = frozenset({"secret", "key", "token", "password"})


class SignatureCheckPassesWithoutSecret(PythonRule):
    """## What it does
    Finds a function that checks a signature or shared secret with a constant-time
    comparison (`hmac.compare_digest`, `secrets.compare_digest`) but first returns `True`
    when the secret it checks against is not set (`if self.webhook_secret is None:
    return True`, `if not secret: return True`, the secret read from the app's config or
    a setting): with the secret unset, as a fresh install or a mistyped environment
    variable leaves it, the check passes for every request. A check the module runs only
    behind another that has already refused what it must (`if not proxy_is_trusted():
    return None` before `if not proxy_secret_matches(): return None`) is an optional
    second layer, reported at low.

    ## Why is this bad?
    The endpoint the check guards (a webhook, an internal callback) is public, and its
    only defence is the signature. A check that passes when the secret is missing fails
    open: anyone can post forged events, and nothing tells the operator that the check
    is off. A missing secret should refuse every request, or stop the app at start-up.

    ## Known problems
    A check that returns a truthy value other than `True`, or that passes through a
    helper, is not seen. A deployment that sets the secret everywhere is not exposed;
    the finding is about the default.

    ## Example
    ```python
    import hashlib
    import hmac


    def hook_signed(secret, body, signature):
        if secret is None:
            return True
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
    ```

    ## Fix
    ```python
    import hashlib
    import hmac


    def hook_signed(secret, body, signature):
        if secret is None:
            return False
        expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)
    ```

    ## References
    - [CWE-636: Not Failing Securely ('Failing Open')](https://cwe.mitre.org/data/definitions/636.html)
    - [Python docs: hmac.compare_digest](https://docs.python.org/3/library/hmac.html#hmac.compare_digest)
    - [GitHub docs: Validating webhook deliveries](https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries)
    """

    code = "WW771"
    name = "signature-check-passes-without-secret"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 636
    message = "`{function}()` accepts every request when `{secret}` is not set"
    fix = "refuse the request (`return False`) when the secret is missing, or fail at start-up"
    mentions = ("compare_digest",)

    in_tests = False

    def visit_FunctionDef(self, node: ast.FunctionDef, ctx: FileContext) -> Iterator[Finding]:
        yield from self._judge(node, ctx)

    def visit_AsyncFunctionDef(
        self, node: ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        yield from self._judge(node, ctx)

    def _judge(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        if not any(
            isinstance(inner, ast.Call) and ctx.call_name(inner) in _CONSTANT_TIME
            for inner in own_nodes(node)
        ):
            return
        for statement in node.body:
            if not isinstance(statement, ast.If) or statement.orelse:
                continue
            secret = _unset_secret(statement.test)
            if secret is not None and _passes(statement.body):
                # NOTE: a check every caller runs only once another check has let the
                # request through (a trusted proxy's address first, then its optional
                # shared secret) is a second layer: unset, the first still guards.
                severity = Severity.LOW if _second_layer(ctx, node.name) else None
                yield self.finding(
                    ctx,
                    statement.body[-1],
                    severity=severity,
                    function=node.name,
                    secret=_short(secret),
                )


def _second_layer(ctx: FileContext, function: str) -> bool:
    """Whether the module calls `function` and every call is the test of an `if` that
    refuses (`if not check(): return ...`) after an earlier such `if` of the same block
    testing another call (`if not _peer_is_trusted_proxy(): return None`)."""
    calls = [
        call
        for call in ctx.nodes(ast.Call)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == function
    ]
    return bool(calls) and all(_gated_call(ctx, call) for call in calls)


def _gated_call(ctx: FileContext, call: ast.Call) -> bool:
    test = ctx.parent(call)
    statement = ctx.parent(test) if isinstance(test, ast.UnaryOp) else None
    if not (isinstance(statement, ast.If) and statement.test is test and _refuses(statement)):
        return False
    block = next(
        (body for body in _blocks(ctx.parent(statement)) if any(s is statement for s in body)),
        [],
    )
    earlier = block[: next(i for i, s in enumerate(block) if s is statement)]
    return any(
        isinstance(other, ast.If)
        and _refuses(other)
        and isinstance(other.test, ast.UnaryOp)
        and isinstance(other.test.op, ast.Not)
        and isinstance(other.test.operand, ast.Call)
        for other in earlier
    )


def _refuses(statement: ast.If) -> bool:
    """`if not check(): ... return <not True>` (or `raise`), with no `else`."""
    last = statement.body[-1]
    if statement.orelse or not (
        isinstance(statement.test, ast.UnaryOp) and isinstance(statement.test.op, ast.Not)
    ):
        return False
    if isinstance(last, ast.Raise):
        return True
    return isinstance(last, ast.Return) and not (
        isinstance(last.value, ast.Constant) and last.value.value is True
    )


def _blocks(parent: ast.AST | None) -> list[list[ast.stmt]]:
    """The statement lists of `parent` (a body, an `else`, a `finally`...)."""
    if parent is None:
        return []
    return [
        value
        for _, value in ast.iter_fields(parent)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt)
    ]


def _unset_secret(test: ast.expr) -> str | None:
    """The secret `test` holds unset: `not secret`, `secret is None`, `secret == ""`."""
    match test:
        case ast.UnaryOp(op=ast.Not(), operand=operand):
            read = operand
        case ast.Compare(left=left, ops=[ast.Is() | ast.Eq()], comparators=[ast.Constant(value)]):
            if value not in (None, ""):
                return None
            read = left
        case _:
            return None
    return ast.unparse(read) if _names_secret(read) else None


def _names_secret(read: ast.expr) -> bool:
    """`secret`, `self.webhook_secret`, `config["HOOK_SECRET"]`, `config.get("API_KEY")`."""
    match read:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            pass
        case ast.Subscript(slice=ast.Constant(value=str() as name)):
            pass
        case ast.Call(func=ast.Attribute(attr="get"), args=[ast.Constant(value=str() as name), *_]):
            pass
        case _:
            return False
    words = identifier_words(name)
    return bool(words) and words[-1] in _SECRET_WORDS


def _passes(body: list[ast.stmt]) -> bool:
    """The block ends in `return True`, after nothing but calls (a log line)."""
    *before, last = body
    return (
        isinstance(last, ast.Return)
        and isinstance(last.value, ast.Constant)
        and last.value.value is True
        and all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Call) for s in before)
    )


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
