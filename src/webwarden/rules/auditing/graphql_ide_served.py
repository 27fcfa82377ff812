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
    Apollo explorer). A flag the deployment chooses (`graphiql=settings.DEBUG`) is not
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
        "GraphQL view serves an in-browser IDE (`{flag}`): anyone can read the schema "
        "and try queries from the browser"
    )
    fix = "pass `graphiql=settings.DEBUG` (or leave the IDE off) and disable introspection in production"
    keyword_calls_only = True
    mentions = (("graphiql", "graphql_ide", "explorer"),)

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not _graphql_view(ctx.call_name(node)):
            return
        flags = [flag for keyword in node.keywords if (flag := _ide_flag(ctx, keyword))]
        if not flags or ctx.is_test_file:
            return
        if role_of(ctx.module, relpath=ctx.relpath).is_development:
            return
        if _development_branch(ctx, node):
            return
        yield self.finding(ctx, node, flag=flags[0])
