"""Classes of the project's own that add view classes as an `Api` does (`add_resource`)."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from webwarden.model.flask.references import Namer
from webwarden.model.tree import name_attribute

ResourceAdder = tuple[str, str | None]
"""(class reference, the URL prefix of the blueprint it adds its rules to, if known)."""


def resource_adders(
    namer: Namer, classes: Sequence[ast.ClassDef], blueprint_classes: frozenset[str]
) -> tuple[ResourceAdder, ...]:
    """The module's classes whose `add_resource(self, resource, *urls)` registers
    `resource.as_view(...)` with `add_url_rule`: a project's own API object over Flask's
    `MethodView` (one that also writes each resource's OpenAPI operations), made as
    `api = Service(app)` and used as Flask-RESTful's `Api` is. With the `url_prefix` of
    the blueprint its `__init__` makes, when it adds the rules to that one."""
    found: list[ResourceAdder] = []
    for node in classes:
        method = _method(node, "add_resource")
        if method is None or len(method.args.args) < 2 or method.args.args[0].arg != "self":
            continue
        resource = method.args.args[1].arg
        calls = [c for c in ast.walk(method) if isinstance(c, ast.Call)]
        if not any(_as_view_of(call, resource) for call in calls):
            continue
        adds = [c for c in calls if _method_name(c) == "add_url_rule"]
        if not adds:
            continue
        found.append((namer.function_ref(node), _prefix(namer, node, adds, blueprint_classes)))
    return tuple(found)


def _method(node: ast.ClassDef, name: str) -> ast.FunctionDef | None:
    return next((s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == name), None)


def _method_name(call: ast.Call) -> str | None:
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def _as_view_of(call: ast.Call, resource: str) -> bool:
    """`resource.as_view(...)`, the parameter's class made a view function."""
    return name_attribute(call.func, resource, "as_view")


def _prefix(
    namer: Namer, node: ast.ClassDef, adds: list[ast.Call], blueprint_classes: frozenset[str]
) -> str | None:
    """The `url_prefix` of the blueprint `__init__` binds to `self.<name>` when every rule
    goes to `self.<name>` (`self.blueprint = Blueprint("api", __name__, url_prefix="/api")`)."""
    owners = {_self_owner(add) for add in adds}
    init = _method(node, "__init__")
    (owner,) = owners if len(owners) == 1 else (None,)
    if owner is None or init is None:
        return None
    for statement in ast.walk(init):
        if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
            continue
        if not any(name_attribute(target, "self", owner) for target in statement.targets):
            continue
        if namer.ctx.call_name(statement.value) not in blueprint_classes:
            return None
        prefix = namer.ctx.evaluate(namer.ctx.keyword(statement.value, "url_prefix"))
        return prefix if isinstance(prefix, str) and prefix else None
    return None


def _self_owner(add: ast.Call) -> str | None:
    """`blueprint` for `self.blueprint.add_url_rule(...)`; None for any other owner."""
    owner = add.func.value if isinstance(add.func, ast.Attribute) else None
    if isinstance(owner, ast.Attribute) and name_attribute(owner, "self", owner.attr):
        return owner.attr
    return None
