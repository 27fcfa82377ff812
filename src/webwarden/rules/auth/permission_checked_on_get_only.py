"""WW713: a view that tests a permission before answering GET and writes on POST without one."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from webwarden.analysis.taint.index import Located
from webwarden.analysis.writes import StateChanges, Write, state_changes
from webwarden.findings import Confidence, Finding, Location, Practice, Severity
from webwarden.model.django.harmless_decorators import HARMLESS_DECORATORS
from webwarden.model.django.views import View
from webwarden.model.flask.app import FlaskApp, Route
from webwarden.model.module import FileContext
from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._method_guards import (
    checks_user,
    get_guard,
    method_split,
    on_user,
    user_locals,
    walk_outside,
)
from webwarden.rules.base import Framework, ProjectRule

_Def = ast.FunctionDef | ast.AsyncFunctionDef
_LOGIN_ONLY = frozenset({"login_required", "fresh_login_required"})
_NEUTRAL = frozenset(
    {"django.views.decorators.csrf.csrf_protect", "django.views.decorators.csrf.ensure_csrf_cookie",
     "django.views.decorators.csrf.requires_csrf_token", "functools.wraps",
     "flask_wtf.csrf.CSRFProtect.exempt"}
)  # fmt: skip
"""Decorators checking no user beside `HARMLESS_DECORATORS`: CSRF checks, `wraps`."""
_WRITING_HANDLERS = ("post", "put", "patch", "delete")
_CLASS_GUARDS = ("dispatch", "setup", "test_func", "has_permission", "check_permissions")
"""Methods of a class-based view that run before every handler or answer its permission
mixin: any of the project's may check the user."""
_CLASS_LOOKUPS = ("get_queryset", "get_object", "get_form_kwargs", "get_form", "form_valid")
_GUARD_BASE = re.compile(
    r"Permission|Staff|Superuser|Admin|Owner|UserPassesTest|Access|Role|Group|Moderator|Required"
)
"""Words of a mixin that checks the user (`PermissionRequiredMixin`, `StaffRequiredMixin`)."""
_PERMISSION_WORDS = re.compile(
    r"perm|admin|staff|superuser|role|owner|access|moderat|group|manager|privileg|passes_test",
    re.IGNORECASE,
)
"""Words of a decorator that checks more than a login (`admin_login_required`)."""


@dataclass(frozen=True, slots=True)
class _Gap:
    where: Location
    guard: str
    method: str
    write: Write


class PermissionCheckedOnGetOnly(ProjectRule):
    """## What it does
    Finds Django function views and Flask routes accepting POST whose body tests the
    request's method (`if request.method == "POST":`) and tests a permission or role of
    the user (`user.has_perm(...)`, `has_perms()`, `is_staff`, `is_superuser`,
    `current_user.is_admin`, a helper of the project named for a permission handed the
    user, `can_manage(request.user, team)`; or a test of the user whose arm refuses,
    `raise PermissionDenied`, `abort(403)`) only on the path a GET takes, while the
    other arm writes (saves, creates or deletes rows, commits, sends mail: what WW680
    counts as a write) with no such test; also a Django class-based view whose `get()`
    so tests and whose own `post()`, `put()`, `patch()` or `delete()` writes without.

    A test made before the method is told apart, in a decorator other than a login
    decorator (`@permission_required`, a project's `@admin_only`), a mixin of the class
    named for a check (`PermissionRequiredMixin`, `UserPassesTestMixin`), a `dispatch()`
    or `test_func()` of the project's, a `get_queryset()` or form handed the user, a
    Flask `before_request` hook that refuses, a comparison with the user (`obj.owner ==
    request.user`), a lookup through the user (`request.user.teams.get(pk=pk)`), or a
    function of the project the writing arm calls that checks, all count as a test on
    the writing path; REST framework views are left to their permission classes. A
    change of the requesting user's own account (`request.user.profile.save()`,
    `current_user.save()`) is not counted as a write, and a test that only asks for a
    login (`is_authenticated`, `@login_required`) is no permission test.

    ## Why is this bad?
    The page is hidden from users without the permission, but the form it shows posts to
    the same URL, and nothing stops any logged-in user (or anyone) from sending that POST
    by hand: the action the permission was meant to protect, granting a group, deleting
    a record, is open to all (OWASP's "missing function level access control").

    ## Known problems
    Only the first test of the method in a function view is read, and a view under a
    decorator of the project that webwarden cannot tell from a login decorator is left
    alone: precision is preferred to recall.

    ## Example
    ```python
    # views.py
    from django.contrib.auth.models import Group, User
    from django.shortcuts import redirect, render


    def manage_groups(request):
        if request.method == "POST":
            user = User.objects.get(pk=request.POST["user"])
            user.groups.add(Group.objects.get(name=request.POST["group"]))
            return redirect("/")
        if not request.user.has_perm("auth.change_group"):
            return redirect("/")
        return render(request, "groups.html")
    ```

    ```python
    # urls.py
    from django.urls import path

    import views

    urlpatterns = [path("groups/", views.manage_groups)]
    ```

    ## Fix
    ```python
    # views.py
    from django.contrib.auth.decorators import permission_required
    from django.contrib.auth.models import Group, User
    from django.shortcuts import redirect, render


    @permission_required("auth.change_group")
    def manage_groups(request):
        if request.method == "POST":
            user = User.objects.get(pk=request.POST["user"])
            user.groups.add(Group.objects.get(name=request.POST["group"]))
            return redirect("/")
        return render(request, "groups.html")
    ```

    ```python
    # urls.py
    from django.urls import path

    import views

    urlpatterns = [path("groups/", views.manage_groups)]
    ```

    ## References
    - [CWE-285: Improper Authorization](https://cwe.mitre.org/data/definitions/285.html)
    - [Django: the permission_required decorator](https://docs.djangoproject.com/en/stable/topics/auth/default/#the-permission-required-decorator)
    - [Django: PermissionRequiredMixin](https://docs.djangoproject.com/en/stable/topics/auth/default/#the-permissionrequiredmixin-mixin)
    - [OWASP: Broken Access Control](https://owasp.org/Top10/A01_2021-Broken_Access_Control/)
    """

    code = "WW713"
    name = "permission-checked-on-get-only"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 285
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    message = (
        "`{view}` tests `{guard}` before answering GET, but its {method} path writes"
        " ({what}) without any permission test"
    )
    fix = "test the permission before the request's method is told apart, or in a decorator"

    def check(self, project: ProjectModel) -> Iterator[Finding]:
        if project.django is None and project.flask is None:
            return
        reader = _Reader(project, state_changes(project))
        seen: set[str] = set()
        for view, gap in (*_django_gaps(project, reader), *_flask_gaps(project, reader)):
            if view in seen:
                continue
            seen.add(view)
            write = gap.write
            what = (
                f"{write.what} in `{write.via}`"
                if write.via
                else f"{write.what}, line {write.line}"
            )
            yield self.make_finding(
                gap.where,
                key=view,
                view=last_part(view),
                guard=gap.guard,
                method=gap.method,
                what=what,
            )


