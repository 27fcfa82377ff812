"""WW246: a password-named variable or argument given a well-known default password."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets.mask import mask
from webwarden.analysis.secrets.values import (
    DEFAULT_PASSWORDS,
    credential_kind,
    looks_like_secret,
)
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.findings.context import lower_for_context
from webwarden.model.debug_branches import after_debug_exit
from webwarden.model.project import ProjectModel
from webwarden.model.roles import role_of
from webwarden.model.secrets.snippets import masked_line
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words
from webwarden.rules.secret_sites import development_config_at

_WANTED_KIND = "a password"


class DefaultPassword(PythonRule):
    """## What it does
    Finds a well-known default password (`admin`, `root`, `changeme`, `123456`,
    `letmein`, ...) given to a variable, attribute or keyword argument named like a
    password: `ADMIN_PASSWORD = "admin"`, `self.password = "admin"`,
    `create_user("admin", password="changeme")`, an entry of a dict display that names
    the account too (the defaults an app writes to its config file on first run,
    `{"username": "admin", "password": "admin"}`; not a lone `{"passcode": "1234"}`, nor
    Django's `DATABASES`, which WW301 judges), also as the
    third argument of Django's user manager, `User.objects.create_superuser("admin",
    "admin@localhost", "admin")` (`get_user_model().objects` too: `create_user(username,
    email, password)`). WW241 leaves such values out, as they do not look like a working
    secret; as a default that ships, they are one. A
    query's lookup (`User.objects.get(username=name, password="admin")`, `filter()`,
    `exclude()`, `get_object_or_404()`) gives the password to no account and is not
    reported, nor is the present password a change of it proves (`current_password`,
    `old_password`).

    ## Why is this bad?
    The first thing an attacker, or a worm, tries on a login form, an admin console or a
    database port is the default credentials: `admin`/`admin`, `root`/`root`. A default
    that every installation shares, and that the documentation or the source publishes,
    is an open door on every instance where nobody changed it.

    ## Known problems
    A password for a throwaway local service (a development database) is reported too:
    suppress it with the reason, or read it from the environment. In development and
    test settings modules (`configs/development.py`, `settings/ci.py`) it is reported at
    low severity, and so it is in code that runs only past a check stopping the program
    unless `DEBUG` is on (`if not app.config["DEBUG"]: sys.exit(1)`, a script seeding a
    developer's database), and in a Flask config class every app loads only as a
    development or test config (`configs = {"development": DevelopmentConfig, ...}`).
    In test code (`test-paths`) it is not reported: there it is a test user's password,
    in the test database (`create_user("admin", password="admin")`).

    ## Example
    ```python
    class DashboardConfig:
        def __init__(self):
            self.username = "admin"
            self.password = "admin"
    ```

    ## Fix
    ```python
    import os


    class DashboardConfig:
        def __init__(self):
            self.username = os.environ["DASHBOARD_USER"]
            self.password = os.environ["DASHBOARD_PASSWORD"]
    ```

    ## References
    - [CWE-1392: Use of Default Credentials](https://cwe.mitre.org/data/definitions/1392.html)
    - [CWE-798: Use of Hard-coded Credentials](https://cwe.mitre.org/data/definitions/798.html)
    - [OWASP Top 10 A07:2021 Identification and Authentication Failures](https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/)
    """

    code = "WW246"
    name = "default-password"
    practice = Practice.SECRETS
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 1392
    message = "`{target}` is given a well-known default password: `{value}`"
    """The value is masked like every secret's (`****`): the line shows where."""
    fix = "read the password from the environment or a secret store; make each install set its own"
    bandit = ("B105", "B106")
    ruff = ("S105", "S106")
    string_assigns_only = True

    in_tests = False  # NOTE: a test user's password is the test database's (as WW241 judges)

    def visit_Assign(self, node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
        if (password := _default_password(node.value)) is not None:
            for target in node.targets:
                yield from self._judge(ctx, target, node.value, password)

    def visit_AnnAssign(self, node: ast.AnnAssign, ctx: FileContext) -> Iterator[Finding]:
        if node.value is not None and (password := _default_password(node.value)) is not None:
            yield from self._judge(ctx, node.target, node.value, password)

    def visit_Dict(self, node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
        for key, value in zip(node.keys, node.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if (password := _default_password(value)) is None:
                continue
            if not _names_account(node) or _in_databases(ctx, node):
                return  # NOTE: Django's `DATABASES` entries are WW301's
            yield from self._judge(ctx, key, value, password, key.value)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if len(node.args) >= _PASSWORD_POSITION + 1 and _user_manager_creation(ctx, node):
            given = node.args[_PASSWORD_POSITION]
            if (password := _default_password(given)) is not None:
                yield from self._judge(ctx, given, given, password, _PASSWORD_PARAMETER)
        looked_up: bool | None = None
        for keyword in node.keywords:
            password = _default_password(keyword.value)
            if keyword.arg is None or password is None:
                continue
            if looked_up is None:
                looked_up = _lookup(ctx, node)
            if looked_up:
                return  # NOTE: compared with the stored value, not given to an account
            yield from self._judge(ctx, keyword, keyword.value, password, keyword.arg)

    def _judge(
        self, ctx: FileContext, target: ast.AST, value: ast.expr, password: str, name: str = ""
    ) -> Iterator[Finding]:
        """`password`, the default password `value` holds, given to `target` (named `name`
        when a keyword)."""
        if not name:
            if isinstance(target, ast.Name):
                name = target.id
            elif isinstance(target, ast.Attribute):
                name = target.attr
            else:
                return  # NOTE: `config["..."] = ...` and `DATABASES` entries: the config rules'
        if credential_kind(name) != _WANTED_KIND or looks_like_secret(password, _WANTED_KIND):
            return
        if _PROVEN_WORDS.intersection(identifier_words(name)):
            return  # NOTE: checked against the account's stored hash, given to no account
        shown = name + "=" if isinstance(target, ast.keyword) else name
        location = ctx.location(value)
        line = ctx.lines[location.line - 1]
        end = location.end_column if location.end_line == location.line else None
        span = (location.column - 1, (end or len(line) + 1) - 1, mask(password))
        snippet = masked_line(line, [span])
        finding = self.make_finding(location, snippet=snippet, target=shown, value=mask(password))
        if (
            ctx.is_settings_module
            and (role := role_of(ctx.module, relpath=ctx.relpath)).is_development
        ):
            # NOTE: as the other secret rules lower their findings there (`secret_sites`).
            reason = f"settings module {ctx.relpath} ({role.value})"
            finding = lower_for_context(finding, Severity.LOW, reason)
        elif after_debug_exit(ctx, value):
            reason = "runs only with DEBUG on (the code exits before it otherwise)"
            finding = lower_for_context(finding, Severity.LOW, reason)
        yield finding

    @classmethod
    def reassessed(cls, finding: Finding, project: ProjectModel) -> Finding:
        """Low in a config class every app loads only as a development or test config
        (`development_config`), as the other secret rules judge it."""
        if finding.severity is Severity.LOW:
            return finding
        config = development_config_at(project, finding.location)
        if not config:
            return finding
        return lower_for_context(finding, Severity.LOW, f"development config `{config}`")


_PROVEN_WORDS = frozenset({"current", "old"})
"""Words of a password that proves who changes it (`current_password`, `oldPassword`):
the account's present password, the default one while it is unchanged, not one set."""
_CREATIONS = frozenset({"create_user", "create_superuser"})
"""Methods of Django's `UserManager` making an account: `(username, email, password)`."""
_PASSWORD_POSITION = 2
_PASSWORD_PARAMETER = "password"  # noqa: S105 - the parameter's name, shown in the message
_USER_CLASSES = frozenset({"django.contrib.auth.models.User"})
_USER_MODEL_GETTERS = frozenset({"django.contrib.auth.get_user_model"})


def _user_manager_creation(ctx: FileContext, call: ast.Call) -> bool:
    """`User.objects.create_user(...)` (or `create_superuser`) on Django's `User`, or on
    `get_user_model()`: the manager whose third parameter is the password."""
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr in _CREATIONS):
        return False
    manager = func.value
    if not (isinstance(manager, ast.Attribute) and manager.attr == "objects"):
        return False
    model = manager.value
    if isinstance(model, ast.Call):
        return ctx.qualified(model.func) in _USER_MODEL_GETTERS
    return ctx.qualified(model) in _USER_CLASSES


_FILTERS = frozenset({"filter", "exclude", "filter_by"})
_GETS = frozenset({"get", "aget"})
_LOOKUP_FUNCTIONS = frozenset(
    {"django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404"}
)


def _lookup(ctx: FileContext, call: ast.Call) -> bool:
    """A query whose keywords are lookups: Django's `filter()`, `exclude()` (SQLAlchemy's
    `filter_by()`), a manager's or queryset's `get()` (`User.objects.get(...)`,
    `qs.filter(...).get(...)`), `get_object_or_404()`."""
    if ctx.call_name(call) in _LOOKUP_FUNCTIONS:
        return True
    func = call.func
    if not isinstance(func, ast.Attribute):
        return False
    if func.attr in _FILTERS:
        return True
    receiver = func.value
    while isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Attribute):
        receiver = receiver.func.value
    return func.attr in _GETS and isinstance(receiver, ast.Attribute) and receiver.attr == "objects"


_ACCOUNT_WORDS = frozenset({"user", "username", "login", "email", "account"})
_DATABASES = "DATABASES"


def _names_account(node: ast.Dict) -> bool:
    """Whether the dict names the account too (`{"username": "admin", "password": ...}`):
    a login's credentials, not a lone code such as a simulated printer's `passcode`."""
    return any(
        isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and _ACCOUNT_WORDS.intersection(identifier_words(key.value))
        for key in node.keys
    )


def _in_databases(ctx: FileContext, node: ast.Dict) -> bool:
    """Whether the dict is (inside) the value assigned to Django's `DATABASES` setting
    (`DATABASES = {"default": {...}}`, `DATABASES["replica"] = {...}`)."""
    for parent in ctx.ancestors(node):
        if isinstance(parent, ast.Assign | ast.AnnAssign):
            targets = parent.targets if isinstance(parent, ast.Assign) else [parent.target]
            return any(_names_databases(target) for target in targets)
        if not isinstance(parent, ast.Dict):
            return False
    return False


def _names_databases(target: ast.expr) -> bool:
    while isinstance(target, ast.Subscript):
        target = target.value
    if isinstance(target, ast.Attribute):
        return target.attr == _DATABASES
    return isinstance(target, ast.Name) and target.id == _DATABASES


def _default_password(value: ast.expr) -> str | None:
    """The string literal `value` when it is among `DEFAULT_PASSWORDS`, else None (checked
    before any generator is made: most assignments and keywords give no such value)."""
    if (
        isinstance(value, ast.Constant)
        and isinstance(value.value, str)
        and value.value.lower() in DEFAULT_PASSWORDS
    ):
        return value.value
    return None
