"""WW1100: a GraphQL endpoint that serves an in-browser IDE (GraphiQL) in production."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.module import FileContext
from webwarden.model.roles import role_of, role_of_branch
from webwarden.rules.base import PythonRule

_LIBRARIES = ("graphene_django", "flask_graphql", "graphql_server", "strawberry", "ariadne")
"""Packages whose views serve GraphiQL when told to (graphene-django, flask-graphql,
graphql-server, strawberry, Ariadne)."""
_EXPLORERS = frozenset({"ExplorerGraphiQL", "ExplorerPlayground", "ExplorerApollo"})
"""Ariadne's explorers that serve an IDE (`ExplorerHttp405` serves none)."""
_STRAWBERRY_VIEWS = frozenset({"GraphQLView", "AsyncGraphQLView", "GraphQL", "GraphQLRouter"})
"""Strawberry's views and apps, whose `graphql_ide` is `"graphiql"` unless told otherwise."""
_ARIADNE_APPS = frozenset({"ariadne.asgi.GraphQL", "ariadne.wsgi.GraphQL"})
"""Ariadne's apps, which serve `ExplorerGraphiQL` when handed no explorer (or None)."""
_IDE_KEYWORDS = frozenset({"graphiql", "graphql_ide"})


def _graphql_view(name: str | None) -> bool:
    """Whether `name` (a callee) builds a GraphQL view: `GraphQLView.as_view`,
    `GraphQLView(...)` or Ariadne's `GraphQL(...)`, of a known library or a class named so."""
    if name is None:
        return False
    view = name.removesuffix(".as_view")
    last = view.rpartition(".")[2]
    return view.startswith(_LIBRARIES) or last.endswith("GraphQLView")


def _ide_flag(ctx: FileContext, keyword: ast.keyword) -> str | None:
    """The literal flag turning an IDE on (`graphiql=True`, `graphql_ide="graphiql"`,
    `explorer=ExplorerGraphiQL()`); None for a value the deployment chooses."""
    value = keyword.value
    if keyword.arg == "graphiql" and isinstance(value, ast.Constant) and value.value is True:
        return "graphiql=True"
    ide = value.value if isinstance(value, ast.Constant) else None
    if keyword.arg == "graphql_ide" and isinstance(ide, str) and ide:
        return f'graphql_ide="{ide}"'
    if keyword.arg == "explorer" and isinstance(value, ast.Call):
        explorer = (ctx.call_name(value) or "").rpartition(".")[2]
        if explorer in _EXPLORERS:
            return f"explorer={explorer}()"
    return None


def _default_ide(name: str, node: ast.Call) -> str | None:
    """The IDE a strawberry view or an Ariadne app serves when the call leaves it unsaid:
    strawberry's `graphql_ide` is "graphiql" by default, and Ariadne falls back to
    GraphiQL for a missing or empty `explorer`."""
    given = {keyword.arg for keyword in node.keywords}
    if None in given:
        return None  # NOTE: `**options` may say otherwise.
    view = name.removesuffix(".as_view")
    if view.startswith("strawberry.") and view.rpartition(".")[2] in _STRAWBERRY_VIEWS:
        return None if given & _IDE_KEYWORDS else '`graphql_ide="graphiql"`, its default'
    if view in _ARIADNE_APPS:
        explorer = next((k.value for k in node.keywords if k.arg == "explorer"), None)
        empty = explorer is None or (isinstance(explorer, ast.Constant) and not explorer.value)
        return "`ExplorerGraphiQL`, its default explorer" if empty else None
    return None


def _explorer_page(ctx: FileContext, node: ast.Call) -> str | None:
    """`ExplorerGraphiQL().html(None)`: an Ariadne explorer's page made for a view to serve
    (Ariadne's way with Flask), also of an explorer bound once to a name."""
    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr == "html"):
        return None
    made = ctx.lookup(func.value) if isinstance(func.value, ast.Name) else func.value
    if not isinstance(made, ast.Call):
        return None
    explorer = ctx.call_name(made) or ""
    if explorer.startswith("ariadne.") and explorer.rpartition(".")[2] in _EXPLORERS:
        return f"`{explorer.rpartition('.')[2]}().html()`"
    return None


