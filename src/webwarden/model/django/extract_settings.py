"""Per-file extraction of settings facts and DJANGO_SETTINGS_MODULE defaults.

Cheap by design: only module-level statements are read (and the bodies of module-level
`if`/`try`/`with`, and of `except` handlers), and only in modules that look like
settings: named `settings*.py` or inside a `settings/` package, or assigning a known
Django setting at module level.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager

from webwarden.analysis.constants import UNKNOWN
from webwarden.analysis.env_guards import variables_set_at
from webwarden.analysis.env_imported import ImportedCall, imported_call
from webwarden.analysis.environment import (
    NO_DEFAULT,
    DeployTime,
    EnvLookup,
    evaluate_setting,
    probe_false_when_set,
)
from webwarden.analysis.secrets.mask import MASK
from webwarden.analysis.secrets.urls import find_credential_urls
from webwarden.findings import Location
from webwarden.model.described_roles import module_described_role
from webwarden.model.django.branch_locals import arm_values
from webwarden.model.django.called_functions import called_once, own_ops, straight
from webwarden.model.django.configurations import configuration_classes, may_be_configuration
from webwarden.model.django.configure_call import (
    CONFIGURED,
    configured_values,
    served_configuration,
)
from webwarden.model.django.debug_flags import debug_flag_assignments, debug_read_in_test
from webwarden.model.django.defaults import KNOWN, STRONG, TRACKED, global_default
from webwarden.model.django.facts import (
    Alias,
    Assign,
    Branch,
    Comparison,
    Condition,
    Edit,
    Import,
    Op,
    Overlay,
    SettingsFacts,
)
from webwarden.model.django.flipped_tests import flipped_by
from webwarden.model.django.heroku import heroku_settings
from webwarden.model.django.refusals import assert_refusals, refusals, stops
from webwarden.model.django.setters import Setter, setters
from webwarden.model.django.setting_copies import SettingCopies, setting_copies
from webwarden.model.django.settings_classes import (
    class_settings,
    exported_class,
    settings_classes,
)
from webwarden.model.django.split_settings import (
    exec_file,
    exec_includes,
    includes,
    is_include,
    opened_files,
)
from webwarden.model.imported import ImportedValue, dict_entry, imported_ref, subscripted
from webwarden.model.module import FileContext
from webwarden.model.names import absolute_module
from webwarden.model.namespace_update import (
    MAIL_URL_SETTINGS,
    lays_unlisted_names,
    loop_sets_unlisted_names,
    mail_url_update,
)
from webwarden.model.roles import Role, production_flag, role_of, role_of_branch
from webwarden.model.tree import summands

SETTINGS_FILE = re.compile(
    r"(^|/)(\w*settings\w*\.py|settings/(\w+/)*\w+\.py)(\.[\w-]+)?$|(^|/)settings/[\w.-]+\.conf$"
)
"""A module named like settings (`settings.py`, `test_settings.py`, `settings/prod.py`), or
one of a package inside a settings package (`settings/base/__init__.py`, which gathers
the base modules that `settings/prod.py` star-imports in one go), or a settings folder's
`.conf` file that its settings module runs (`settings/10-base.conf`, see
`webwarden.discover.files.SETTINGS_FRAGMENT_SUFFIX`)."""
_CREDENTIAL_URL = re.compile(r"^(?P<scheme>[a-zA-Z][\w+.-]*)://(?P<user>[^/\s:@]*):[^/\s@]+@")
_LIST_METHODS = frozenset({"append", "extend", "insert", "remove", "update"})
_MAX_TEXT = 60


_ALSO_RECORDED = frozenset(
    {"MIDDLEWARE_CLASSES", "CONTENT_SECURITY_POLICY", "SECURE_CSP", "CSP_FRAME_ANCESTORS"}
    | {"CELERY_ACCEPT_CONTENT", "CELERY_RESULT_ACCEPT_CONTENT", "EMAIL_HOST_PASSWORD"}
    | {"CSP_SCRIPT_SRC", "CSP_DEFAULT_SRC", "CSP_INCLUDE_NONCE_IN"}
    | {"MARKDOWN_DEUX_STYLES", "RICHTEXT_FILTER_LEVEL"}
    | {"AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_META_PRECEDENCE_ORDER"}
    | {"AXES_IPWARE_PROXY_TRUSTED_IPS", "AXES_PROXY_TRUSTED_IPS", "AXES_CLIENT_IP_CALLABLE"}
    | {"SIMPLE_JWT", "NINJA_JWT", "JWT_AUTH", "GRAPHQL_JWT"}
    | {"LOGIN_EXEMPT_URLS", "LOGIN_EXEMPT_PATHS", "LOGIN_REQUIRED_IGNORE_PATHS"}
    | {"LOGIN_REQUIRED_IGNORE_VIEW_NAMES", "LOGIN_REQUIRED_URLS_EXCEPTIONS"}
    | {"XMLRPC_METHODS"}
    | {"OAUTH2_PROVIDER"}
    | {"SOCIALACCOUNT_PROVIDERS"}
)
"""Settings without a default whose values still count: Django before 1.10's middleware,
the Content-Security-Policy of django-csp (before 4.0 one setting per directive) and of
Django 6 (`frame-ancestors`, script sources), the
message formats Celery's workers load (read from Django's settings, `CELERY_` namespace),
the mail server's password, which a required environment variable gives, and
django-markdown-deux's styles (whether its `markdown` filter escapes raw HTML), and the
request headers django-axes reads the client's address from and the proxies it trusts, and
the token lifetimes and signing keys of the JWT packages for DRF, Django Ninja and
Graphene (djangorestframework-simplejwt, django-ninja-jwt, djangorestframework-jwt,
django-graphql-jwt), and what a middleware requiring login lets
through (the `LOGIN_EXEMPT_URLS` recipe's, django-login-required-middleware's,
django-login-required's), and the remote procedures kobo's XML-RPC handlers serve, and
django-oauth-toolkit's options (whether its authorization server requires PKCE), and
django-allauth's social providers (whether one signs a login in to the account holding
its email address)."""


_SOCIAL_AUTH_PIPELINE = re.compile(r"SOCIAL_AUTH_(?:[A-Z0-9_]+_)?PIPELINE")
"""python-social-auth's login pipelines: `SOCIAL_AUTH_PIPELINE`, a backend's own
(`SOCIAL_AUTH_GITHUB_PIPELINE`), `SOCIAL_AUTH_DISCONNECT_PIPELINE`; whether they run its
debug step counts."""


def _recorded(name: str) -> bool:
    """Whether a value that is not a scalar is kept for `name`: a tracked setting, or a
    part of one a script joins before handing it to Django (`BASE_MIDDLEWARE`, see
    `configure_call`)."""
    if _keyed(name) or _SOCIAL_AUTH_PIPELINE.fullmatch(name):
        return True
    return any(c == "_" and name[i + 1 :] in TRACKED for i, c in enumerate(name))


def _keyed(name: str) -> bool:
    """Whether an item set of `name` (`OAUTH2_PROVIDER["PKCE_REQUIRED"] = False`) edits the
    value recorded: a tracked setting, or a dict of options kept without a default."""
    return name in TRACKED or name in _ALSO_RECORDED


_SECRET_SETTINGS = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS", "DATABASES"})
_EXISTENCE_TESTS = frozenset({"exists", "isfile", "is_file", "find_spec"})
_SUPPRESS = "contextlib.suppress"
_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError"})


def _suppressed(call: ast.Call) -> ast.ExceptHandler:
    """The handler `with suppress(...):` stands for: `try: ... except (...): pass`."""
    caught = ast.Tuple(elts=list(call.args), ctx=ast.Load())
    return ast.ExceptHandler(type=caught, name=None, body=[ast.Pass()])


def _takes_import_errors_only(handler: ast.ExceptHandler) -> bool:
    """`except ImportError:`, `except (ImportError, ModuleNotFoundError):`, or the same
    given to `suppress()`: no other failure of the body goes on to the handler."""
    caught = handler.type
    names = caught.elts if isinstance(caught, ast.Tuple) else [caught] if caught else []
    return bool(names) and all(isinstance(n, ast.Name) and n.id in _IMPORT_ERRORS for n in names)


def _is_setting(name: str) -> bool:
    return name.isupper() and not name.startswith("_")


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Module-level statements, including those nested in `if`/`try`/`with`."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If):
            yield from _statements(stmt.body)
            yield from _statements(stmt.orelse)
        elif isinstance(stmt, ast.Try):
            yield from _statements(stmt.body)
            for handler in stmt.handlers:
                yield from _statements(handler.body)
        elif isinstance(stmt, ast.With):
            yield from _statements(stmt.body)


def _assigned_names(stmt: ast.stmt) -> Iterator[str]:
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            yield from _target_names(target)
    elif isinstance(stmt, ast.AnnAssign | ast.AugAssign) and isinstance(stmt.target, ast.Name):
        yield stmt.target.id


def _target_names(target: ast.expr) -> Iterator[str]:
    """The names an assignment target binds: `A`, and each of `A, (B, *C)`."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)
    elif isinstance(target, ast.Tuple | ast.List):
        for element in target.elts:
            yield from _target_names(element)


