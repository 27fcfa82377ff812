"""Login forms that look the typed account up themselves and refuse it apart (WW788)."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

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
    return ctx.mentions("authenticate") and any(
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


# NOTE: what follows serves WW777, the same weakness in a view: the answer a view gives
# when the lookup finds nobody, against the one it gives when the password is wrong.

_PASSWORD_CHECKS = frozenset(
    {"authenticate", "check_password", "check_password_hash", "verify_password", "checkpw"}
)
"""Last parts of the calls that check a typed password (Django's `authenticate()`,
`user.check_password()`, werkzeug's and Flask-Bcrypt's `check_password_hash()`, passlib's
and Flask-Security's `verify_password()`, bcrypt's `checkpw()`)."""
_PLAIN_FIELDS = frozenset({"password", "passwd"})
"""Attributes a model keeps a password in; compared as is, it is kept as typed."""
_SAID = frozenset({"flask.flash", "flask.helpers.flash"})
_SAID_ATTRIBUTES = frozenset({"add_error"})
"""`form.add_error(None, "...")`: a view's own words on its form."""


def own_nodes(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.AST]:
    """The nodes of `function`'s body, not of the functions, lambdas and classes inside."""
    pending: list[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))


def is_account_lookup(node: ast.AST) -> bool:
    """A query by an identifier's field: Django's (`User.objects.get(email=...)`) or
    SQLAlchemy's `filter_by(username=...)`."""
    if _account_lookup(node):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "filter_by"
        and any(
            k.arg is not None and k.arg.split("__", 1)[0] in _IDENTIFIERS for k in node.keywords
        )
    )


def is_password_check(node: ast.AST) -> bool:
    """A call checking a typed password (`authenticate(request, username=u, password=p)`),
    or a comparison of what was typed with the password the account keeps as typed
    (`data.get("password") == user.password`, also `!=`)."""
    if isinstance(node, ast.Compare):
        return _plain_comparison(node)
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in _PASSWORD_CHECKS


def _plain_comparison(node: ast.Compare) -> bool:
    """`typed == user.password` (or `!=`): one side a stored password field, the other
    not a constant."""
    if len(node.ops) != 1 or not isinstance(node.ops[0], ast.Eq | ast.NotEq):
        return False
    sides = (node.left, node.comparators[0])
    stored = [s for s in sides if isinstance(s, ast.Attribute) and s.attr in _PLAIN_FIELDS]
    return len(stored) == 1 and not any(isinstance(s, ast.Constant) for s in sides)


def is_answer(ctx: FileContext, node: ast.AST) -> bool:
    """A statement answering the visitor: a `return` of a value, a `raise`, or words said
    on the page (`messages.error(request, ...)`, `flash(...)`, `form.add_error(...)`)."""
    if isinstance(node, ast.Return):
        return node.value is not None
    if isinstance(node, ast.Raise):
        return True
    if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
        return False
    call = node.value
    name = ctx.call_name(call) or ""
    if name in _SAID or name.startswith("django.contrib.messages."):
        return True
    return isinstance(call.func, ast.Attribute) and call.func.attr in _SAID_ATTRIBUTES


def bound_names(function: ast.AST, found: Callable[[ast.AST], bool]) -> set[str]:
    """Names assigned a value holding a node `found` accepts (`user = authenticate(...)`)."""
    return {
        target.id
        for n in ast.walk(function)
        if isinstance(n, ast.Assign) and any(found(v) for v in ast.walk(n.value))
        for target in n.targets
        if isinstance(target, ast.Name)
    }


def negated(test: ast.expr) -> bool:
    """Whether a test holds when its subject is missing (`not user`, `user is None`,
    `count == 0`)."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return True
    if isinstance(test, ast.Compare) and _plain_comparison(test):
        return isinstance(test.ops[0], ast.NotEq)
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        right = test.comparators[0]
        empty = isinstance(right, ast.Constant) and right.value in (None, 0, False)
        return empty and isinstance(test.ops[0], ast.Is | ast.Eq)
    return False


def subject(test: ast.expr) -> ast.expr:
    """What a test asks about, without `not` and a comparison with a constant."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return subject(test.operand)
    if (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.comparators[0], ast.Constant)
    ):
        return test.left
    return test


def branch_taken(
    ctx: FileContext, node: ast.AST, stop: ast.AST, asks: Callable[[ast.expr], bool]
) -> bool | None:
    """Whether `node` runs when the innermost test `asks` about found its subject
    (`True`), missed it (`False`), or no such test holds `node` (`None`). Statements
    after such a test whose found branch leaves count as the missed branch."""
    child = node
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.If) and child is not holder.test and asks(holder.test):
            taken = _verdict(holder.test, child in holder.body, asks)
            if taken is not None:
                return taken
        for field in ("body", "orelse"):
            block = getattr(holder, field, None)
            if not isinstance(block, list) or child not in block:
                continue
            for earlier in reversed(block[: block.index(child)]):
                if isinstance(earlier, ast.If) and asks(earlier.test):
                    leaves_on = not negated(earlier.test)
                    leaving = earlier.body if leaves_on else earlier.orelse
                    if not (leaving and isinstance(leaving[-1], ast.Return | ast.Raise)):
                        continue
                    taken = _verdict(earlier.test, not leaves_on, asks)
                    if taken is not None:
                        return taken
        if holder is stop:
            return None
        child = holder
    return None


def _verdict(test: ast.expr, in_body: bool, asks: Callable[[ast.expr], bool]) -> bool | None:
    """Whether the branch of `test` (its body if `in_body`) runs when the subject `asks`
    is about was found; `None` when the branch does not tell: the `else` of `user and
    typed != user.password` runs for a missing account and for a right password alike."""
    if isinstance(test, ast.BoolOp):
        parts = [v for v in test.values if asks(v)]
        if not parts or isinstance(test.op, ast.And) != in_body:
            return None
        return _verdict(parts[0], in_body, asks)
    return in_body != negated(test)


def follows(
    ctx: FileContext, node: ast.AST, stop: ast.AST, happened: Callable[[ast.AST], bool]
) -> bool:
    """Whether `node` runs after a node `happened` accepts: one in an earlier statement
    of a block holding it, or in the test of an `if` (or `try` body) holding it."""
    child = node
    for holder in ctx.ancestors(node):
        earlier: list[ast.AST] = []
        if isinstance(holder, ast.If | ast.While) and child is not holder.test:
            earlier.append(holder.test)
        if isinstance(holder, ast.Try) and isinstance(child, ast.ExceptHandler):
            earlier += holder.body
        for field in ("body", "orelse", "finalbody"):
            block = getattr(holder, field, None)
            if isinstance(block, list) and child in block:
                earlier += block[: block.index(child)]
        if any(happened(n) for s in earlier for n in ast.walk(s)):
            return True
        if holder is stop:
            return False
        child = holder
    return False


def in_lookup_handler(ctx: FileContext, node: ast.AST, stop: ast.AST) -> bool:
    """Whether `node` is in the handler of a `try` whose body looks an account up."""
    child = node
    for holder in ctx.ancestors(node):
        if (
            isinstance(holder, ast.Try)
            and isinstance(child, ast.ExceptHandler)
            and any(is_account_lookup(n) for s in holder.body for n in ast.walk(s))
        ):
            return True
        if holder is stop:
            return False
        child = holder
    return False