_Found = tuple[str, _Def, FileContext]


class _Reader:
    """The project's functions as parsed trees, and whether the helpers a path calls check."""

    def __init__(self, project: ProjectModel, changes: StateChanges) -> None:
        self.project = project
        self.changes = changes

    def definition(self, qualname: str | None) -> _Found | None:
        """(relpath, the `def`, its module) of a project function."""
        return self._located(self.changes.function(qualname) if qualname else None)

    def method(self, cls: str, name: str) -> _Found | None:
        """The `def` of a method a project class has or inherits from a project base."""
        return self._located(self.changes.method(cls, name))

    def _located(self, located: Located | None) -> _Found | None:
        if located is None:
            return None
        summary = self.project.modules.get(located.relpath)
        read = self.project.read_module
        ctx = read(summary.module) if summary is not None and read is not None else None
        if ctx is None or summary is None or summary.is_test:
            return None
        path = located.function.qualname.removeprefix(summary.module + ".").split(".")
        node = _defined(ctx.tree.body, path)
        return (located.relpath, node, ctx) if node is not None else None

    def checked(self, ctx: FileContext, owner: str, depth: int = 0) -> Callable[[ast.Call], bool]:
        """A test of whether a call runs a function of the project that may check the
        user, a few calls deep (`self.method()` through `owner`, a class)."""

        def test(call: ast.Call) -> bool:
            func = call.func
            if depth > 2:
                return False
            if owner and isinstance(func, ast.Attribute) and _is_self(func.value):
                found = self.method(owner, func.attr)
            else:
                found = self.definition(ctx.qualified_here(func))
            if found is None:
                return False
            _, node, inner = found
            nodes = walk_outside(node.body)
            return checks_user(nodes, user_locals(node), self.checked(inner, owner, depth + 1))

        return test

    def writes_in(
        self, qualname: str, relpath: str, path: Iterable[ast.stmt], users: frozenset[str]
    ) -> Write | None:
        """The first clear write `qualname` makes in the statements `path`: itself on their
        lines, or in a helper they call."""
        statements = list(path)
        called = {
            _last_name(n.func) for s in statements for n in ast.walk(s) if isinstance(n, ast.Call)
        }
        for write in self.changes.writes(qualname):
            if not write.clear or write.own_account or write.kind in _NOT_WRITES:
                continue  # NOTE: a change of the requesting user's own account is theirs
            if write.via:
                if write.via in called:
                    return write
            elif (
                write.relpath == relpath
                and any(s.lineno <= write.line <= (s.end_lineno or s.lineno) for s in statements)
                and not on_user(statements, write.line, users)
            ):
                return write
        return None