def looks_like_settings(ctx: FileContext) -> bool:
    """Named like a settings module, assigning a known Django setting at module level, or
    holding a class that may be a django-configurations configuration."""
    if SETTINGS_FILE.search(ctx.relpath):
        return True
    if any(name in KNOWN for stmt in _statements(ctx.tree.body) for name in _assigned_names(stmt)):
        return True
    if _environment_variant(ctx):
        return True
    if any(may_be_configuration(ctx, stmt) for stmt in ctx.tree.body):
        return True
    return bool(served_configuration(ctx))


def _environment_variant(ctx: FileContext) -> bool:
    """A module named for an environment (`production.py`, `devstack.py`) that starts
    from a settings module's names (`from .settings import *`): that module's variant,
    which a deployment names as `DJANGO_SETTINGS_MODULE`, though it may set nothing
    Django knows itself (all of it from a YAML file laid over its namespace)."""
    if ctx.is_test_file or role_of(ctx.module) is Role.UNSPECIFIED:
        return False
    return any(
        isinstance(stmt, ast.ImportFrom)
        and stmt.names[0].name == "*"
        and "settings" in (stmt.module or "").rpartition(".")[2]
        and not (stmt.module or "").startswith("django.")
        for stmt in ctx.tree.body
    )


def extract_settings(ctx: FileContext) -> SettingsFacts | None:
    """The settings operations of a settings-like module, or None."""
    if not looks_like_settings(ctx) or ctx.module.endswith("global_settings"):
        # NOTE: Django's own `django/conf/global_settings.py` holds the defaults, not a site.
        return None
    reader = _Reader(ctx)
    ops = reader.ops(ctx.tree.body)
    if not ops and not reader.classes:
        return None
    names = {name for stmt in _statements(ctx.tree.body) for name in _assigned_names(stmt)}
    names |= {name for node in reader.class_nodes for name in class_settings(node)}
    served = served_configuration(ctx)
    names |= {name for call in served for name, _, _ in configured_values(call)}
    # NOTE: a library's `__init__.py` offering `INSTALLED_APPS = [...]` to import (oscar)
    # or `AUTH_USER_MODEL = getattr(settings, ...)` (wagtail) is not a settings module.
    named = bool(SETTINGS_FILE.search(ctx.relpath))
    # NOTE: a module handing `settings.configure(...)` the values of the site it serves
    # is Django's settings, whatever it names.
    strong = bool(served) or (bool(names & STRONG) and (named or len(names & KNOWN) >= 3))
    found = configuration_classes(ctx, reader.class_nodes) if reader.class_nodes else ()
    flags = debug_flag_assignments(ctx, ctx.tree.body)
    required, calls = _required_variables(ctx)
    exported = {name for stmt in ctx.tree.body if (name := exported_class(stmt)) in reader.classes}
    described = module_described_role(
        ctx.tree, reader.class_nodes, exported.pop() if len(exported) == 1 else None
    )
    return SettingsFacts(
        ops, strong, tuple(reader.classes.items()), found, flags, required, calls, described
    )


