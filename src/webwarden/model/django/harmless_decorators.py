"""Decorators of views that change no one's authority, and the project's names for them.

A project often defines its decorators once, in a module of its own
(`ratelimit_3_per_minute = ratelimit(key="ip", rate="3/m")`, and a no-op `lambda func:
func` in its tests' branch), and applies them by that name: such a name wraps the view
in what its value is, and acts as no one, as the decorator it names does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.module import FileContext

HARMLESS_DECORATORS = frozenset(
    {
        "django.views.decorators.csrf.csrf_exempt",
        "django.views.decorators.http.require_http_methods",
        "django.views.decorators.http.require_POST",
        "django.views.decorators.http.require_GET",
        "django.views.decorators.http.require_safe",
        "django.views.decorators.clickjacking.xframe_options_exempt",
        "django.views.decorators.clickjacking.xframe_options_deny",
        "django.views.decorators.clickjacking.xframe_options_sameorigin",
        "django.views.decorators.cache.never_cache",
        "django.views.decorators.cache.cache_page",
        "django.views.decorators.cache.cache_control",
        "django.views.decorators.gzip.gzip_page",
        "django.views.decorators.vary.vary_on_headers",
        "django.views.decorators.vary.vary_on_cookie",
        "django.views.decorators.debug.sensitive_post_parameters",
        "django.views.decorators.debug.sensitive_variables",
        "django.contrib.auth.decorators.login_not_required",
        "django.db.transaction.atomic",
        "django.db.transaction.non_atomic_requests",
        "django_ratelimit.decorators.ratelimit",
        "ratelimit.decorators.ratelimit",
        "tenacity.retry",
        "backoff.on_exception",
        "backoff.on_predicate",
        "retrying.retry",
        "classmethod",
        "staticmethod",
        "property",
        "functools.cached_property",
        "django.utils.functional.cached_property",
    }
)
"""Decorators that change no one's authority (django-ratelimit's only counts requests,
Django 5.1's `login_not_required` marks the view public, `transaction`'s set how it
commits, tenacity's, backoff's and retrying's run the view again when it raises (a
database locked for a moment), Python's `classmethod`, `staticmethod` and `property` on a view's methods only
say how the method is bound, as a class's own `as_view()` is): any other (`@login_required`, a project's `@moderators_only`) may check or use
the user."""


def harmless_decorator(ctx: FileContext, decorator: ast.expr) -> bool:
    """`@never_cache`, or a call of one of these (`@ratelimit(key="ip", rate="3/m")`)."""
    if isinstance(decorator, ast.Call):
        return ctx.call_name(decorator) in HARMLESS_DECORATORS
    return ctx.qualified(decorator) in HARMLESS_DECORATORS


def harmless_aliases(ctx: FileContext) -> Iterator[str]:
    """The module's top-level names (also bound under a top-level `if`, such as one
    picking the tests' no-op) every binding of which is a harmless decorator, or a
    function handing back what it wraps (`lambda func: func`)."""
    verdicts: dict[str, bool] = {}
    for name, value in _top_level_bindings(ctx.tree.body):
        harmless = _identity(value) or harmless_decorator(ctx, value)
        verdicts[name] = verdicts.get(name, True) and harmless
    yield from (name for name, harmless in verdicts.items() if harmless)


def _top_level_bindings(body: list[ast.stmt]) -> Iterator[tuple[str, ast.expr]]:
    for statement in body:
        if isinstance(statement, ast.If):
            yield from _top_level_bindings(statement.body)
            yield from _top_level_bindings(statement.orelse)
        elif isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                yield target.id, statement.value


def _identity(value: ast.expr) -> bool:
    """`lambda func: func`."""
    if not isinstance(value, ast.Lambda):
        return False
    parameters = value.args.args
    return (
        len(parameters) == 1
        and isinstance(value.body, ast.Name)
        and value.body.id == parameters[0].arg
    )
