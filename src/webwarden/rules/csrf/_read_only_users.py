"""Whether only views answering GET, HEAD or OPTIONS use a REST framework authentication class.

REST framework's own `SessionAuthentication.enforce_csrf()` lets those methods through
unchecked (as Django's middleware does), so an authentication class that skips the check
costs nothing on a view answering no other method.
"""

from __future__ import annotations

import ast

from webwarden.model.names import last_part
from webwarden.model.project import ProjectModel
from webwarden.rules.context import FileContext

_READ_ONLY_BASES = frozenset(
    {
        "rest_framework.views.APIView",
        "rest_framework.generics.GenericAPIView",
        "rest_framework.generics.ListAPIView",
        "rest_framework.generics.RetrieveAPIView",
        "rest_framework.viewsets.ViewSetMixin",
        "rest_framework.viewsets.ViewSet",
        "rest_framework.viewsets.GenericViewSet",
        "rest_framework.viewsets.ReadOnlyModelViewSet",
        "rest_framework.mixins.ListModelMixin",
        "rest_framework.mixins.RetrieveModelMixin",
        "django.views.View",
        "django.views.generic.View",
        "django.views.generic.base.View",
        "object",
    }
)
"""Views of REST framework and Django that answer no state-changing method themselves."""
_WRITING_HANDLERS = frozenset(
    {"post", "put", "patch", "delete", "create", "update", "partial_update", "destroy"}
    | {"dispatch", "http_method_not_allowed"}
)
"""Handlers of state-changing methods, and the hooks that may answer any method."""
_DEPTH = 4
"""How many classes deep bases and subclasses of the project are followed."""


def only_read_only_views_use(project: ProjectModel, qualified: str) -> bool:
    """Whether the authentication class `qualified` is named, outside its own module, only
    in the bodies of view classes (`authentication_classes = [...]`, also a property
    returning it) that, with their bases and the project's subclasses of them, define no
    handler of a state-changing method (`post`, `create`, an extra `@action`) nor a
    `dispatch` of their own, which may answer any method, and derive
    only from REST framework's or Django's views that answer none; and by one at least."""
    defining = qualified.rpartition(".")[0]
    users: list[str] = []
    for summary in project.modules.values():
        if summary.is_test or summary.module == defining:
            continue
        imported = summary.imports.values()
        if defining in imported:
            return False  # NOTE: `auth.TheClass` through its module: not followed
        if qualified not in imported:
            continue
        ctx = _read(project, summary.module)
        found = None if ctx is None else _using_classes(ctx, qualified)
        if found is None:
            return False
        users.extend(found)
    return bool(users) and all(_read_only_with_subclasses(project, user, _DEPTH) for user in users)


def _read(project: ProjectModel, module: str) -> FileContext | None:
    return project.read_module(module) if project.read_module is not None else None


def _using_classes(ctx: FileContext, qualified: str) -> list[str] | None:
    """The module's top-level classes naming `qualified`; None when a name of it is used
    elsewhere (a function view's decorator, a module-level list)."""
    classes: list[str] = []
    for node in ctx.nodes(ast.Name):
        if ctx.qualified(node) != qualified:
            continue
        top = next(
            (a for a in ctx.ancestors(node) if ctx.parent(a) is ctx.tree),
            None,
        )
        if not isinstance(top, ast.ClassDef):
            return None
        classes.append(f"{ctx.module}.{top.name}")
    return classes


def _class(project: ProjectModel, qualified: str) -> tuple[FileContext, ast.ClassDef] | None:
    module, _, name = qualified.rpartition(".")
    ctx = _read(project, module)
    if ctx is None:
        return None
    for statement in ctx.tree.body:
        if isinstance(statement, ast.ClassDef) and statement.name == name:
            return ctx, statement
    return None


def _read_only(project: ProjectModel, qualified: str, depth: int) -> bool:
    """Whether the project's class `qualified` and its bases answer no state-changing method."""
    found = _class(project, qualified)
    if found is None or depth == 0:
        return False
    ctx, node = found
    for statement in node.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and (
            statement.name in _WRITING_HANDLERS
            or any(last_part(ctx.qualified(d) or "") == "action" for d in _called(statement))
        ):
            return False
    for base in node.bases:
        name = _base_name(ctx, base)
        if name is None:
            return False
        if name not in _READ_ONLY_BASES and not _read_only(project, name, depth - 1):
            return False
    return True


def _called(function: ast.FunctionDef | ast.AsyncFunctionDef) -> list[ast.expr]:
    """The decorators of `function`, calls by what they call (`@action(...)`)."""
    return [d.func if isinstance(d, ast.Call) else d for d in function.decorator_list]


def _base_name(ctx: FileContext, base: ast.expr) -> str | None:
    """The qualified name of a base: imported, or a class of the same module."""
    return ctx.qualified_here(base)


def _read_only_with_subclasses(project: ProjectModel, qualified: str, depth: int) -> bool:
    """`_read_only`, for the class and every class of the project deriving from it (in
    its own module or one importing it), which inherit what it authenticates with."""
    if depth == 0 or not _read_only(project, qualified, _DEPTH):
        return False
    module = qualified.rpartition(".")[0]
    for summary in project.modules.values():
        if summary.module != module and qualified not in summary.imports.values():
            continue
        ctx = _read(project, summary.module)
        if ctx is None:
            return False
        for node in ctx.nodes(ast.ClassDef):
            if not isinstance(node, ast.ClassDef):
                continue
            if any(_base_name(ctx, base) == qualified for base in node.bases) and (
                not _read_only_with_subclasses(project, f"{ctx.module}.{node.name}", depth - 1)
            ):
                return False
    return True