_UNBRANCHED = (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Expr)


def _required_variables(ctx: FileContext) -> tuple[tuple[str, ...], tuple[ImportedCall, ...]]:
    """The environment variables the module's top-level statements outside any branch
    read without a default, in any setting (`env("MAILGUN_API_KEY")` inside a dict too;
    not in a function or lambda, which may never run), and the calls there of a reader
    another module makes, which the project step follows."""
    found: dict[str, None] = {}
    calls: list[ImportedCall] = []
    for stmt in ctx.tree.body:
        if not isinstance(stmt, _UNBRANCHED):
            continue
        pending: list[ast.AST] = [stmt]
        while pending:
            node = pending.pop()
            if isinstance(node, ast.Lambda) or (
                isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load)
            ):
                continue  # NOTE: `os.environ["X"] = path` sets the variable, reads nothing
            if isinstance(node, ast.Call) and (call := imported_call(ctx, node)) is not None:
                calls.append(call)
                continue
            if isinstance(node, ast.Call | ast.Subscript):
                value = evaluate_setting(ctx, node)
                if isinstance(value, DeployTime) and value.if_unset is NO_DEFAULT:
                    found.update((variable, None) for variable in value.required_variables)
                    continue
            pending.extend(ast.iter_child_nodes(node))
    return tuple(found), tuple(calls)


