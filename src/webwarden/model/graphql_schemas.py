"""The GraphQL schemas a project builds, whether any of them takes mutations, and its
subclasses of the libraries' Django views.

graphene's `Schema(query=Query, mutation=Mutation)` (the second positional argument is the
mutation type) and strawberry's `strawberry.Schema(query=Query, mutation=Mutation)`: a
schema built with neither a `mutation=` nor a `subscription=` type (nor a second
positional argument, nor `**kwargs` that might hold one) answers queries only. The
per-file step records, for each such call in a module, whether it may take mutations;
the project step asks whether the project builds at least one schema and none of them
does (`query_only_schemas`). It also records each module-level class deriving from a
class named `...GraphQLView`, so that a project's `class KeyedView(GraphQLView)` is known
for what it derives from (`graphql_view`).
"""

from __future__ import annotations

import ast

from webwarden.model.facts import EXTRACTORS, FactExtractor
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel

GRAPHQL_SCHEMA_FACTS = "graphql_schemas"
_SCHEMAS = frozenset(
    {
        "graphene.Schema",
        "graphene.types.schema.Schema",
        "strawberry.Schema",
        "strawberry.schema.Schema",
        "strawberry.schema.schema.Schema",
        "strawberry.federation.Schema",
    }
)
_OPERATIONS = frozenset({"mutation", "subscription"})

GRAPHQL_VIEWS = frozenset(
    {
        "graphene_django.views.GraphQLView",
        "strawberry.django.views.GraphQLView",
        "strawberry.django.views.AsyncGraphQLView",
    }
)
_MAX_DEPTH = 8

SchemaFacts = tuple[tuple[bool, ...], tuple[tuple[str, tuple[str, ...]], ...]]
"""For each schema the module builds, whether it may take mutations or subscriptions;
and (class name, qualified bases) of each module-level class with a `...GraphQLView`
base."""


def extract_schemas(ctx: FileContext) -> SchemaFacts | None:
    """Whether each `Schema(...)` call of graphene or strawberry in the module may take
    mutations, and the module's classes deriving from a GraphQL view."""
    if not ctx.mentions("Schema") and not ctx.mentions("GraphQLView"):
        return None
    schemas = tuple(
        _may_mutate(call)
        for call in ctx.by_type.get(ast.Call, ())
        if isinstance(call, ast.Call) and ctx.call_name(call) in _SCHEMAS
    )
    views: list[tuple[str, tuple[str, ...]]] = []
    for statement in ctx.tree.body:
        if not isinstance(statement, ast.ClassDef):
            continue
        bases = tuple(ctx.qualified_here(base) or "" for base in statement.bases)
        if any(base.rsplit(".", 1)[-1].endswith("GraphQLView") for base in bases):
            views.append((statement.name, bases))
    return (schemas, tuple(views)) if schemas or views else None


def _may_mutate(call: ast.Call) -> bool:
    if len(call.args) >= 2 or any(isinstance(a, ast.Starred) for a in call.args):
        return True
    for keyword in call.keywords:
        if keyword.arg is None:
            return True  # NOTE: `**options` may hold a mutation type
        if keyword.arg in _OPERATIONS and not _none(keyword.value):
            return True
    return False


def _none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def query_only_schemas(project: ProjectModel) -> bool:
    """Whether the project builds a GraphQL schema and every one it builds answers
    queries only."""
    built: list[bool] = []
    for summary in project.modules.values():
        facts = summary.facts.get(GRAPHQL_SCHEMA_FACTS)
        if isinstance(facts, tuple):
            built.extend(bool(mutates) for mutates in facts[0])
    return bool(built) and not any(built)


def graphql_view(project: ProjectModel, qualified: str, depth: int = 0) -> bool:
    """Whether `qualified` is graphene-django's or strawberry's Django view, or a class of
    the project deriving from one (through project classes of any module)."""
    if qualified in GRAPHQL_VIEWS:
        return True
    module, _, name = qualified.rpartition(".")
    summary = project.modules_named(module) if module and depth < _MAX_DEPTH else None
    facts = summary.facts.get(GRAPHQL_SCHEMA_FACTS) if summary is not None else None
    if not isinstance(facts, tuple):
        return False
    return any(
        class_name == name and any(graphql_view(project, base, depth + 1) for base in bases)
        for class_name, bases in facts[1]
    )


EXTRACTORS.append(FactExtractor(GRAPHQL_SCHEMA_FACTS, extract_schemas))
