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
an `int` URL converter's value; `ID` and `String` are text. Nor does an enum's: graphene
hands the resolver the value the schema gives the name the client chose. An input object
(`graphene.InputObjectType`) holds the fields its class declares, and a resolver's
`**kwargs` the arguments its field declares: the client chooses their values, never
their keys. A resolver a decorator of the project's wraps may be handed more by it
(`func(root, info, manager, **kwargs)`): a parameter its field does not declare is the
decorator's, not the client's.

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


_INPUT_OBJECTS = ("graphene.InputObjectType", "graphene.types.inputobjecttype.")
_ENUMS = ("graphene.Enum", "graphene.types.enum.")
_PAGING = frozenset({"before", "after", "first", "last"})
"""The arguments a relay connection field adds to those it is declared with."""
_MAX_NESTING = 2
"""Levels of declared keys followed (a resolver's `**kwargs`, then an input object's);
deeper input objects keep their keys but not what each holds."""


@dataclass(frozen=True, slots=True)
class Argument:
    """What a client's argument may hold: no text of the client's (`carries` false), or
    text; when `keys` is not None, under keys the schema declares, each holding what its
    own `Argument` says (a key not listed, one declared where webwarden cannot see it)."""

    carries: bool = True
    keys: tuple[tuple[str, Argument], ...] | None = None


_TEXT = Argument()
_NO_TEXT = Argument(carries=False)


@dataclass(frozen=True, slots=True)
class Resolver:
    """What a resolver's parameters are: the `info` one (or "") and the client's
    arguments, as (parameter, what it may hold)."""

    info: str
    arguments: tuple[tuple[str, Argument], ...]


def resolver(index: IndexView, function: ir.Function) -> Resolver | None:
    """The resolver `function` is, or None when no GraphQL library calls it."""
    found = _graphene_method(index, function) or _field_resolver(index, function)
    if found is not None:
        return found
    if any(decorator in _STRAWBERRY for decorator in function.decorators):
        names = [p.name for p in function.params if p.name not in _STRAWBERRY_SPECIAL]
        info = "info" if any(p.name == "info" for p in function.params) else ""
        return Resolver(info, tuple((name, _TEXT) for name in names))
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
        declared = _field_arguments(index, owner, name[8:])
    else:
        declared = _mutation_arguments(index, owner)
    return _after_info(function, skip, _typed(index, declared, 1), _wrapped(index, function))


def _field_resolver(index: IndexView, function: ir.Function) -> Resolver | None:
    """A function given as the `resolver=` of a graphene type's field."""
    if function.kind not in {"function", "staticmethod"}:
        return None
    field = index.resolved_field(function.qualname)
    if field is None or not index.inherits(field[0], GRAPHQL_LIBRARIES):
        return None
    declared = _typed(index, _field_arguments(index, *field), 1)
    return _after_info(function, 0, declared, _wrapped(index, function))


def _after_info(
    function: ir.Function,
    skip: int,
    declared: dict[str, Argument] | None = None,
    wrapped: bool = False,
    root: int = 1,
) -> Resolver:
    """The parameters after (root, info), `skip` positional ones before them (after `info`
    alone with `root=0`: a relay node's `get_node(cls, info, id)`). With the arguments
    `declared` (graphene's), a `**kwargs` holds them by name; and when the project's own
    decorator wraps the resolver (`wrapped`), a parameter the field does not declare (nor
    a relay connection's paging) is one the decorator hands in, not the client."""
    positional = [p.name for p in function.params if p.kind == "pos"][skip:]
    info = positional[root] if len(positional) > root else ""
    named = positional[root + 1 :] + [p.name for p in function.params if p.kind == "kwonly"]
    default = _NO_TEXT if wrapped and declared else _TEXT
    found = [
        (name, (declared or {}).get(name, _TEXT if name in _PAGING else default)) for name in named
    ]
    for param in function.params:
        if param.kind == "kwarg":
            keys = None if declared is None else tuple(declared.items())
            found.append((param.name, Argument(keys=keys)))
    return Resolver(info, tuple(found))


def _wrapped(index: IndexView, function: ir.Function) -> bool:
    """Whether a decorator of the project's own wraps the resolver: graphene hands it the
    client's arguments by the names the field declares, the decorator may add its own
    (`@with_manager` calling `func(root, info, manager, **kwargs)`)."""
    return any((index.resolve(name) or name) in index.functions for name in function.decorators)


def _typed(index: IndexView, declared: dict[str, str], depth: int) -> dict[str, Argument]:
    """What each argument (or input field) of these declared types may hold."""
    return {name: _argument(index, kind, depth) for name, kind in declared.items()}


def _argument(index: IndexView, kind: str, depth: int) -> Argument:
    """What an argument of the declared type `kind` may hold."""
    if kind.startswith(GRAPHQL_LIBRARIES):
        return _NO_TEXT if kind.rsplit(".", 1)[-1] in GRAPHQL_SCALARS else _TEXT
    owner = index.resolve(kind) or kind
    if index.inherits(owner, _ENUMS):
        return _NO_TEXT
    if not index.inherits(owner, _INPUT_OBJECTS):
        return _TEXT
    if depth >= _MAX_NESTING:
        return Argument(keys=())
    return Argument(keys=tuple(_typed(index, _input_fields(index, owner), depth + 1).items()))


def _input_fields(index: IndexView, owner: str) -> dict[str, str]:
    """field -> type of an input object's class body (and its bases')."""
    found: dict[str, str] = {}
    for cls in reversed(index.mro(owner)):
        definition = index.classes.get(cls)
        if definition is not None:
            found.update((*definition.refs, *definition.fields))
    return found


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