class _Reader:
    """Turns module-level statements into settings operations."""

    def __init__(self, ctx: FileContext) -> None:
        self.ctx = ctx
        self.is_package = ctx.relpath.endswith("__init__.py")
        self.guarded = 0
        """Depth of `try`s around an import and `if`s testing that a file exists: an
        import there may be of a module the tree lacks (an optional `local_settings`)."""
        self.setters = setters(ctx.tree)
        self.served = frozenset(id(call) for call in served_configuration(ctx))
        """The `settings.configure(...)` calls of a module serving the site it configures."""
        self.opened: dict[str, ast.expr] = {}
        """Names the enclosing `with` statements bind to files they open, with paths."""
        self.classes: dict[str, tuple[Op, ...]] = {}
        self.copies = SettingCopies({}, frozenset())
        """The copies of settings the blocks being read make and give back."""
        self.follows_calls = False
        """Whether a call of a module function runs its body here (`called_functions`):
        at the module's top level, not in a class body or the function's own."""
        self.classes = settings_classes(ctx, self.ops)
        self.follows_calls = True
        """The module's classes of settings, each as the settings it gives."""
        self.class_nodes = [
            s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name in self.classes
        ]

    def ops(self, body: list[ast.stmt]) -> tuple[Op, ...]:
        found: list[Op] = []
        outer = self.copies
        here = setting_copies(body)
        self.copies = SettingCopies(
            {**outer.settings, **here.settings}, outer.statements | here.statements
        )
        try:
            for stmt in body:
                found.extend(self._statement(stmt))
        finally:
            self.copies = outer
        return tuple(found)

    def _statement(self, stmt: ast.stmt) -> Iterator[Op]:
        if id(stmt) in self.copies.statements:
            return  # NOTE: the copy's changes are read as the setting's own (`setting_copies`)
        if self.follows_calls and (function := called_once(self.ctx, stmt)) is not None:
            yield from self._called(function)
        match stmt:
            case ast.Assign(targets=targets, value=value):
                for target in targets:
                    yield from self._assign(target, value, stmt)
            case ast.AnnAssign(target=target, value=value) if value is not None:
                yield from self._assign(target, value, stmt)
            case ast.AugAssign(target=ast.Name(id=name), op=ast.Add(), value=value):
                if _is_setting(name):
                    yield Edit(name, "extend", self._items(value), self.ctx.location(stmt))
            case ast.Expr() if exported_class(stmt) in self.classes:
                yield from self.classes[exported_class(stmt) or ""]
            case ast.Expr(value=ast.Call() as call) if is_include(self.ctx, call):
                yield from includes(
                    self.ctx, call, self.ctx.location(stmt), self.guarded > 0, self._condition
                )
            case ast.Expr(value=ast.Call() as call) if set_here := heroku_settings(self.ctx, call):
                location = self.ctx.location(stmt)
                for setting, given in set_here.items():
                    yield Assign(setting, given, location)
            case ast.Expr(value=ast.Call() as call) if id(call) in self.served:
                for name, value, where in configured_values(call):
                    yield from self._assign_name(name, value, self.ctx.location(where))
            case ast.Expr(value=ast.Call() as call) if mail_url_update(self.ctx, call):
                location = self.ctx.location(stmt)
                for setting in MAIL_URL_SETTINGS:
                    yield Assign(setting, UNKNOWN, location)
            case ast.Expr(value=ast.Call() as call) if lays_unlisted_names(call):
                yield Overlay(self.ctx.location(stmt))
            case ast.Expr(value=ast.Call() as call) if (
                run := exec_file(self.ctx, call, self.opened, self.guarded > 0)
            ) is not None:
                yield run
            case ast.For() if (run := exec_includes(self.ctx, stmt)) is not None:
                yield run
            case ast.For() if loop_sets_unlisted_names(stmt):
                yield Overlay(self.ctx.location(stmt))
            case ast.Expr(value=ast.Call(func=ast.Attribute(value=receiver, attr=m)) as call):
                changed = self._changed_item(receiver) if m in _LIST_METHODS else None
                if changed is not None:
                    yield from self._method(*changed, m, call, stmt)
            case ast.Expr(value=ast.Call(func=ast.Name(id=helper)) as call):
                setter = self.setters.get(helper)
                if setter is not None:
                    yield from self._set_by_name(helper, setter, call, stmt)
            case ast.ImportFrom(module=module, level=level, names=names):
                yield from self._import(module, level, names, stmt)
            case ast.Assert():
                yield from assert_refusals(self.ctx, stmt)
            case ast.If(test=test, body=body, orelse=[]) if self._configures_once(test, body):
                # NOTE: `if not settings.configured: settings.configure(...)` only keeps a
                # second import from configuring twice: the site runs with these values.
                yield from self.ops(body)
            case ast.If(test=test, body=body, orelse=orelse):
                yield from refusals(self.ctx, stmt)
                with self._guarded(_checks_existence(self.ctx, test)):
                    branch = Branch(self._condition(test), self.ops(body), self.ops(orelse))
                yield from debug_read_in_test(branch, self.value(test))
            case ast.Try(body=body, handlers=handlers, orelse=orelse, finalbody=final):
                yield from self._try(body + orelse, handlers)
                yield from self.ops(final)
            case ast.With(items=items, body=body):
                suppressing = [c for c in _calls_in(items) if self.ctx.call_name(c) == _SUPPRESS]
                if suppressing:
                    yield from self._try(body, [_suppressed(call) for call in suppressing])
                else:
                    outer = self.opened
                    self.opened = outer | opened_files(self.ctx, items)
                    try:
                        yield from self.ops(body)
                    finally:
                        self.opened = outer
            case _:
                return

    def _configures_once(self, test: ast.expr, body: list[ast.stmt]) -> bool:
        """`if not settings.configured:` around the site's own `settings.configure(...)`."""
        return (
            isinstance(test, ast.UnaryOp)
            and isinstance(test.op, ast.Not)
            and self.ctx.names.qualified(test.operand) == CONFIGURED
            and any(id(node) in self.served for node in ast.walk(ast.Module(body, [])))
        )

    def _try(self, body: list[ast.stmt], handlers: list[ast.ExceptHandler]) -> Iterator[Op]:
        """A `try`: its body's values, and those in effect when the body fails and a
        handler lets the module go on (`except KeyError: SECRET_KEY = "fallback"`,
        `except ImportError: pass` around an optional `from .local import *`)."""
        imports = list(_imports_in(body))
        going_on = [handler for handler in handlers if _goes_on(self.ctx, handler)]
        handled = [s for handler in going_on for s in handler.body]
        # NOTE: an import whose failure stops the module (`except ImportError:
        # sys.exit(1)`, Review Board's `settings_local`) is required, not optional.
        with self._guarded(bool(imports) and bool(going_on)):
            tried = self.ops(body)
        if not handled:
            yield from tried  # NOTE: the module goes on only when the body succeeded.
            return
        first = imports[0] if imports else body[0]
        certain = all(map(_takes_import_errors_only, going_on)) and all(
            isinstance(statement, ast.ImportFrom) for statement in body
        )
        modules = tuple(self._star_imported(imports)) if certain else ()
        yield Branch(_outcome(first, modules), tried, self.ops(handled))

    def _star_imported(self, imports: list[ast.Import | ast.ImportFrom]) -> Iterator[str]:
        """The modules star imports take every name of (absolute); nothing unless each
        import is one (`from .local import *`)."""
        found = [
            absolute_module(self.ctx.module, i.level, i.module, is_package=self.is_package)
            for i in imports
            if isinstance(i, ast.ImportFrom) and [a.name for a in i.names] == ["*"]
        ]
        if len(found) == len(imports) and all(found):
            yield from found

    @contextmanager
    def _guarded(self, guarded: bool) -> Iterator[None]:
        self.guarded += guarded
        try:
            yield
        finally:
            self.guarded -= guarded

    def _assign(self, target: ast.expr, value: ast.expr, stmt: ast.stmt) -> Iterator[Op]:
        location = self.ctx.location(stmt)
        if isinstance(target, ast.Name) and _is_setting(target.id):
            yield from self._assign_name(target.id, value, location)
        elif isinstance(target, ast.Subscript):
            keys: list[str] = []
            node: ast.expr = target
            while isinstance(node, ast.Subscript):
                key = self.ctx.evaluate(node.slice)
                if not isinstance(key, str):
                    return
                keys.insert(0, key)
                node = node.value
            if isinstance(node, ast.Name) and _is_setting(node.id) and _keyed(node.id):
                yield Edit(
                    node.id,
                    "setitem",
                    (self.value(value),),
                    location,
                    keys=tuple(keys),
                    parts=_parts(self.ctx, value, ".".join(keys)),
                    credential_urls=_credential_urls(self.ctx, value),
                )
        elif isinstance(target, ast.Tuple | ast.List):
            yield from self._unpack(target.elts, value, stmt)

    def _unpack(self, targets: list[ast.expr], value: ast.expr, stmt: ast.stmt) -> Iterator[Op]:
        """`ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS = hosts_from(...)` sets both settings: to
        the items of a display of as many (`A, B = "x", []`), else to values not known;
        but a setting the value reads keeps its own (`INSTALLED_APPS, MIDDLEWARE =
        apply_plugins(INSTALLED_APPS, MIDDLEWARE)`: the call hands back what it was given,
        perhaps extended)."""
        starred = any(isinstance(t, ast.Starred) for t in targets)
        if isinstance(value, ast.Tuple | ast.List) and not starred:
            items = value.elts
            if len(items) == len(targets) and not any(isinstance(i, ast.Starred) for i in items):
                for target, item in zip(targets, items, strict=True):
                    yield from self._assign(target, item, stmt)
                return
        location = self.ctx.location(stmt)
        read = {node.id for node in ast.walk(value) if isinstance(node, ast.Name)}
        for target in targets:
            for name in _target_names(target):
                if _is_setting(name) and _recorded(name) and name not in read:
                    yield Assign(name, UNKNOWN, location)

    def _assign_name(self, name: str, value: ast.expr, location: Location) -> Iterator[Op]:
        if isinstance(value, ast.IfExp) and name in _SECRET_SETTINGS:
            # NOTE: `SECRET_KEY = "..." if DEBUG else env("SECRET_KEY")` is an `if`
            # statement written as an expression: decided (or kept as two possibilities)
            # the same way. Only for secrets: a key written in the code is a leak
            # whichever branch uses it, while `X = 3600 if ENABLE_HTTPS else 0` is a
            # deliberate choice between two configurations.
            body = tuple(self._assign_name(name, value.body, location))
            orelse = tuple(self._assign_name(name, value.orelse, location))
            yield Branch(self._condition(value.test), body, orelse)
            return
        if (arms := arm_values(self.ctx, value)) is not None:
            # NOTE: `SESSION_COOKIE_SECURE = secure` after `if origins: secure = True
            # else: secure = False`: each arm's value, as if the arms set the setting.
            test, body_value, orelse_value = arms
            body = tuple(self._assign_name(name, body_value, location))
            orelse = tuple(self._assign_name(name, orelse_value, location))
            yield Branch(self._condition(test), body, orelse)
            return
        if self._on_when_unset(value):
            # NOTE: `SECURE_SSL_REDIRECT = not DEBUG`, the flag on when its variable is
            # unset, is `if DEBUG:` written as an expression: judged the same way, each
            # arm kept and the flag's a development branch.
            negated = isinstance(value, ast.UnaryOp)
            flag = value.operand if isinstance(value, ast.UnaryOp) else value
            on = (Assign(name, not negated, location),)
            off = (Assign(name, negated, location),)
            yield Branch(self._condition(flag), on, off)
            return
        # NOTE: `X = X + [...]`, `X = [...] + X`, `X = [...] + X + [...]` and
        # `X = [*X, ...]` edit X defined earlier.
        if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
            operands = summands(value)
            at = [i for i, operand in enumerate(operands) if _names(operand, name)]
            if len(at) == 1:
                before = tuple(i for o in operands[: at[0]] for i in self._items(o))
                after = tuple(i for o in operands[at[0] + 1 :] for i in self._items(o))
                if before:
                    yield Edit(name, "prepend", before, location)
                if after:
                    yield Edit(name, "extend", after, location)
                return
        if isinstance(value, ast.List | ast.Tuple):
            stars = [i for i, e in enumerate(value.elts) if isinstance(e, ast.Starred)]
            if len(stars) == 1 and _names(value.elts[stars[0]].value, name):  # type: ignore[attr-defined]
                before = tuple(self.value(e) for e in value.elts[: stars[0]])
                after = tuple(self.value(e) for e in value.elts[stars[0] + 1 :])
                yield Edit(name, "prepend", before, location)
                yield Edit(name, "extend", after, location)
                return
        evaluated = self.value(value)
        if evaluated is UNKNOWN or isinstance(evaluated, Alias):
            # NOTE: `SECRET_KEY = DEFAULT_KEY` (`from myproj.constants import DEFAULT_KEY`),
            # `SECRET_KEY = defaults.SECRET_KEY`: read in that module by the project step.
            # `DEBUG = get_env_bool("DEBUG", False)` (`from app.environment import ...`):
            # followed in that module by the project step too.
            ref = imported_ref(self.ctx, value)
            evaluated = ImportedValue(ref) if ref is not None else evaluated
            evaluated = imported_call(self.ctx, value) or evaluated
            evaluated = self._dict_entry(value, evaluated)
        if name == "DEBUG" and isinstance(evaluated, DeployTime):
            # NOTE: which true word of a deployment file turns it off (`DEBUG = not
            # env.bool("PRODUCTION")`), for WW1185
            set_here = variables_set_at(self.ctx, value)
            evaluated = probe_false_when_set(self.ctx, value, evaluated, set_here)
        if not _recorded(name) and not _is_scalar(evaluated):
            return
        yield Assign(
            name,
            evaluated,
            location,
            _parts(self.ctx, value, ""),
            _credential_urls(self.ctx, value),
        )

    def _dict_entry(self, value: ast.expr, evaluated: object) -> object:
        """`SECRET_KEY = DJANGO_CONFIG["secret_key"]`: an entry of a dict display bound
        once at the top level of the settings module, read as a value there, or of
        another module of the project (`from config.app import DJANGO_CONFIG`), read
        there by the project step; `evaluated` for any other value."""
        found = subscripted(value) if evaluated is UNKNOWN else None
        if found is None:
            return evaluated
        base, keys = found
        if not isinstance(base, ast.Name):
            return evaluated
        ref = imported_ref(self.ctx, base)
        if ref is not None:
            return ImportedValue(ref, keys)
        entry = dict_entry(self.ctx, base.id, keys)
        return evaluated if entry is None else self.value(entry)

    def _set_by_name(
        self, helper: str, setter: Setter, call: ast.Call, stmt: ast.stmt
    ) -> Iterator[Op]:
        """`set_option("SECURE_HSTS_SECONDS", 31536000)`: the module's helper storing the
        value under the name it is given, from `$SECURE_HSTS_SECONDS` first when it reads
        the environment. A call giving no value (`set_from_env("SECRET_KEY")`) sets the
        setting only when the variable is set, and is left out."""
        value_index = setter.value_index
        if value_index is None or max(setter.name_index, value_index) >= len(call.args):
            return
        name = self.ctx.evaluate(call.args[setter.name_index])
        if not isinstance(name, str) or not _is_setting(name):
            return
        node = call.args[value_index]
        value = self.value(node)
        if setter.reads_environment:
            unset = value.if_unset if isinstance(value, DeployTime) else value
            looked_up = value.lookups if isinstance(value, DeployTime) else ()
            value = DeployTime((EnvLookup(name, f"{helper}()", unset), *looked_up), unset)
        if not _recorded(name) and not _is_scalar(value):
            return
        location = self.ctx.location(stmt)
        parts = _parts(self.ctx, node, "")
        yield Assign(name, value, location, parts, _credential_urls(self.ctx, node))

    def _called(self, function: ast.FunctionDef) -> Iterator[Op]:
        """What the module function called here does to the module's settings."""
        self.follows_calls = False
        try:
            ops = self.ops(straight(function.body) or [])
        finally:
            self.follows_calls = True
        yield from own_ops(function, ops)

    def _changed_item(self, receiver: ast.expr) -> tuple[str, tuple[str, ...]] | None:
        """The setting, and the keys of its item, whose list or dict a method called on
        `receiver` changes: `MIDDLEWARE`, or `REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]`
        of a setting whose items are kept (`_keyed`)."""
        keys: list[str] = []
        node = receiver
        while isinstance(node, ast.Subscript):
            key = self.ctx.evaluate(node.slice)
            if not isinstance(key, str):
                return None
            keys.insert(0, key)
            node = node.value
        if not isinstance(node, ast.Name):
            return None
        name = node.id if keys else self.copies.settings.get(node.id, node.id)
        if not _is_setting(name):
            return None
        if keys and not _keyed(name):
            return None
        return name, tuple(keys)

    def _method(
        self, name: str, keys: tuple[str, ...], method: str, call: ast.Call, stmt: ast.stmt
    ) -> Iterator[Op]:
        location = self.ctx.location(stmt)
        if method == "insert" and len(call.args) == 2:
            index = self.ctx.evaluate(call.args[0])
            at = index if isinstance(index, int) else 0
            yield Edit(name, "insert", (self.value(call.args[1]),), location, keys, at)
        elif method in {"append", "remove"} and len(call.args) == 1:
            yield Edit(name, method, (self.value(call.args[0]),), location, keys)
        elif method in {"extend", "update"} and len(call.args) == 1:
            items = self._items(call.args[0]) if method == "extend" else (self.value(call.args[0]),)
            urls = _credential_urls(self.ctx, call)
            yield Edit(name, method, items, location, keys, credential_urls=urls)

    def _import(
        self, module: str | None, level: int, names: list[ast.alias], stmt: ast.stmt
    ) -> Iterator[Op]:
        target = absolute_module(self.ctx.module, level, module, is_package=self.is_package)
        if not target:
            return
        location = self.ctx.location(stmt)
        optional = self.guarded > 0
        if any(alias.name == "*" for alias in names):
            yield Import(target, None, location, optional)
            return
        chosen = tuple(a.name for a in names if _is_setting(a.name) and a.asname is None)
        if chosen:
            yield Import(target, chosen, location, optional)

    def _items(self, node: ast.expr) -> tuple[object, ...]:
        value = self.value(node)
        if isinstance(value, list | tuple):
            return tuple(value)
        return (UNKNOWN,)

    def value(self, node: ast.expr) -> object:
        """A setting's value: containers element by element, so one unknown element
        leaves the others known."""
        ctx = self.ctx
        if isinstance(node, ast.Dict):
            result: dict[object, object] = {}
            for key_node, value_node in zip(node.keys, node.values, strict=True):
                key = ctx.evaluate(key_node) if key_node is not None else UNKNOWN
                if not isinstance(key, str | int | bool | None):
                    return UNKNOWN
                result[key] = self.value(value_node)
            return result
        if isinstance(node, ast.List | ast.Tuple):
            items = [UNKNOWN if isinstance(e, ast.Starred) else self.value(e) for e in node.elts]
            return tuple(items) if isinstance(node, ast.Tuple) else items
        if isinstance(node, ast.Call) and _is_copy(ctx, node):
            return self.value(node.args[0])
        if isinstance(node, ast.Call) and (kept := _filtered_items(ctx, node)) is not None:
            listed = self.value(kept)
            if isinstance(listed, list | tuple):
                items = [item for item in listed if not _falsy_constant(item)]
                return items if ctx.call_name(node) == "list" else tuple(items)
        extended = self._extends_default(node)
        if extended is not UNKNOWN:
            return extended
        if isinstance(node, ast.Name) and _is_setting(node.id) and ctx.lookup(node) is None:
            return Alias(node.id)
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, ast.Not)
            and isinstance(node.operand, ast.Name)
            and _is_setting(node.operand.id)
            and ctx.lookup(node.operand) is None
        ):
            return Alias(node.operand.id, negated=True)
        return evaluate_setting(ctx, node, variables_set_at(ctx, node))

    def _extends_default(self, node: ast.expr) -> object:
        """`global_settings.MIDDLEWARE_CLASSES + [...]` (or `list(...)` of it, or a default
        alone): Django's default of the setting with what the module adds; `UNKNOWN` for
        any other value."""
        match node:
            case ast.Attribute():
                known, default = global_default(self.ctx.qualified(node))
                return default if known else UNKNOWN
            case ast.Call(args=[argument]) if self.ctx.call_name(node) in {"list", "tuple"}:
                found = self._extends_default(argument)
                if isinstance(found, list | tuple):
                    return list(found) if self.ctx.call_name(node) == "list" else tuple(found)
            case ast.BinOp(left=left, op=ast.Add(), right=right):
                first = self._extends_default(left)
                if first is UNKNOWN:
                    return UNKNOWN
                rest = self.value(right)
                if isinstance(first, list | tuple) and isinstance(rest, list | tuple):
                    joined = [*first, *rest]
                    return joined if isinstance(first, list) else tuple(joined)
        return UNKNOWN

    def _on_when_unset(self, test: ast.expr) -> bool:
        """`if not DEBUG:` (or `if DEBUG:`) with `DEBUG = env.bool("DJANGO_DEBUG", True)`:
        a development flag read from the environment and on when unset. Its default is the
        developer's machine, which every deployment turns off, so the test is left
        undecided: each arm is kept, the flag's labelled a development branch, and what the
        other arm sets is what deployments get (the flag's default is reported itself).
        So is a flag named for production, or for the hosting platform (`ON_HEROKU`), and
        off when unset (`if IN_PRODUCTION:` with `IN_PRODUCTION =
        os.environ.get("IN_PRODUCTION", default=False) == "True"`): the production server
        turns it on, and its `not` arm is the development branch."""
        flag = (
            test.operand if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not) else test
        )
        if not isinstance(flag, ast.Name | ast.Attribute):
            return False
        name = flag.id if isinstance(flag, ast.Name) else flag.attr
        if production_flag(name):
            # NOTE: `IN_PRODUCTION = os.environ.get("IN_PRODUCTION") == "True"`, off when
            # unset: the production server is what turns it on, so both arms are kept
            # and `not IN_PRODUCTION` is a development branch (`role_of_branch`).
            value = self.value(flag)
            return isinstance(value, DeployTime) and value.if_unset is False
        if not role_of_branch(f"`{name}`").is_development:
            return False
        value = self.value(flag)
        return isinstance(value, DeployTime) and value.if_unset is True

    @staticmethod
    def _takes_development_arm(test: ast.expr, value: DeployTime) -> bool:
        """`if os.environ.get("DEBUG", "true").lower() == "false":`, the flag read in the
        test itself: left undecided, as `if not DEBUG:` is, when the arm its default
        takes is the one where a development flag is on (or a production flag off), a
        developer's machine that deployments leave by setting the variable."""
        if not isinstance(value.if_unset, bool):
            return False
        shown = ast.unparse(test)
        taken = shown if value.if_unset else f"not ({shown})"
        return role_of_branch(f"`{taken}`").is_development

    def _condition(self, test: ast.expr) -> Condition:
        text = f"`{_short_keeping_role(ast.unparse(test))}`"
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            otherwise = f"`{_short(ast.unparse(test.operand))}`"
        elif isinstance(test, ast.Name | ast.Attribute | ast.Call):
            otherwise = f"`not {_short(ast.unparse(test))}`"
        else:
            otherwise = f"`not ({_short_keeping_role(ast.unparse(test), negated=True)})`"
        compared = self._compared(test)
        if compared is not None:
            name, comparison = compared
            return Condition(text, UNKNOWN, name, otherwise=otherwise, compared=comparison)
        value = self.value(test)
        if isinstance(value, Alias):
            return Condition(text, UNKNOWN, value.name, value.negated, otherwise)
        unless = ""
        if isinstance(value, DeployTime):
            undecided = self._on_when_unset(test) or self._takes_development_arm(test, value)
            unless = "" if undecided else flipped_by(self.ctx, test, value)
            value = UNKNOWN if undecided else value.if_unset
        if value is UNKNOWN or value is NO_DEFAULT:
            return Condition(text, UNKNOWN, otherwise=otherwise)
        return Condition(text, bool(value), otherwise=otherwise, unless=unless)

    def _compared(self, test: ast.expr) -> tuple[str, Comparison] | None:
        """`ALLOWED_HOSTS != ["*"]`, `"*" in ALLOWED_HOSTS`: a setting whose value is
        known only from the settings seen so far (changed in place, or set in another
        module) compared with a constant, which the resolver decides as it does `if
        DEBUG:`."""
        if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
            return None
        operator = _OPERATORS.get(type(test.ops[0]))
        if operator is None:
            return None
        left, right = test.left, test.comparators[0]
        for setting, other, first in ((left, right, True), (right, left, False)):
            if not isinstance(setting, ast.Name) or not _is_setting(setting.id):
                continue
            value = self.value(setting)
            constant = self.ctx.evaluate(other)
            if isinstance(value, Alias) and not value.negated and constant is not UNKNOWN:
                return value.name, Comparison(operator, constant, first)
        return None