_NOT_WRITES = frozenset({"login", "logout", "session"})


def _defined(body: list[ast.stmt], path: list[str]) -> _Def | None:
    """The `def` a dotted path of names leads to in a module's body (`Class.method`)."""
    for statement in body:
        if not isinstance(statement, _Def | ast.ClassDef) or statement.name != path[0]:
            continue
        if len(path) == 1:
            return statement if isinstance(statement, _Def) else None
        if isinstance(statement, ast.ClassDef):
            return _defined(statement.body, path[1:])
    return None


def _is_self(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "self"


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _function_gap(reader: _Reader, qualname: str, methods: Iterable[str]) -> _Gap | None:
    """The gap of a function view: a method test whose GET arm tests a permission, the
    rest of the body testing none, and the other arm writing."""
    found = reader.definition(qualname)
    if found is None:
        return None
    relpath, node, ctx = found
    split = method_split(node)
    if split is None or (split.method not in methods and "*" not in methods):
        return None
    users = user_locals(node)
    guard = get_guard(split.get_path, users)
    if guard is None:
        return None
    if checks_user(walk_outside(node.body, split.get_path), users, reader.checked(ctx, "")):
        return None
    write = reader.writes_in(qualname, relpath, split.other_path, users)
    if write is None:
        return None
    test = split.test
    where = Location(relpath, test.lineno, test.col_offset + 1)
    return _Gap(where, ast.unparse(guard), split.method, write)


def _class_gap(reader: _Reader, view: View) -> _Gap | None:
    """The gap of a class-based view: `get()` tests a permission, a writing handler of
    the project's own tests none and writes, and nothing around them checks."""
    cls = view.target
    if any(
        _GUARD_BASE.search(last_part(b)) for b in view.bases if last_part(b) != "LoginRequiredMixin"
    ):
        return None
    if any(reader.method(cls, name) is not None for name in _CLASS_GUARDS):
        return None
    for name in _CLASS_LOOKUPS:
        found = reader.method(cls, name)
        if found is not None and checks_user(walk_outside(found[1].body), user_locals(found[1])):
            return None
    get = reader.method(cls, "get")
    if get is None:
        return None
    guard = get_guard(get[1].body, user_locals(get[1]))
    if guard is None:
        return None
    handlers = dict(view.handler_decorators)
    for method in _WRITING_HANDLERS:
        found = reader.method(cls, method)
        if found is None or not all(map(_neutral, handlers.get(method.upper(), ()))):
            continue
        relpath, node, ctx = found
        checked = reader.checked(ctx, cls)
        if checks_user(walk_outside(node.body), user_locals(node), checked):
            continue
        located = reader.changes.method(cls, method)
        qualname = located.function.qualname if located is not None else ""
        write = reader.writes_in(qualname, relpath, node.body, user_locals(node))
        if write is not None:
            where = Location(relpath, node.lineno, node.col_offset + 1)
            return _Gap(where, ast.unparse(guard), method.upper(), write)
    return None


def _neutral(decorator: str) -> bool:
    """A decorator that checks no permission: a login decorator, or one changing no one's
    authority (`csrf_exempt`, `require_http_methods`)."""
    name = last_part(decorator)
    return (
        decorator in HARMLESS_DECORATORS
        or decorator in _NEUTRAL
        or name in _LOGIN_ONLY
        or ("login" in name.lower() and not _PERMISSION_WORDS.search(name))
    )


def _django_gaps(project: ProjectModel, reader: _Reader) -> Iterator[tuple[str, _Gap]]:
    django = project.django
    if django is None:
        return
    for route in django.routes:
        view = route.view
        if view is None or view.location is None or view.is_drf or route.debug_only:
            continue
        if view.kind not in {"function", "class"} or view.names_permission:
            continue
        if not all(map(_neutral, view.decorators)):
            continue  # NOTE: a permission decorator guards every method
        if view.kind == "function":
            methods = view.methods if view.methods is not None else ("*",)
            gap = _function_gap(reader, view.target, methods)
        else:
            gap = _class_gap(reader, view)
        if gap is not None:
            yield view.target, gap


def _flask_gaps(project: ProjectModel, reader: _Reader) -> Iterator[tuple[str, _Gap]]:
    flask = project.flask
    if flask is None:
        return
    for app in flask.apps:
        for route in app.routes:
            if not route.view_found or not all(_neutral(d.name) for d in route.decorators):
                continue
            if _refusing_hook(app, route):
                continue  # NOTE: a hook may check the user before every view
            gap = _function_gap(reader, route.view, route.methods)
            if gap is not None:
                yield route.view, gap


def _refusing_hook(app: FlaskApp, route: Route) -> bool:
    """Whether a `before_request` hook of the app or the route's blueprint may refuse."""
    return any(
        blueprint in (None, route.blueprint) and hook.kind.startswith("before") and hook.body.denies
        for blueprint, hook, _ in app.hooks
    )
