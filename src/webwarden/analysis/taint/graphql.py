"""GraphQL resolvers: where the arguments a client sends arrive, as parameters.

graphene calls a field's resolver as `resolve_<field>(root, info, **args)`, a method of
the `ObjectType` (or graphene-django `DjangoObjectType`, graphene-sqlalchemy
`SQLAlchemyObjectType`, a relay node) that declares the field; a mutation's
`mutate(root, info, **args)` and a relay `ClientIDMutation`'s
`mutate_and_get_payload(root, info, **input)` likewise, and so a function given as a
field's `resolver=`, and a relay node's `get_node(info, id)` the client's ID. The
parameters after `info` are the client's arguments; `info.context` is the framework's
request (Django's `HttpRequest`, Flask's `request`). An argument declared with a scalar that holds no
text (`graphene.Int`, `Boolean`, `Float`, `Date`, `UUID`, ...) carries no payload, as
an `int` URL converter's value; `ID` and `String` are text.

strawberry passes the arguments of a `@strawberry.field` / `@strawberry.mutation`
resolver to its parameters (not `self`, `root` or `info`); ariadne those of a function
bound with `@query.field("name")` of its `ObjectType` (`QueryType`, `MutationType`)
after `obj` and `info`.
"""

from __future__ import annotations

from dataclasses import dataclass

from webwarden.analysis.taint import ir
from webwarden.analysis.taint.index import IndexView
from webwarden.analysis.taint.specs import GRAPHQL_LIBRARIES, GRAPHQL_SCALARS

_GRAPHENE_MUTATIONS = frozenset({"mutate", "mutate_and_get_payload"})
_ARGUMENT_CLASSES = ("Arguments", "Input")
"""Where a graphene mutation declares its arguments (`Input`: relay and graphene 2)."""
_STRAWBERRY = frozenset(
    {
        *("strawberry.field", "strawberry.mutation", "strawberry.subscription"),
        *("strawberry_django.field", "strawberry_django.mutation"),
        "strawberry.federation.field",
    }
)
_STRAWBERRY_SPECIAL = frozenset({"self", "root", "info"})
_ARIADNE = "ariadne."


@dataclass(frozen=True, slots=True)
class Resolver:
    """What a resolver's parameters are: the `info` one (or "") and the client's
    arguments, as (parameter, may carry a payload)."""

    info: str
    arguments: tuple[tuple[str, bool], ...]


def resolver(index: IndexView, function: ir.Function) -> Resolver | None:
    """The resolver `function` is, or None when no GraphQL library calls it."""
    found = _graphene_method(index, function) or _field_resolver(index, function)
    if found is not None:
        return found
    if any(decorator in _STRAWBERRY for decorator in function.decorators):
        names = [p.name for p in function.params if p.name not in _STRAWBERRY_SPECIAL]
        info = "info" if any(p.name == "info" for p in function.params) else ""
        return Resolver(info, tuple((name, True) for name in names))
    if any(_ariadne_field(index, decorator) for decorator in function.decorators):
        return _after_info(function, skip=0)
    return None


def _graphene_method(index: IndexView, function: ir.Function) -> Resolver | None:
    """A method graphene calls on a type of the schema: a resolver, a mutation or a relay
    node's `get_node`."""
    name, owner = function.name, function.owner
    named = name.startswith("resolve_") or name in _GRAPHENE_MUTATIONS or name == "get_node"
    if not named or not owner or function.kind == "property":
        return None
    if not index.inherits(owner, GRAPHQL_LIBRARIES):
        return None
    skip = 1 if function.kind == "classmethod" else 0
    if name == "get_node":
        return _after_info(function, skip, root=0)
    if name.startswith("resolve_"):
        return _after_info(function, skip, _field_arguments(index, owner, name[8:]))
    return _after_info(function, skip, _mutation_arguments(index, owner))


def _field_resolver(index: IndexView, function: ir.Function) -> Resolver | None:
    """A function given as the `resolver=` of a graphene type's field."""
    if function.kind not in {"function", "staticmethod"}:
        return None
    field = index.resolved_field(function.qualname)
    if field is None or not index.inherits(field[0], GRAPHQL_LIBRARIES):
        return None
    return _after_info(function, 0, _field_arguments(index, *field))


def _after_info(
    function: ir.Function, skip: int, types: dict[str, str] | None = None, root: int = 1
) -> Resolver:
    """The parameters after (root, info), `skip` positional ones before them (after `info`
    alone with `root=0`: a relay node's `get_node(cls, info, id)`)."""
    types = types or {}
    positional = [p.name for p in function.params if p.kind == "pos"][skip:]
    info = positional[root] if len(positional) > root else ""
    rest = [p.name for p in function.params if p.kind != "pos" and p.kind != "vararg"]
    names = positional[root + 1 :] + rest
    return Resolver(info, tuple((name, _carries(types.get(name, ""))) for name in names))


def _carries(kind: str) -> bool:
    """Whether an argument of this declared type may carry text of the client's."""
    return not (kind.startswith(GRAPHQL_LIBRARIES) and kind.rsplit(".", 1)[-1] in GRAPHQL_SCALARS)


def _field_arguments(index: IndexView, owner: str, field: str) -> dict[str, str]:
    """argument -> type of a field the class (or a base) declares with keywords."""
    found: dict[str, str] = {}
    for cls in reversed(index.mro(owner)):
        definition = index.classes.get(cls)
        if definition is not None:
            found.update((arg, kind) for name, arg, kind in definition.arguments if name == field)
    return found


def _mutation_arguments(index: IndexView, owner: str) -> dict[str, str]:
    """argument -> type of a mutation's `Arguments` (or `Input`) class, own or inherited."""
    for cls in index.mro(owner):
        for holder in _ARGUMENT_CLASSES:
            definition = index.classes.get(f"{cls}.{holder}")
            if definition is not None:
                # NOTE: graphene takes a type (`id = graphene.ID`) as well as an instance.
                return dict((*definition.refs, *definition.fields))
    return {}


def _ariadne_field(index: IndexView, decorator: str) -> bool:
    """Whether `decorator` is the `field` of an ariadne `ObjectType` (`@query.field`)."""
    holder, _, method = decorator.rpartition(".")
    if method != "field" or not holder:
        return False
    kind = index.instance_kind(holder)
    return kind is not None and kind.startswith(_ARIADNE)