_OPERATORS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
}


def _short(text: str) -> str:
    return text if len(text) <= _MAX_TEXT else text[: _MAX_TEXT - 3] + "..."


def _short_keeping_role(test: str, negated: bool = False) -> str:
    """A test as `_short` shows it, unless cutting it would hide that it is a test run's
    or a developer's (`any("pytest" in arg for arg in sys.argv) or "test" in sys.argv`),
    or its failing is (`negated`: `not (...)`, the other arm's label): the branch's role
    is read from this text (`role_of_branch`)."""
    if len(test) <= _MAX_TEXT or len(test) > 2 * _MAX_TEXT:
        return _short(test)
    label = f"`not ({test})`" if negated else f"`{test}`"
    return test if role_of_branch(label).is_development else _short(test)


def _imports_in(body: list[ast.stmt]) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports `body` runs, also under an `if` or `with` of its own (`if not
    TESTING: from .local import *` inside the `try`): an `ImportError` from any of them
    reaches the handlers."""
    for stmt in body:
        if isinstance(stmt, ast.Import | ast.ImportFrom):
            yield stmt
        elif isinstance(stmt, ast.If):
            yield from _imports_in(stmt.body + stmt.orelse)
        elif isinstance(stmt, ast.With):
            yield from _imports_in(stmt.body)


def _outcome(stmt: ast.stmt, modules: tuple[str, ...] = ()) -> Condition:
    """Whether the first statement of a `try` body succeeds (`from .local import *`),
    with the modules whose import alone decides it."""
    text = f"`{_short(ast.unparse(stmt).splitlines()[0])}`"
    return Condition(f"{text} succeeds", UNKNOWN, otherwise=f"{text} fails", imports=modules)


def _goes_on(ctx: FileContext, handler: ast.ExceptHandler) -> bool:
    """Whether the module goes on after `handler` (it neither raises nor exits)."""
    return not stops(ctx, handler.body)


def _checks_existence(ctx: FileContext, test: ast.expr) -> bool:
    """A test of whether a file or module exists: `os.path.exists(...)`,
    `(BASE_DIR / "local_settings.py").exists()`, `importlib.util.find_spec(...)`."""
    for node in ast.walk(test):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _EXISTENCE_TESTS or ctx.call_name(node) == "os.access":
                return True
    return False


def _calls_in(items: list[ast.withitem]) -> Iterator[ast.Call]:
    for item in items:
        if isinstance(item.context_expr, ast.Call):
            yield item.context_expr


def _is_copy(ctx: FileContext, node: ast.Call) -> bool:
    """`list(X)` / `tuple(X)` / `X.copy()`-like wrappers that keep a setting's items."""
    return (
        isinstance(node.func, ast.Name)
        and node.func.id in {"list", "tuple"}
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and ctx.lookup(node.args[0]) is None
    )


