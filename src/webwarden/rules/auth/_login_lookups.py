"""Login forms that look the typed account up themselves and refuse it apart (WW788)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.names import last_part
from webwarden.rules.context import FileContext

_LOGIN_FORMS = frozenset({"django.contrib.auth.forms.AuthenticationForm"})
_AUTHENTICATE = frozenset({"django.contrib.auth.authenticate"})
_IDENTIFIERS = frozenset({"username", "email", "login", "user_name", "mail", "phone"})
"""Fields an account is looked up by from what the visitor typed."""
_LOOKUPS = frozenset({"get", "filter", "exists", "first", "count"})
_AFTER_PASSWORD = frozenset({"confirm_login_allowed"})
"""Django's hook run once the password matched: what it says is for the account's owner."""
_GENERIC = frozenset({"get_invalid_login_error", "invalid_login"})
"""Django's own refusal of a wrong name or password (`self.get_invalid_login_error()`,
`self.error_messages["invalid_login"]`): the same words whichever was wrong."""


def is_login_form(ctx: FileContext, node: ast.ClassDef) -> bool:
    """Django's `AuthenticationForm` among the class's bases (also through classes of its
    module), or a form class that calls `django.contrib.auth.authenticate`."""
    seen: set[str] = set()
    pending = list(node.bases)
    while pending:
        base = pending.pop()
        name = ctx.qualified(base) or ast.unparse(base)
        if name in _LOGIN_FORMS:
            return True
        if isinstance(base, ast.Name) and base.id not in seen:
            seen.add(base.id)
            pending += [
                b
                for s in ctx.tree.body
                if isinstance(s, ast.ClassDef) and s.name == base.id
                for b in s.bases
            ]
    return any(
        isinstance(n, ast.Call) and ctx.call_name(n) in _AUTHENTICATE for n in ast.walk(node)
    )


def telling_refusals(ctx: FileContext, node: ast.ClassDef) -> Iterator[ast.Raise]:
    """The `raise ValidationError(...)` statements of the class's methods that look an
    account up by what was typed (`User.objects.filter(username=name).exists()`, a
    `get` whose `DoesNotExist` they catch) and refuse with words of their own, not
    Django's `invalid_login` message, when the account was not found: in the handler of
    the lookup's `try`, or under a test of its answer."""
    for method in node.body:
        if not isinstance(method, ast.FunctionDef) or method.name in _AFTER_PASSWORD:
            continue
        lookups = [n for n in ast.walk(method) if _account_lookup(n)]
        if not lookups:
            continue
        found = _found_names(method)
        checked = min(
            (
                n.lineno
                for n in ast.walk(method)
                if isinstance(n, ast.Call) and ctx.call_name(n) in _AUTHENTICATE
            ),
            default=None,
        )
        for inner in ast.walk(method):
            if not isinstance(inner, ast.Raise) or not _own_refusal(ctx, inner):
                continue
            if not _answers_lookup(ctx, inner, method, found):
                continue
            # NOTE: a refusal after `authenticate()` answers a wrong password, not a name.
            if checked is None or inner.lineno < checked:
                yield inner


def _found_names(method: ast.FunctionDef) -> set[str]:
    """Names the method binds to an account lookup's answer (`user = User.objects.filter(
    email=e).first()`, `taken = ...exists()`)."""
    return {
        target.id
        for n in ast.walk(method)
        if isinstance(n, ast.Assign) and any(_account_lookup(v) for v in ast.walk(n.value))
        for target in n.targets
        if isinstance(target, ast.Name)
    }


def _answers_lookup(
    ctx: FileContext, node: ast.Raise, method: ast.FunctionDef, found: set[str]
) -> bool:
    """Whether the refusal answers what the lookup found: it is in the handler of a `try`
    whose body looks the account up (`except User.DoesNotExist:`), or under an `if`
    testing the lookup or a name bound to its answer (`if not user:`); not a refusal
    under a test of something else (a provisioning switch of the site). Also a refusal
    after such tests that leave when the account is found (`if User.objects.filter(
    username=name).exists(): return`)."""
    child: ast.AST = node
    for holder in ctx.ancestors(node):
        if _after_lookup_exit(holder, child, found):
            return True
        if holder is method:
            return False
        if (
            isinstance(holder, ast.Try)
            and isinstance(child, ast.ExceptHandler)
            and any(_account_lookup(n) for s in holder.body for n in ast.walk(s))
        ):
            return True
        if (
            isinstance(holder, ast.If)
            and child is not holder.test
            and _tests_lookup(holder.test, found)
        ):
            return True
        child = holder
    return False


def _after_lookup_exit(holder: ast.AST, child: ast.AST, found: set[str]) -> bool:
    """Whether an earlier statement of the block holding `child` is an `if` testing the
    lookup whose body leaves (`return`, `raise`)."""
    for field in ("body", "orelse", "finalbody"):
        block = getattr(holder, field, None)
        if not isinstance(block, list) or child not in block:
            continue
        for earlier in block[: block.index(child)]:
            if (
                isinstance(earlier, ast.If)
                and earlier.body
                and isinstance(earlier.body[-1], ast.Return | ast.Raise)
                and _tests_lookup(earlier.test, found)
            ):
                return True
    return False


def _tests_lookup(test: ast.expr, found: set[str]) -> bool:
    return any(
        _account_lookup(n) or (isinstance(n, ast.Name) and n.id in found) for n in ast.walk(test)
    )


def refusal_words(node: ast.Raise) -> str:
    """The first string the refusal is made of (`"No account matches %(username)s."`),
    else its code."""
    exc = node.exc
    for inner in ast.walk(exc) if exc is not None else ():
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            return inner.value if len(inner.value) <= 60 else inner.value[:57] + "..."
    return ast.unparse(exc) if exc is not None else ""


def _account_lookup(node: ast.AST) -> bool:
    """A query of a manager or queryset by an identifier's field (`username=...`,
    `email__iexact=...`, `**{User.USERNAME_FIELD: name}`)."""
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _LOOKUPS
    ):
        return False
    for keyword in node.keywords:
        if keyword.arg is None:
            if "USERNAME_FIELD" in ast.unparse(keyword.value):
                return True
        elif keyword.arg.split("__", 1)[0] in _IDENTIFIERS:
            return True
    return False


def _own_refusal(ctx: FileContext, node: ast.Raise) -> bool:
    """`raise forms.ValidationError("No account matches ...")`: a refusal in words of
    the form's own."""
    exc = node.exc
    if not isinstance(exc, ast.Call):
        return False
    name = ctx.call_name(exc) or ast.unparse(exc.func)
    if last_part(name) != "ValidationError":
        return False
    return not any(
        (isinstance(n, ast.Attribute) and n.attr in _GENERIC)
        or (isinstance(n, ast.Constant) and n.value in _GENERIC)
        for n in ast.walk(exc)
    )
