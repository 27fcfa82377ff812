"""Per-file extraction of the views a Django admin class adds by overriding `get_urls()`.

Django documents adding views to the admin this way: a `ModelAdmin` (or `AdminSite`)
subclass returns its own `path()` entries before the inherited ones, each leading to a
method of the class, usually wrapped by `self.admin_site.admin_view(...)`
(`self.admin_view(...)` in an `AdminSite`), which requires a staff login and protects
the view's POST from forgery, but not its GET. These routes are under `admin.site.urls`,
which the URLconf includes as a library's, so the route map (`routes`) never sees them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.django.extract_urls import DJANGO_ROUTE_FUNCTIONS
from webwarden.model.module import FileContext
from webwarden.pickling import fast_pickling

ADMIN_URL_FACTS = "django.admin_urls"
_ADMIN_VIEW = "admin_view"


@dataclass(frozen=True, slots=True)
class AdminUrl:
    """One `path(pattern, self.admin_site.admin_view(self.method))` of a `get_urls()`."""

    view: str
    """The qualified name of the method the route runs (`crm.admin.TeamAdmin.members`)."""
    pattern: str
    location: Location
    """Where the method is defined."""
    answers_get: bool = True
    """False when a decorator of the method refuses GET (`@method_decorator(require_POST)`,
    `@require_http_methods(["POST"])`): Django answers it 405 before the body runs."""
    function: bool = False
    """The route runs a function, not a method of the class (`admin_view(views.export)`):
    `view` is its qualified name as the module spells it, `location` the route's, and
    what protects it is the function's own (`DjangoProject.views`)."""
    kind: str = "path"
    """`path`, or `re_path` and `url` (regexes), as the route's function reads `pattern`."""


@dataclass(frozen=True, slots=True)
class AdminUrlFacts:
    """The admin routes a module's classes add."""

    urls: tuple[AdminUrl, ...]


def extract_admin_urls(ctx: FileContext) -> AdminUrlFacts | None:
    """The routes the `get_urls()` of the module's top-level classes add, else None."""
    if not ctx.holds("get_urls") or not ctx.module:
        return None
    found: list[AdminUrl] = []
    for cls in ctx.tree.body:
        if not isinstance(cls, ast.ClassDef) or not cls.bases:
            continue
        methods = {
            s.name: s for s in cls.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        get_urls = methods.get("get_urls")
        if get_urls is None:
            continue
        for node in ast.walk(get_urls):
            if not isinstance(node, ast.Call) or not _routes(ctx, node):
                continue
            pattern = ctx.evaluate(ctx.argument(node, 0, "route") or ctx.keyword(node, "regex"))
            view = _unwrapped(ctx.argument(node, 1, "view"))
            method = _method(view)
            if not isinstance(pattern, str):
                continue
            kind = _last(ctx, node.func)
            if method is None and isinstance(view, ast.Name | ast.Attribute):
                function = ctx.qualified_here(view)
                if function is not None:
                    where = ctx.location(node)
                    found.append(AdminUrl(function, pattern, where, function=True, kind=kind))
                continue
            if method not in methods:
                continue
            defined = methods[method]
            found.append(
                AdminUrl(
                    f"{ctx.module}.{cls.name}.{method}",
                    pattern,
                    ctx.location(defined),
                    not any(_refuses_get(ctx, d) for d in defined.decorator_list),
                    kind=kind,
                )
            )
    return AdminUrlFacts(tuple(found)) if found else None


def _routes(ctx: FileContext, call: ast.Call) -> bool:
    """Whether the call is Django's `path()`, `re_path()` or `url()`."""
    return ctx.qualified(call.func) in DJANGO_ROUTE_FUNCTIONS


def _refuses_get(ctx: FileContext, decorator: ast.expr) -> bool:
    """Whether a method's decorator (or the function `method_decorator(...)` is given)
    lets no GET through: `require_POST`, or `require_http_methods` of a literal list
    without `GET`."""
    if isinstance(decorator, ast.Call) and _last(ctx, decorator.func) == "method_decorator":
        if not decorator.args:
            return False
        decorator = decorator.args[0]
    if isinstance(decorator, ast.Call) and _last(ctx, decorator.func) == "require_http_methods":
        allowed = ctx.evaluate(ctx.argument(decorator, 0, "request_method_list"))
        return isinstance(allowed, list | tuple) and all(
            isinstance(m, str) and m.upper() not in {"GET", "HEAD"} for m in allowed
        )
    return _last(ctx, decorator) == "require_POST"


def _last(ctx: FileContext, node: ast.expr) -> str:
    """The last part of the qualified name of `node` ("" when it has none)."""
    return (ctx.qualified(node) or "").rpartition(".")[2]


def _unwrapped(view: ast.expr | None) -> ast.expr | None:
    """A route's view without the admin's wrapper (`self.admin_site.admin_view(view)`,
    `self.admin_view(view, cacheable=True)`) or a local one (Django's own `wrap(view)`)."""
    if isinstance(view, ast.Call) and len(view.args) >= 1:
        func = view.func
        wrapper = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if wrapper == _ADMIN_VIEW or isinstance(func, ast.Name):
            return view.args[0]
    return view


def _method(view: ast.expr | None) -> str | None:
    """The method of `self` a route's view is (`self.members`), if it is one."""
    if (
        isinstance(view, ast.Attribute)
        and isinstance(view.value, ast.Name)
        and view.value.id == "self"
    ):
        return view.attr
    return None


fast_pickling(globals())