def _filtered_items(ctx: FileContext, node: ast.Call) -> ast.expr | None:
    """The list literal of `list(filter(None, [...]))` (or `tuple(...)`): a setting
    listing optional entries as `"app" if FLAG else None`, which `filter` drops when
    falsy (`INSTALLED_APPS = list(filter(None, [...]))`)."""
    if not (ctx.call_name(node) in {"list", "tuple"} and len(node.args) == 1 and not node.keywords):
        return None
    inner = node.args[0]
    if not (
        isinstance(inner, ast.Call)
        and ctx.call_name(inner) == "filter"
        and len(inner.args) == 2
        and isinstance(inner.args[0], ast.Constant)
        and inner.args[0].value is None
        and isinstance(inner.args[1], ast.List | ast.Tuple)
    ):
        return None
    return inner.args[1]


def _falsy_constant(item: object) -> bool:
    """An entry `filter(None, ...)` drops: `None`, `False`, an empty string."""
    return item is None or item is False or (isinstance(item, str) and not item)


def _names(node: ast.expr, name: str) -> bool:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1:
        node = node.args[0]
    return isinstance(node, ast.Name) and node.id == name


def _is_scalar(value: object) -> bool:
    if isinstance(value, DeployTime):
        if value.if_unset is NO_DEFAULT:
            # NOTE: `TOKEN = os.environ["TOKEN"]`: the variable's text, or start-up fails.
            # Left out, the value an imported module gave the name stayed in its place.
            return True
        value = value.if_unset
    scalars = Alias | ImportedValue | ImportedCall | bool | int | float | str | bytes
    return isinstance(value, scalars) or value is None


