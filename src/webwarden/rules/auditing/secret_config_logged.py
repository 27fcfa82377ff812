"""WW1136: the process environment, or a credential of the settings, written to a log."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets.values import credential_kind
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auditing._logs import LOG_CALLS, carried_parts, writes_log
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words

_ENVIRONMENTS = frozenset({"os.environ", "posix.environ"})
_ENVIRONMENT_COPIES = frozenset({"copy", "items", "values"})
"""Methods of `os.environ` whose result holds the variables' values (not `keys()`)."""
_WRAPPERS = frozenset(
    {"dict", "sorted", "list", "json.dumps", "pprint.pformat", "builtins.dict", "builtins.list"}
)
"""Calls that give back what they are handed, values and all, as text or a container."""
_DEPTH = 3
_CURRENT_APPS = frozenset({"flask.current_app", "flask.globals.current_app"})
_APP_CONFIG = "the whole app config"


class SecretConfigLogged(PythonRule):
    """## What it does
    Finds writes to a log or the console (a logger's `debug()` ... `critical()`,
    `print()`, `pprint()`, `sentry_sdk.capture_message()`) of the whole process environment
    (`os.environ`, `dict(os.environ)`, `os.environ.copy()`, `.items()`, a local holding
    one), or of a Flask app's whole config (`pprint(dict(app.config))`,
    `current_app.config.items()`: `SECRET_KEY`, the database URI and every credential
    the app was given), anywhere but in tests; and, in the module-level code of a settings module,
    of a setting named for a credential (`SECRET_KEY`, `RABBITMQ_PASSWORD`,
    `API_TOKEN`), of one built with such a setting (`CELERY_BROKER_URL =
    f"amqp://{USER}:{RABBITMQ_PASSWORD}@..."`), or of a dict holding one under a
    credential's key (`DATABASES`, with `"PASSWORD": DB_PASSWORD`): as an argument or
    inside the message built for it (an f-string, `%` or `+`, `.format()`, `str()`).

    ## Why is this bad?
    A settings module runs in every process the project starts: each web worker, task
    worker and management command prints the line again. The environment is where the
    deployment puts its secrets (the `SECRET_KEY`, database and broker passwords, API
    tokens), and standard output is a log that gunicorn, systemd or a container's log
    driver keeps and ships to people and systems that must never hold those secrets.

    ## Known problems
    A setting whose name does not say it is a credential (`BROKER_URL` read whole from
    the environment) is not known to hold one, nor is a value logged inside a function
    of the settings module.

    ## Example
    ```python
    # settings.py
    import os

    RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
    CELERY_BROKER_URL = f"amqp://squest:{RABBITMQ_PASSWORD}@rabbitmq:5672/"
    print(f"CELERY_BROKER_URL: {CELERY_BROKER_URL}")
    ```

    ## Fix
    ```python
    # settings.py
    import os

    RABBITMQ_PASSWORD = os.environ["RABBITMQ_PASSWORD"]
    CELERY_BROKER_URL = f"amqp://squest:{RABBITMQ_PASSWORD}@rabbitmq:5672/"
    print("CELERY_BROKER_URL: amqp://squest:***@rabbitmq:5672/")
    ```

    ## References
    - [CWE-532: Insertion of Sensitive Information into Log File](https://cwe.mitre.org/data/definitions/532.html)
    - [OWASP Logging Cheat Sheet: data to exclude](https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude)
    - [The Twelve-Factor App: logs](https://12factor.net/logs)
    """

    code = "WW1136"
    name = "secret-config-logged"
    practice = Practice.AUDITING
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 532
    message = "`{call}()` writes {what} to the log in clear text"
    fix = (
        "log the names of the settings, or the value masked; never the environment or a credential"
    )
    calls = LOG_CALLS

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not writes_log(ctx, node):
            return
        settings = ctx.is_settings_module and ctx.scopes.enclosing_function(node) is None
        call = ast.unparse(node.func)[:40]
        for argument in (*node.args, *(k.value for k in node.keywords)):
            for part in carried_parts(argument):
                what = _environment(ctx, part, _DEPTH) or (
                    _credential(ctx, part) if settings else None
                )
                if what is not None:
                    yield self.finding(ctx, part, call=call, what=what)
                    return


