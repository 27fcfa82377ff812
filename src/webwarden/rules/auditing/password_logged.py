"""WW1122: a password the request sent written to a log or the console."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets.values import is_password_name
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import PASSWORD_WORDS
from webwarden.model.tree import item_read
from webwarden.rules.auditing._logs import LOG_CALLS, carried_parts, writes_log
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_REQUEST_DATA = frozenset(
    {"POST", "GET", "data", "form", "args", "values", "json", "cleaned_data", "validated_data"}
)
"""What holds the fields a client sent: Django's `request.POST`/`GET`, a form's
`cleaned_data`, DRF's `request.data`/`validated_data`, Flask's `request.form`/`args`/
`values`/`json`."""
_TRAILING = frozenset({"confirm", "confirmation", "again", "repeat", "raw", "plain", "clear"})
"""Words that may follow the password's own in a name of it (`password_confirm`); any
other names something about one (`password_action`, `password_hint`)."""


class PasswordLogged(PythonRule):
    """## What it does
    Finds a password the client sent written to a log or the console: a field whose
    name says it is a password (`password`, `passwd`, `pwd`, `pass`, `new_password`; not
    a switch or test about one, `no_password`, `has_password`, which holds a boolean)
    read from Django's `request.POST`/`request.GET`, a form's `cleaned_data`, DRF's
    `request.data`/`validated_data` or Flask's `request.form`/`args`/`values`/`json`,
    or a WTForms field's value (`form.password.data`), also a one-time password the user
    typed (`otp`, `user_otp`, `totp`, `passcode`),
    as it is or through a local it was read into (a local named for a password holding
    any such field), given to a logger's `debug()` ... `critical()`, to `print()` or to
    `sentry_sdk.capture_message()`: as an argument or inside the message built for it
    (an f-string, `%` or `+`, `.format()`, `str()`, a tuple, list or dict). So is the
    whole body the client sent (`request.json`, `request.POST`, `request.get_json()`, or
    a local holding one: `content = request.json`, `print(content)`) when the function
    reads a password field from that body (`content["password"]`).

    ## Why is this bad?
    Logs are kept for months, copied to log stores and error trackers, and read by
    people who must never learn users' passwords; a server's standard output is such a
    log too (gunicorn, systemd, a container's log driver keep it). Every password typed,
    the wrong ones included (often another account's or a near miss of the right one),
    ends up in clear text outside the password hashes. OWASP's logging cheat sheet lists
    passwords first among what never to log.

    ## Known problems
    What the value became on the way (`len(password)`, a hash of it, a masked copy) is
    not reported, nor a password read through a helper of the project. Test code is not
    judged: its output is read by its developer, not kept.

    ## Example
    ```python
    import logging

    logger = logging.getLogger(__name__)


    def sign_in(request):
        password = request.POST["password"]
        logger.info(f"login attempt {request.POST['username']}:{password}")
    ```

    ## Fix
    ```python
    import logging

    logger = logging.getLogger(__name__)


    def sign_in(request):
        logger.info("login attempt %s", request.POST["username"])
    ```

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [OWASP Logging Cheat Sheet: data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    """

    code = "WW1122"
    name = "password-logged"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 532
    message = "the password `{read}` is written in clear text to `{call}()`"
    fix = "leave the password out of the message; log the user name or id if needed"
    calls = LOG_CALLS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not writes_log(ctx, node):
            return
        call = ast.unparse(node.func)[:40]
        for argument in (*node.args, *(k.value for k in node.keywords)):
            for part in carried_parts(argument):
                read = ast.unparse(part) if _sent_password(ctx, part) else None
                read = read or _body_with_password(ctx, part)
                if read is not None:
                    yield self.finding(ctx, part, read=read[:60], call=call)
                    return


def _sent_password(ctx: FileContext, node: ast.expr) -> bool:
    """A password field read from what the client sent, or a local it was read into."""
    if _field_read(ctx, node, any_field=False):
        return True
    if not isinstance(node, ast.Name):
        return False
    named = _password_name(node.id)
    return any(
        _field_read(ctx, value, any_field=named) for value in ctx.scopes.values_of(node) or ()
    )


_BODY_READS = frozenset({"get_json", "to_dict"})
"""Calls handing the whole body a client sent (`request.get_json()`,
`request.form.to_dict()`)."""


def _body_with_password(ctx: FileContext, node: ast.expr) -> str | None:
    """The password field read (`content["password"]`) from the whole of what the
    client sent (`request.json`, `request.POST`, `request.get_json()`, or a local
    holding one: `content = request.json`) when `node` is that whole body: the log gets
    every field, the password among them."""
    if isinstance(node, ast.Name):
        values = ctx.scopes.values_of(node) or ()
        if not any(_whole_body(value) for value in values):
            return None
        body = node.id
    elif _whole_body(node):
        body = ast.unparse(node)
    else:
        return None
    function = ctx.scopes.enclosing_function(node)
    found = (
        next((n for n in ast.walk(function) if _password_key(ctx, n, body)), None)
        if function is not None
        else None
    )
    return ast.unparse(found) if found is not None else None


def _whole_body(node: ast.expr) -> bool:
    if isinstance(node, ast.Call) and not node.args:
        func = node.func
        return (
            isinstance(func, ast.Attribute)
            and func.attr in _BODY_READS
            and (_request(func.value) or _request_data(func.value))
        )
    return _request_data(node)


def _request(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and "request" in identifier_words(node.id)


def _request_data(node: ast.expr) -> bool:
    """`request.json`, `request.POST`, `self.request.data`: what holds the fields sent."""
    if not (isinstance(node, ast.Attribute) and node.attr in _REQUEST_DATA):
        return False
    owner = node.value
    return _request(owner) or (isinstance(owner, ast.Attribute) and owner.attr == "request")


def _password_key(ctx: FileContext, node: ast.AST, body: str) -> bool:
    """`body["password"]` or `body.get("pwd")`: a password field read from the body
    written as `body`."""
    if isinstance(node, ast.Subscript):
        owner, key = node.value, ctx.evaluate(node.slice)
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and node.args
    ):
        owner, key = node.func.value, ctx.evaluate(node.args[0])
    else:
        return False
    return isinstance(key, str) and _password_name(key) and ast.unparse(owner) == body


def _field_read(ctx: FileContext, node: ast.expr, *, any_field: bool) -> bool:
    """`request.POST["password"]`, `form.cleaned_data.get("pwd")`, a WTForms field's
    `form.password.data`: a field of what the client sent, named for a password unless
    `any_field`."""
    field = _form_field(node)
    if field is not None:
        return any_field or _password_name(field)
    read = item_read(node)
    if read is None or not isinstance(read[0], ast.Attribute):
        return False
    if read[0].attr not in _REQUEST_DATA:
        return False
    key = ctx.evaluate(read[1])
    return isinstance(key, str) and (any_field or _password_name(key))


def _form_field(node: ast.expr) -> str | None:
    """`otp` of `form.otp.data`: the value WTForms filled a field of a form with from the
    request (the form a name or attribute named for one: `form`, `login_form`,
    `self.form`); None for anything else."""
    if not (
        isinstance(node, ast.Attribute)
        and node.attr == "data"
        and isinstance(node.value, ast.Attribute)
    ):
        return None
    holder = node.value.value
    name = holder.id if isinstance(holder, ast.Name) else getattr(holder, "attr", "")
    return node.value.attr if "form" in identifier_words(name) else None


def _password_name(name: str) -> bool:
    """`password`, `new_password`, `password2`, `password_confirm`; not `password_action`,
    nor a switch or test about one (`no_password`, `has_password`); a one-time password
    the user typed (`otp`, `user_otp`, `totp`)."""
    words = identifier_words(name.rstrip("0123456789"))
    if words and words[0] in _FLAG_WORDS:
        return False
    while words and words[-1] in _TRAILING:
        words.pop()
    if words and words[-1] in _ONE_TIME_PASSWORDS:
        return True
    return bool(words) and words[-1] in PASSWORD_WORDS and is_password_name(name)


_FLAG_WORDS = frozenset(
    {"no", "not", "without", "has", "have", "is", "was", "use", "skip", "require",
     "requires", "need", "needs", "ask", "show", "hide"}
)  # fmt: skip
"""First words of a name saying something of a password rather than holding one: a
switch or a test (`no_password`, a form's "set no password now" box; `has_password`,
`use_password`, `skip_password`), whose value is a boolean."""
_ONE_TIME_PASSWORDS = frozenset({"otp", "totp", "hotp", "passcode"})
"""Last words of a name holding a one-time password (`user_otp`), which signs its
holder in as a password does; not `otp_secret` or `otp_enabled`, whose last word is
another."""
