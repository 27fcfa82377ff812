"""`flask.config.Config` objects the project makes itself and hands whole to an app.

`config = flask.config.Config(root, flask.Flask.default_config)`, then
`config.from_object("pkg.default_config")`, returned by a loader and assigned as
`app.config = config`: the keys the object is given are the app's config, as if they were
set on `app.config` itself (a `replace` op naming the object, see `ConfigOp`)."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import ConfigOp
from webwarden.model.flask.references import Namer
from webwarden.model.scopes import CHANGED_BINDING

CONFIG_CLASSES = frozenset({"flask.config.Config", "flask.Config"})
"""Flask's config class, a `dict` that loads keys as `app.config` does."""


def made_config(namer: Namer, node: ast.expr) -> bool:
    """Whether `node` is a name bound to nothing but a `flask.config.Config(...)` the code
    makes (its changes in place aside: `config["UPLOADS"] = ...`)."""
    if not isinstance(node, ast.Name):
        return False
    values = namer.ctx.scopes.values_of(node) or []
    made = [value for value in values if value is not CHANGED_BINDING]
    return (
        len(made) == 1
        and isinstance(made[0], ast.Call)
        and namer.ctx.call_name(made[0]) in CONFIG_CLASSES
    )


def replaced_config(namer: Namer, target: ast.Attribute, value: ast.expr) -> ConfigOp | None:
    """`app.config = shop_config`: the app's config becomes the object the name holds,
    whose config ops are then the app's (opaque: an object webwarden cannot follow may
    hold any key)."""
    if target.attr != "config" or not isinstance(value, ast.Name | ast.Attribute):
        return None
    owner = namer.ref(target.value)
    holder = namer.ref(value)
    if owner is None or holder is None:
        return None
    return ConfigOp(owner, "replace", namer.ctx.location(target), references=(holder,), opaque=True)
