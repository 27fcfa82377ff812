"""WW774: a password set on an account and sent in an e-mail."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._mail import callee as _callee
from webwarden.rules.auth._mail import carriers, sends_mail
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext

_SETS_FIRST = frozenset(
    {
        "django.contrib.auth.hashers.make_password",
        "werkzeug.security.generate_password_hash",
        "werkzeug.generate_password_hash",
        "flask_security.utils.hash_password",
        "flask_security.hash_password",
    }
)
"""Hashing calls whose first argument is the password an account is given."""
_SETS_METHOD = ".set_password"
_CREATES = frozenset({".create_user", ".create_superuser"})
"""Django's `UserManager` methods: `create_user(username, email, password)`."""
_SETS_FIELDS = frozenset({".create", ".update"})
"""A model's constructor-like and update methods, whose `password=` keyword sets the
account's `password` field (a CRUD mixin's `User.create(...)`, `user.update(...)`, as in
cookiecutter-flask; Django's `objects.create()`)."""
_ACCOUNT_FIELD = "password"


class PasswordSentByEmail(PythonRule):
    """## What it does
    Finds a function that gives an account a password (`user.set_password(p)`,
    `create_user(..., password=p)`, `make_password(p)`, Werkzeug's
    `generate_password_hash(p)`, a model's `password` set, `user.password = p`, or
    given to its CRUD methods, `User.create(..., password=p)`, `user.update(password=p)`)
    and hands the same value, or text built from it, to a
    call that sends an e-mail (`send_mail`, `EmailMessage`, Flask-Mail's `Message`,
    Django's `user.email_user`, a project's `send_email` or `send_registration_mail`),
    itself or through a helper of the same file it hands the value to (a method of its
    class, `self._mail_password(user, password)`, or a function of the module, one
    call deep): a new account's password, or a "forgotten password" answered with a new
    one. A password set from a read (`user.set_password(self.cleaned_data["password1"])`)
    is followed through the locals bound from the same read. The account such a call returns
    (`user = User.create(email=email, password=p)`) is not the password's text: a mail
    whose template is handed the row (`render("welcome.html", user=user)`) is not reported.

    ## Why is this bad?
    E-mail crosses servers in the clear more often than not, is kept in mailboxes,
    backups and the provider's logs, and is read by whoever gets into the mailbox later:
    the message holds a password that works until the user changes it, which many
    never do. A reset that sets a new password at once also lets anyone who knows a
    user name lock that user out. Send a single-use link that expires instead, and let
    the user choose the password.

    ## Known problems
    A temporary password the user must change at the first login is reported too:
    until then it works for whoever reads the message. The value is followed within
    the function only (assignments, a dictionary or message filled with it), and into
    the helpers of its own file it calls directly; a password handed to a helper of
    another module, or passed on again from the helper, is not seen. The account whose
    `password` attribute is set (`user.password = new`) is taken to keep it, not to carry
    it into the mail: `notify_password_changed(user)` mailing the account after the change
    is not reported, even where that helper reads `user.password` back.

    ## Example
    ```python
    from django.core.mail import send_mail
    from django.utils.crypto import get_random_string

    def reset_password(user):
        password = get_random_string(12)
        user.set_password(password)
        user.save()
        send_mail("Your new password", f"Your password is {password}", None, [user.email])
    ```

    ## Fix
    ```python
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail

    def reset_password(user, link):
        token = default_token_generator.make_token(user)
        send_mail("Reset your password", f"{link}?token={token}", None, [user.email])
    ```

    ## References
    - [CWE-640: Weak Password Recovery Mechanism for Forgotten Password](https://cwe.mitre.org/data/definitions/640.html)
    - [OWASP Forgot Password Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html)
    - [Django: `PasswordResetView`](https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.views.PasswordResetView)
    """

    code = "WW774"
    name = "password-sent-by-email"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.HIGH
    cwe = 640
    message = "the password `{password}` given to an account is sent by e-mail (`{mail}`)"
    fix = "e-mail a single-use, expiring link to set the password instead of the password"
    calls = _SETS_FIRST | _CREATES | _SETS_FIELDS | {_SETS_METHOD}
    assigns = frozenset({_ACCOUNT_FIELD})
    mentions = ("mail", "password")

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        value = _password_value(ctx, node)
        if isinstance(value, ast.Name):
            yield from self._mailed(ctx, node, value.id)
        elif isinstance(value, ast.Subscript | ast.Attribute):
            yield from self._mailed_read(ctx, node, value)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        # NOTE: `user.password = new`: a model's `password` attribute, which a hashing
        # setter (`@password.setter`) or the column itself keeps as the account's.
        if isinstance(node.value, ast.Name) and any(
            isinstance(target, ast.Attribute) and target.attr == _ACCOUNT_FIELD
            for target in node.targets
        ):
            yield from self._mailed(ctx, node, node.value.id)

    def _mailed_read(self, ctx: FileContext, node: ast.Call, value: ast.expr) -> Iterator[Finding]:
        """`user.set_password(form.cleaned_data["password1"])`: the locals of the function
        bound from the same read (`password = form.cleaned_data["password1"]`) hold it."""
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return
        text = ast.unparse(value)
        seeds = {
            target.id
            for child in ast.walk(function)
            if isinstance(child, ast.Assign) and ast.unparse(child.value) == text
            for target in child.targets
            if isinstance(target, ast.Name)
        }
        if seeds:
            yield from self._mailed(ctx, node, text, seeds)

    def _mailed(
        self, ctx: FileContext, node: ast.AST, password: str, seeds: set[str] | None = None
    ) -> Iterator[Finding]:
        function = ctx.scopes.enclosing_function(node)
        if function is None:
            return
        mail = _mail_sent(ctx, function, seeds or {password})
        if mail is None:
            mail = _helper_mail(ctx, function, seeds or {password})
        if mail is not None:
            yield self.finding(ctx, node, password=password, mail=mail)


