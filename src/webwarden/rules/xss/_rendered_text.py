"""Whether a Jinja2 environment renders only text kept under names of another kind."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext
from webwarden.rules.xss._environment_renders import environment_renders

_TEXT_KINDS = frozenset({"query", "sql", "subject", "command", "cmd", "filename", "yaml", "csv"})
"""Words naming a text that is no HTML: a search query or SQL statement, a mail's subject
line, a command line, a file name, a YAML or CSV document."""
_MARKUP_WORDS = frozenset({"html", "page", "markup", "xml", "svg", "body", "content", "snippet"})


def renders_named_text(environment: ast.Call, ctx: FileContext) -> bool:
    """Whether the environment, assigned to a name, is only set up and asked for
    templates in that scope whose every rendering is assigned to a name saying what
    other text it is (`template = env.from_string(source)`, then `query_string =
    template.render(form)`; `sql = env.from_string(source).render(...)`): the code calls
    the text a query, not a page. Any other use of the environment or of a template it
    loads (returned, passed on, rendered into a name that says nothing) may be HTML."""
    found = environment_renders(environment, ctx)
    return found is not None and bool(found[0]) and all(_kept_as_text(r, ctx) for r in found[0])


def _kept_as_text(render: ast.Call, ctx: FileContext) -> bool:
    """`name = template.render(...)` where the name says what other text it is."""
    holder = ctx.parent(render)
    return (
        isinstance(holder, ast.Assign)
        and len(holder.targets) == 1
        and isinstance(holder.targets[0], ast.Name)
        and other_text_name(holder.targets[0].id)
    )


def other_text_name(name: str) -> bool:
    """`query_string`, `sql_query`, `subject`: a name saying the text is no HTML."""
    words = set(identifier_words(name))
    return bool(words & _TEXT_KINDS) and not words & _MARKUP_WORDS
