"""Whether a Jinja2 environment renders only text kept under names of another kind."""

from __future__ import annotations

import ast

from webwarden.model.module import identifier_words
from webwarden.rules.context import FileContext

LOADERS = frozenset({"get_template", "select_template", "from_string"})
SETUP_TABLES = frozenset({"filters", "globals", "tests", "policies"})
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
    target = ctx.assigned_name(environment)
    if target is None:
        return False
    scope = ctx.scopes.enclosing_function(environment) or ctx.tree
    renders = 0
    for use in _loads_of(target, scope):
        attribute = ctx.parent(use)
        if not isinstance(attribute, ast.Attribute):
            return False
        if attribute.attr in SETUP_TABLES and isinstance(ctx.parent(attribute), ast.Subscript):
            continue
        loaded = ctx.parent(attribute)
        if attribute.attr not in LOADERS or not isinstance(loaded, ast.Call):
            return False
        found = _text_renders(loaded, scope, ctx)
        if found is None:
            return False
        renders += found
    return renders > 0


def _loads_of(name: str, scope: ast.AST) -> list[ast.Name]:
    return [
        use
        for use in ast.walk(scope)
        if isinstance(use, ast.Name) and use.id == name and isinstance(use.ctx, ast.Load)
    ]


def _text_renders(loaded: ast.Call, scope: ast.AST, ctx: FileContext) -> int | None:
    """How often the template a loader returns is rendered, each time into a name of
    another kind of text, straight (`env.from_string(s).render()`) or through a local
    holding it; None when it is used otherwise."""
    holder = ctx.parent(loaded)
    if isinstance(holder, ast.Attribute):
        return 1 if _kept_as_text(holder, ctx) else None
    if not (
        isinstance(holder, ast.Assign)
        and len(holder.targets) == 1
        and isinstance(holder.targets[0], ast.Name)
    ):
        return None
    uses = _loads_of(holder.targets[0].id, scope)
    for use in uses:
        method = ctx.parent(use)
        if not isinstance(method, ast.Attribute) or not _kept_as_text(method, ctx):
            return None
    return len(uses) or None


def _kept_as_text(method: ast.Attribute, ctx: FileContext) -> bool:
    """`name = template.render(...)` where the name says what other text it is."""
    call = ctx.parent(method)
    if method.attr != "render" or not isinstance(call, ast.Call):
        return False
    holder = ctx.parent(call)
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
