"""Per-file extraction of the DJANGO_SETTINGS_MODULE defaults a process starts with.

`manage.py`, `wsgi.py`, `asgi.py` and the like set the default themselves
(`os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")`), or call a function
of the project that does (`setup_env()` of `shop/setup.py`, which also loads a `.env`
file first: Maykin's project template and the Dutch government APIs built on it). Any
other module's function setting the variable is a default only when an entry file calls
it: a script or `docs/conf.py` setting it for itself starts no site.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.findings import Location
from webwarden.model.django.facts import EntryFacts
from webwarden.model.environment_sets import set_variables
from webwarden.model.module import FileContext

ENTRY_FILES = re.compile(r"(^|/)(manage|wsgi|asgi|celery|settings_module|conftest)\.py$")
"""A module that may set DJANGO_SETTINGS_MODULE (`manage.py`, `wsgi.py`, `conftest.py`)."""
_SETTINGS_VARIABLE = "DJANGO_SETTINGS_MODULE"
_CONFIGURATION_VARIABLE = "DJANGO_CONFIGURATION"
_NOT_THE_PROJECT = ("os.", "sys.", "django.")


def extract_entry(ctx: FileContext) -> EntryFacts | None:
    """DJANGO_SETTINGS_MODULE defaults set in manage.py, wsgi.py, asgi.py and the like,
    the django-configurations class they select (`DJANGO_CONFIGURATION`) and the calls
    they make; in other modules, the functions that set the variable."""
    if not ENTRY_FILES.search(ctx.relpath):
        return _setters(ctx)
    found: list[tuple[str, Location]] = []
    configurations: list[str] = []
    calls: list[tuple[str, Location]] = []
    for stmt in _statements(ctx.tree.body):
        for key, value, where in set_variables(ctx, stmt):
            if key == _SETTINGS_VARIABLE:
                found.append((value, where))
            elif key == _CONFIGURATION_VARIABLE:
                configurations.append(value)
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            name = ctx.call_name(stmt.value)
            if name and "." in name and not name.startswith(_NOT_THE_PROJECT):
                calls.append((name, ctx.location(stmt)))
    if not (found or configurations or calls):
        return None
    # NOTE: an entry file's own functions setting the variable are among `found` already.
    return EntryFacts(
        tuple(sorted(found, key=lambda f: f[1].line)),
        tuple(configurations),
        tuple(sorted(calls, key=lambda c: c[1].line)),
    )


def _setters(ctx: FileContext) -> EntryFacts | None:
    """The top-level functions of the module setting DJANGO_SETTINGS_MODULE."""
    if ctx.is_test_file or not ctx.holds(_SETTINGS_VARIABLE):
        return None
    setters = [
        (function.name, value)
        for function in ctx.tree.body
        if isinstance(function, ast.FunctionDef)
        for stmt in _statements(function.body)
        for key, value, _ in set_variables(ctx, stmt)
        if key == _SETTINGS_VARIABLE
    ]
    return EntryFacts((), setters=tuple(setters)) if setters else None


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of `body`, those of its functions and blocks included."""
    stack = list(body)
    while stack:
        stmt = stack.pop()
        if isinstance(stmt, ast.FunctionDef | ast.If | ast.Try | ast.With):
            stack.extend(stmt.body)
            continue
        yield stmt