def _development_branch(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `node` sits in the body of an `if` taken in development or tests only
    (`if settings.DEBUG:`, `if TESTING:`)."""
    child, holder = node, ctx.parent(node)
    while holder is not None:
        if (
            isinstance(holder, ast.If)
            and child in holder.body
            and role_of_branch(f"`{ast.unparse(holder.test)}`").is_development
        ):
            return True
        child, holder = holder, ctx.parent(holder)
    return False


class GraphqlIdeServed(PythonRule):
    """## What it does
    Finds a GraphQL view built with its in-browser IDE switched on by a literal flag:
    graphene-django's and flask-graphql's (graphql-server's) `GraphQLView.as_view(...,
    graphiql=True)`, also wrapped (`csrf_exempt(...)`) or in a project subclass named
    `...GraphQLView`; strawberry's `graphiql=True` or `graphql_ide="graphiql"` (any IDE
    name); Ariadne's `GraphQL(schema, explorer=ExplorerGraphiQL())` (or the Playground or
    Apollo explorer). Also where the IDE is the default the call leaves alone: a strawberry
    view or app given no `graphql_ide` or `graphiql` (its default is GraphiQL), an Ariadne
    `GraphQL` app given no explorer (it falls back to GraphiQL), and an Ariadne explorer's
    page made for a view to serve (`ExplorerGraphiQL().html(None)`, Ariadne's way with
    Flask); not a call handing on `**options`, which may turn it off. A flag the deployment chooses (`graphiql=settings.DEBUG`) is not
    reported, nor a view built under `if settings.DEBUG:` (or a test switch), in test code,
    or in a module named for development (`urls_dev.py`, `settings/local.py`).

    ## Why is this bad?
    GraphiQL lets anyone who opens the endpoint in a browser read the whole schema (every
    type, field, argument and mutation, with their descriptions) and try queries with
    completion. It is the reconnaissance an attacker starts with: hidden or internal
    fields, admin mutations and object identifiers to probe for missing authorisation.
    The OWASP GraphQL Cheat Sheet asks for GraphiQL and introspection to be off in
    production. Severity is low: the IDE discloses the API and grants no access the
    endpoint does not already give.

    ## Known problems
    Introspection left on (a schema without a `DisableIntrospection` validation rule or
    extension) is not reported: it is a judgement on what the whole project lacks, and
    the IDE flag is the precise sign of it.

    ## Example
    ```python
    from django.urls import path
    from graphene_django.views import GraphQLView

    urlpatterns = [path("graphql", GraphQLView.as_view(graphiql=True))]
    ```

    ## Fix
    ```python
    from django.conf import settings
    from django.urls import path
    from graphene_django.views import GraphQLView

    urlpatterns = [path("graphql", GraphQLView.as_view(graphiql=settings.DEBUG))]
    ```

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [OWASP GraphQL Cheat Sheet: introspection and GraphiQL](https://cheatsheetseries.owasp.org/cheatsheets/GraphQL_Cheat_Sheet.html#introspection-graphiql)
    - [graphene-django: GraphiQL](https://docs.graphene-python.org/projects/django/en/latest/installation/)
    """

    code = "WW1100"
    name = "graphql-ide-served"
    practice = Practice.AUDITING
    severity = Severity.LOW
    confidence = Confidence.HIGH
    cwe = 200
    message = (
        "GraphQL view serves an in-browser IDE ({flag}): anyone can read the schema "
        "and try queries from the browser"
    )
    fix = (
        "serve the IDE in development only (`graphiql=settings.DEBUG`; strawberry"
        " `graphql_ide=None`, Ariadne `explorer=ExplorerHttp405()`) and disable introspection"
    )
    mentions = (("graphiql", "graphql_ide", "explorer", "Explorer", "strawberry", "ariadne"),)

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        name = ctx.call_name(node)
        if _graphql_view(name):
            flags = [f"`{flag}`" for keyword in node.keywords if (flag := _ide_flag(ctx, keyword))]
            default = _default_ide(name or "", node) if not flags else None
            flags += [default] if default else []
        else:
            page = _explorer_page(ctx, node)
            flags = [page] if page else []
        if not flags:
            return
        if role_of(ctx.module, relpath=ctx.relpath).is_development:
            return
        if _development_branch(ctx, node):
            return
        yield self.finding(ctx, node, flag=flags[0])