def _environment(ctx: FileContext, node: ast.expr, depth: int) -> str | None:
    """`the whole environment (...)` when `node` holds every variable's value, or `the
    whole app config (...)` when it holds every value of a Flask app's config."""
    if depth <= 0:
        return None
    whole = _whole_store(ctx, node)
    if whole is not None:
        return _whole(node, whole)
    match node:
        case ast.Name():
            bound = ctx.lookup(node)
            found = _environment(ctx, bound, depth - 1) if bound is not None else None
            return None if found is None else f"{found[:-1]} in `{node.id}`)"
        case ast.Call(func=ast.Attribute(attr=attr, value=receiver)) if (
            attr in _ENVIRONMENT_COPIES and (whole := _whole_store(ctx, receiver)) is not None
        ):
            return _whole(node, whole)
        case ast.Call(args=[first, *_]) if ctx.call_name(node) in _WRAPPERS:
            found = _environment(ctx, first, depth - 1)
            return None if found is None else _whole(node, found.split(" (", 1)[0])
    return None


def _whole_store(ctx: FileContext, node: ast.expr) -> str | None:
    """`the whole environment` for `os.environ`; `the whole app config` for a Flask app's
    `config` (`current_app.config`, or `app.config` of a receiver named for an app in a
    module importing Flask: `app`, `self.app`, `flask_app`), where `SECRET_KEY`, the
    database URI and every other credential the app was given are kept."""
    if ctx.qualified(node) in _ENVIRONMENTS:
        return "the whole environment"
    if not isinstance(node, ast.Attribute) or node.attr != "config":
        return None
    receiver = node.value
    if ctx.qualified(receiver) in _CURRENT_APPS:
        return _APP_CONFIG
    name = receiver.attr if isinstance(receiver, ast.Attribute) else None
    if isinstance(receiver, ast.Name):
        name = receiver.id
    words = identifier_words(name) if name is not None else ()
    return _APP_CONFIG if words and words[-1] == "app" and "flask" in ctx.frameworks else None


def _whole(node: ast.expr, what: str) -> str:
    """`the whole environment (...)`, showing `node`."""
    return f"{what} (`{ast.unparse(node)[:40]}`)"


def _credential(ctx: FileContext, node: ast.expr) -> str | None:
    """`` `SECRET_KEY` ``, or `` `CELERY_BROKER_URL` (built with `RABBITMQ_PASSWORD`) ``:
    a module-level setting named for a credential, or one whose value carries one."""
    if not isinstance(node, ast.Name):
        return None
    if credential_kind(node.id) is not None:
        return f"`{node.id}`"
    value = ctx.lookup(node)
    if value is None:
        return None
    if isinstance(value, ast.Dict):
        key = _credential_key(value, _DEPTH)
        return f"`{node.id}` (holding `{key}`)" if key is not None else None
    if isinstance(value, ast.JoinedStr | ast.BinOp | ast.Call):
        held = [
            part.id
            for part in carried_parts(value)
            if isinstance(part, ast.Name) and credential_kind(part.id) is not None
        ]
        return f"`{node.id}` (built with `{held[0]}`)" if held else None
    return None


def _credential_key(mapping: ast.Dict, depth: int) -> str | None:
    """The first key named for a credential (`"PASSWORD"`) with a value that is not
    empty, in the dict or the dicts it holds (`DATABASES["default"]`)."""
    for key, item in zip(mapping.keys, mapping.values, strict=True):
        if isinstance(item, ast.Dict) and depth > 1:
            found = _credential_key(item, depth - 1)
            if found is not None:
                return found
        elif (
            isinstance(key, ast.Constant)
            and isinstance(key.value, str)
            and credential_kind(key.value) is not None
            and not _empty(item)
        ):
            return key.value
    return None


def _empty(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value in ("", None)
