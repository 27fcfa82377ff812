"""Projects served through Invenio's application factory, and the HTTPS it enforces.

An Invenio project (Zenodo, InvenioRDM, REANA) does not build the app it serves: uWSGI
loads `invenio_app.wsgi`, and `invenio run` or the project's `app = create_app()` call
`invenio_app.factory.create_app()` (or `create_api`, `create_ui`), which assembles a Flask
app from the entry points of the installed packages: their blueprints, extensions and
config modules. Among them `InvenioApp` attaches Flask-Talisman with the config's
`APP_DEFAULT_SECURE_HEADERS`, whose `force_https` is True unless a config module sets it
False, or sets `APP_ENABLE_SECURE_HEADERS = False`. The Flask apps such a project makes
itself (`create_minimal_app()` for its tests and scripts) are not what is served.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from webwarden.findings import Location
from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ModuleSummary

INVENIO_FACTS = "invenio_secure_headers"
_FACTORIES = (
    "invenio_app.factory",
    "invenio_app.wsgi",
    "invenio_app.wsgi_rest",
    "invenio_app.wsgi_ui",
)
"""Modules of which a module imports a name (`create_app`, `application`), or which it
imports, to make or load the app Invenio assembles."""
_HEADERS = "APP_DEFAULT_SECURE_HEADERS"
_ENABLED = "APP_ENABLE_SECURE_HEADERS"


@dataclass(frozen=True, slots=True)
class HttpsTurnedOff:
    """A config module's statement that stops InvenioApp's Talisman redirecting."""

    location: Location
    how: str
    """What it sets, for the message (`APP_DEFAULT_SECURE_HEADERS["force_https"]`)."""


@dataclass(frozen=True, slots=True)
class InvenioServing:
    """The project serves its views through Invenio's factory."""

    https_off: HttpsTurnedOff | None = None
    """The first config statement turning InvenioApp's HTTPS redirect off, if any."""


def invenio_serving(summaries: Iterable[ModuleSummary]) -> InvenioServing | None:
    """How Invenio serves the project, or None when no module of it (test code aside)
    makes or loads the app Invenio's factory assembles."""
    summaries = list(summaries)
    if not any(
        not summary.is_test and any(_invenio_factory(name) for name in summary.imports.values())
        for summary in summaries
    ):
        return None
    for summary in summaries:
        found = summary.facts.get(INVENIO_FACTS)
        if isinstance(found, HttpsTurnedOff) and not summary.is_test:
            return InvenioServing(found)
    return InvenioServing()


def _invenio_factory(imported: str) -> bool:
    return any(imported == module or imported.startswith(f"{module}.") for module in _FACTORIES)


def extract_https_off(ctx: FileContext) -> HttpsTurnedOff | None:
    """The module's first top-level statement (also in a top-level `if` or `try`) setting
    `force_https` of `APP_DEFAULT_SECURE_HEADERS` to False (by item, in a dict given
    whole, or through `update`), or `APP_ENABLE_SECURE_HEADERS` to False."""
    if not ctx.mentions("SECURE_HEADERS"):
        return None
    for statement in _top_level(ctx.tree.body):
        how = _turns_off(ctx, statement)
        if how:
            return HttpsTurnedOff(ctx.location(statement), how)
    return None


def _top_level(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    for statement in body:
        if isinstance(statement, ast.If):
            yield from _top_level(statement.body)
            yield from _top_level(statement.orelse)
        elif isinstance(statement, ast.Try):
            yield from _top_level(statement.body)
        else:
            yield statement


def _turns_off(ctx: FileContext, statement: ast.stmt) -> str:
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
        if isinstance(target, ast.Name) and target.id == _ENABLED:
            return _ENABLED if ctx.evaluate(value) is False else ""
        if isinstance(target, ast.Name) and target.id == _HEADERS:
            return _dict_turns_off(ctx.evaluate(value))
        if (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == _HEADERS
            and ctx.evaluate(target.slice) == "force_https"
            and ctx.evaluate(value) is False
        ):
            return f'{_HEADERS}["force_https"]'
    if (
        isinstance(statement, ast.Expr)
        and isinstance(call := statement.value, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "update"
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == _HEADERS
    ):
        given = [ctx.evaluate(arg) for arg in call.args]
        given.append({k.arg: ctx.evaluate(k.value) for k in call.keywords if k.arg})
        return next((how for value in given if (how := _dict_turns_off(value))), "")
    return ""


def _dict_turns_off(value: object) -> str:
    if isinstance(value, dict) and value.get("force_https") is False:
        return f'{_HEADERS}["force_https"]'
    return ""


EXTRACTORS.append(FactExtractor(INVENIO_FACTS, extract_https_off, in_tests=False))
