"""Blueprints registered on an app or blueprint, one at a time or in a loop."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import CollectionFact, RegisterFact
from webwarden.model.flask.references import Namer
from webwarden.model.tree import summands

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def register_facts(namer: Namer, call: ast.Call, owner: str) -> list[RegisterFact]:
    """`owner.register_blueprint(bp, url_prefix=..., name=...)`; in a loop (`for bp in
    (users, auth):`, `for bp in blueprints:`, `for bp in BLUEPRINTS + [admin]:`) one
    fact per member of what it goes over, each standing for what that member holds
    should it be a collection (or a parameter given one)."""
    ctx = namer.ctx
    given = ctx.argument(call, 0, "blueprint")
    prefix = ctx.keyword(call, "url_prefix")
    name = ctx.keyword(call, "name")

    def fact(blueprint: str, each: bool = False) -> RegisterFact:
        return RegisterFact(
            owner,
            blueprint,
            None if prefix is None else ctx.evaluate(prefix),
            None if name is None else ctx.evaluate(name),
            ctx.location(call),
            each,
        )

    looped = _loop_over(namer, call, given)
    if looped is not None:
        return [fact(member, each=True) for member in _members(namer, looped)]
    blueprint = namer.ref(given)
    if blueprint is None and isinstance(given, ast.Call):
        # NOTE: `app.register_blueprint(views.construct_blueprint(store))`: the
        # blueprint the factory returns (`FlaskIndex.blueprint_of` follows it).
        made_by = namer.ref(given.func)
        blueprint = None if made_by is None else made_by + "()"
    return [] if blueprint is None else [fact(blueprint)]


def _loop_over(namer: Namer, call: ast.Call, given: ast.expr | None) -> ast.expr | None:
    """What the `for` loop around `call` iterates when its target is the name given."""
    if not isinstance(given, ast.Name):
        return None
    for holder in namer.ctx.ancestors(call):
        if isinstance(holder, _FUNCTIONS):
            return None
        if (
            isinstance(holder, ast.For)
            and isinstance(holder.target, ast.Name)
            and holder.target.id == given.id
        ):
            return holder.iter
    return None


def collection_fact(namer: Namer, ref: str, value: ast.expr) -> CollectionFact | None:
    """`ref = (a, b)`, `[a, b]`, `{a, b}`, `other + (c,)`: the references it holds."""
    if not _collection(value):
        return None
    members = _members(namer, value)
    return CollectionFact(ref, tuple(members)) if members else None


def _collection(value: ast.expr) -> bool:
    """A literal tuple, list or set, or a sum of names and such literals."""
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        return all(isinstance(p, _MEMBER_OR_LITERAL) for p in summands(value))
    return isinstance(value, ast.Tuple | ast.List | ast.Set)


_MEMBER_OR_LITERAL = (ast.Name, ast.Attribute, ast.Tuple, ast.List, ast.Set)


def _members(namer: Namer, value: ast.expr) -> list[str]:
    found = []
    for part in summands(value):
        if isinstance(part, ast.Name | ast.Attribute):
            ref = namer.ref(part)
            found += [] if ref is None else [ref]
        elif isinstance(part, ast.Tuple | ast.List | ast.Set):
            found += _literal_members(namer, part)
    return found


def _literal_members(namer: Namer, value: ast.Tuple | ast.List | ast.Set) -> list[str]:
    found = []
    for element in value.elts:
        inner = element.value if isinstance(element, ast.Starred) else element
        ref = namer.ref(inner) if isinstance(inner, ast.Name | ast.Attribute) else None
        if ref is not None:
            found.append(ref)
    return found