_Function = ast.FunctionDef | ast.AsyncFunctionDef


def _mail_sent(ctx: FileContext, function: _Function, seeds: set[str]) -> str | None:
    """The callee of a mail call of `function` handed one of `seeds` or what is built
    from one, if any."""
    held = carriers(function, seeds, lambda value: _names(ctx, value), _account_field)
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call) or not sends_mail(ctx, call):
            continue
        if ctx.scopes.enclosing_function(call) is not function:
            continue
        arguments = [*call.args, *(k.value for k in call.keywords)]
        if any(_names(ctx, argument) & held for argument in arguments):
            return _callee(ctx, call)
    return None


def _helper_mail(ctx: FileContext, function: _Function, seeds: set[str]) -> str | None:
    """The callee of a mail call in a helper of the same file that `function` hands the
    password to (`self._send_password(request, user, password)`, a method of its class;
    `mail_welcome(user, password)`, a function of the module), the parameter it arrives
    in being sent as `_mail_sent` asks: one call deep."""
    held = carriers(function, seeds, lambda value: _names(ctx, value), _account_field)
    helpers = _helpers(ctx, function)
    for call in ast.walk(function):
        if not isinstance(call, ast.Call):
            continue
        helper, offset = _helper_called(call, helpers)
        if helper is None:
            continue
        params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)][offset:]
        given = {
            params[i]
            for i, argument in enumerate(call.args)
            if i < len(params) and _names(ctx, argument) & held
        }
        given |= {k.arg for k in call.keywords if k.arg and _names(ctx, k.value) & held}
        if given:
            mail = _mail_sent(ctx, helper, given)
            if mail is not None:
                return mail
    return None


def _helpers(ctx: FileContext, function: _Function) -> dict[str, dict[str, _Function]]:
    """The functions a call may name: the module's (under `""`), and the methods of the
    class `function` is defined in (under `"self"`)."""
    found: dict[str, dict[str, _Function]] = {"": {}, "self": {}}
    for statement in ctx.tree.body:
        if isinstance(statement, _Function):
            found[""][statement.name] = statement
        elif isinstance(statement, ast.ClassDef) and function in statement.body:
            found["self"] = {s.name: s for s in statement.body if isinstance(s, _Function)}
    return found


def _helper_called(
    call: ast.Call, helpers: dict[str, dict[str, _Function]]
) -> tuple[_Function | None, int]:
    """The helper `call` calls and how many parameters come before its arguments."""
    func = call.func
    if isinstance(func, ast.Name):
        return helpers[""].get(func.id), 0
    if (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "self"
    ):
        return helpers["self"].get(func.attr), 1
    return None, 0


def _password_value(ctx: FileContext, call: ast.Call) -> ast.expr | None:
    """What an account's password is set from by `call`, if it sets one."""
    name = _callee(ctx, call)
    value: ast.expr | None = None
    if name in _SETS_FIRST or name.endswith(_SETS_METHOD):
        value = ctx.argument(call, 0, "password" if name in _SETS_FIRST else "raw_password")
    elif name.endswith(tuple(_CREATES)):
        value = ctx.argument(call, 2, "password")
    elif name.endswith(tuple(_SETS_FIELDS)):
        value = next((k.value for k in call.keywords if k.arg == _ACCOUNT_FIELD), None)
    return value


def _account_field(target: ast.expr) -> bool:
    """Whether `target` is an account's `password` attribute (`user.password = p`): the
    account keeps it (hashed by a setter, or as its column) and is no message, so the
    account handed whole to a mail helper afterwards (`send_password_changed(user)`, its
    address and name read there) carries no password of it."""
    return isinstance(target, ast.Attribute) and target.attr == _ACCOUNT_FIELD


def _sets_password(ctx: FileContext, call: ast.Call) -> bool:
    """A call giving an account its password: what it returns is the hash or the account
    (`user = User.create(email=e, password=p)`, a row whose template may show its
    `user.name`), not the password's text."""
    name = _callee(ctx, call)
    if name.endswith(tuple(_SETS_FIELDS)):
        return any(k.arg == _ACCOUNT_FIELD for k in call.keywords)
    return name in _SETS_FIRST or name.endswith((_SETS_METHOD, *_CREATES))


def _names(ctx: FileContext, node: ast.AST) -> set[str]:
    """The local names `node` reads whole, not counting what it hands to a call that
    sets or hashes a password (`create(password=make_password(p))` carries no plain
    `p`), nor an object one of whose attributes alone is read (`user.email`); a method
    called on it (`body.format(...)`, `msg.as_string()`) gives what it holds."""
    found: set[str] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.Call) and _sets_password(ctx, current):
            continue
        if isinstance(current, ast.Call) and isinstance(current.func, ast.Attribute):
            pending.append(current.func.value)
            pending.extend([*current.args, *(k.value for k in current.keywords)])
            continue
        if isinstance(current, ast.Attribute):
            continue
        if isinstance(current, ast.Name):
            found.add(current.id)
        pending.extend(ast.iter_child_nodes(current))
    return found
