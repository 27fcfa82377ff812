"""Functions whose every result is the deployment's configuration.

A view hands its page's script the JSON of what a helper gathers from the settings
(`"settings": json.dumps(get_frontend_settings())`, the helper returning `{"STATIC_URL":
settings.STATIC_URL, "DEBUG": settings.DEBUG, "VERSION": get_version()}`): the
operator's text, as a setting handed on directly is. Each module tells which of its
top-level functions return only values a view's own would be configuration for (see
`env_globals.configuration`), with the functions of the project that judgement leaves
to be told (`get_version()` of another module); the template model settles those
across modules (`number_functions.settle`).
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext
from webwarden.model.templates.collected_context import CollectedContext
from webwarden.model.templates.number_functions import judged_functions


def configured_functions(
    ctx: FileContext, results: dict[int, list[ast.expr]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The module's top-level functions (not generators, nor decorated but to cache what
    they return) every `return` of which gives configuration in the function's own
    scope, at least one `return` giving a value; each with the qualified names of the
    project's functions that judgement assumes return only configuration too. `results`
    is the module's `returned_values`."""
    return judged_functions(ctx, results, CollectedContext.configured_assuming)