def _parts(ctx: FileContext, node: ast.expr, prefix: str) -> tuple[tuple[str, Location], ...]:
    """Key paths of a dict literal (two levels) and where their values are."""
    found: list[tuple[str, Location]] = []
    if not isinstance(node, ast.Dict):
        return ()
    for key_node, value_node in zip(node.keys, node.values, strict=True):
        key = ctx.evaluate(key_node) if key_node is not None else None
        if not isinstance(key, str):
            continue
        path = f"{prefix}.{key}" if prefix else key
        found.append((path, ctx.location(value_node)))
        if isinstance(value_node, ast.Dict) and prefix.count(".") < 1:
            found.extend(_parts(ctx, value_node, path))
    return tuple(found)


def mask_url(url: str) -> str:
    """`postgres://user:secret@host/db` -> `postgres://user:****@host/db`, masked as the
    snippet is."""
    return _CREDENTIAL_URL.sub(lambda m: f"{m['scheme']}://{m['user']}:{MASK}@", url, count=1)


def _credential_urls(ctx: FileContext, node: ast.AST) -> tuple[tuple[str, Location], ...]:
    return tuple(
        (mask_url(child.value), ctx.location(child))
        for child in ast.walk(node)
        if isinstance(child, ast.Constant)
        and isinstance(child.value, str)
        and _CREDENTIAL_URL.match(child.value)
        and _has_real_password(child.value)
    )


def _has_real_password(url: str) -> bool:
    """Not a placeholder's (`postgres://username:password@example.com/db`, `${DB_PASSWORD}`)."""
    return next(find_credential_urls(url), None) is not None
