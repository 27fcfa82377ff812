"""Which methods of the project's classes return a URL the framework built.

`<a href={{ project.get_absolute_url }}>`, where every `get_absolute_url` of the project
returns `reverse("project", args=[self.pk])`: Django's `reverse()` (and Flask's
`url_for()`) percent-encode what they put in the URL, so the text holds no space or
quote to end an unquoted attribute. Read per class, as `number_fields` reads number
fields: any other attribute of that name (a method building its URL by hand, a field)
may hold anything, and vetoes it. Only names that say they are URLs (`url`,
`get_absolute_url`, `edit_url`) are kept, which is all a template writes into `href`.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext

_BUILDERS = frozenset({"reverse", "reverse_lazy", "resolve_url", "url_for"})
"""The frameworks' URL builders (`django.urls.reverse`, `django.shortcuts.resolve_url`,
`flask.url_for`), by the last part of their name."""


def url_attributes(ctx: FileContext) -> tuple[tuple[str, bool], ...]:
    """(name, whether every `return` gives a built URL) for each attribute named like a
    URL that the classes of the module define; a name defined twice is one only if both
    are."""
    if not ctx.mentions("url"):
        return ()
    found: dict[str, bool] = {}
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            for name, built in _defined(ctx, statement):
                found[name] = found.get(name, True) and built
    return tuple(found.items())


def _defined(ctx: FileContext, statement: ast.stmt) -> list[tuple[str, bool]]:
    """The URL-named attributes `statement` defines, each with whether it returns only
    built URLs (a method's returns are read only when its name says URL)."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
        if not _url_named(statement.name):
            return []
        return [(statement.name, _returns_built_url(ctx, statement))]
    if isinstance(statement, ast.Assign):
        targets = [t.id for t in statement.targets if isinstance(t, ast.Name)]
        return [(name, False) for name in targets if _url_named(name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [(statement.target.id, False)] if _url_named(statement.target.id) else []
    return []


def _url_named(name: str) -> bool:
    return "url" in name.lower()


def _returns_built_url(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    returns = [node for node in ast.walk(function) if isinstance(node, ast.Return)]
    return bool(returns) and all(
        isinstance(r.value, ast.Call)
        and (ctx.call_name(r.value) or "").rsplit(".", 1)[-1] in _BUILDERS
        for r in returns
    )
