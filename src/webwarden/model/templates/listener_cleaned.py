"""Columns a SQLAlchemy attribute event fills with HTML it cleaned.

A template writes `{{ post.body_html|safe }}` where the models module declares

    class Post(db.Model):
        body = db.Column(db.Text)
        body_html = db.Column(db.Text)

        @staticmethod
        def on_changed_body(target, value, oldvalue, initiator):
            target.body_html = bleach.clean(markdown(value), tags=ALLOWED, strip=True)

    db.event.listen(Post.body, "set", Post.on_changed_body)

(or a function under `@event.listens_for(Post.body, "set")`). SQLAlchemy calls the
listener whenever `body` is set, the constructor's keywords too, and the listener writes
`body_html` anew from what the sanitiser kept. Only an assignment of the listener's own
body (not under an `if`, a loop or a `try`) to an attribute of its first parameter, the
instance, is taken, and only when no other assignment of the listener sets that
attribute. A bulk `query.update(...)` or a Core `insert()` skips attribute events, and
code setting the HTML column itself is not looked for (the column is the listener's to
fill, as a validator's is its own): neither is followed.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator

from webwarden.model.module import FileContext
from webwarden.model.templates.markup_methods import cleaned_html
from webwarden.model.tree import walk

_Function = ast.FunctionDef | ast.AsyncFunctionDef
_REGISTRARS = frozenset({"event.listen", "event.listens_for"})
"""`sqlalchemy.event.listen(...)` and `@event.listens_for(...)`, also as Flask-SQLAlchemy's
`db.event` (its `db` carries SQLAlchemy's names)."""
_SET = "set"
"""The attribute event SQLAlchemy fires when a scalar attribute is set."""


def listener_cleaned(ctx: FileContext, cleaning: Collection[str] = ()) -> dict[int, frozenset[str]]:
    """The module's top-level classes, by `id()`, with the attributes a `"set"` listener registered on
    one of their attributes fills with cleaned or escaped HTML (`cleaning` names the
    module's functions that return such HTML)."""
    if not ctx.holds("listen"):
        return {}
    classes = {node.name: node for node in ctx.tree.body if isinstance(node, ast.ClassDef)}
    found: dict[int, set[str]] = {}
    for call in ctx.nodes(ast.Call):
        if not isinstance(call, ast.Call):
            continue
        registered = _registration(ctx, call, classes)
        if registered is not None:
            owner, listener = registered
            found.setdefault(id(owner), set()).update(_cleaned_members(listener, cleaning))
    return {owner: frozenset(names) for owner, names in found.items() if names}


def _registration(
    ctx: FileContext, call: ast.Call, classes: dict[str, ast.ClassDef]
) -> tuple[ast.ClassDef, _Function] | None:
    """(the class, the listener) of `event.listen(Post.body, "set", listener)` or of
    `@event.listens_for(Post.body, "set")` over a function, when `Post` is a class of the
    module and the listener a function of it or a method of that class."""
    name = ctx.call_name(call) or ""
    registrar = ".".join(name.split(".")[-2:])
    if registrar not in _REGISTRARS or len(call.args) < 2:
        return None
    target, identifier = call.args[0], call.args[1]
    if not (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id in classes
        and ctx.evaluate(identifier) == _SET
    ):
        return None
    owner = classes[target.value.id]
    if registrar == "event.listens_for":
        decorated = ctx.parent(call)
        if isinstance(decorated, _Function) and call in decorated.decorator_list:
            return owner, decorated
        return None
    listener = _listener(ctx, call.args[2] if len(call.args) > 2 else None, classes)
    return None if listener is None else (owner, listener)


def _listener(
    ctx: FileContext, node: ast.expr | None, classes: dict[str, ast.ClassDef]
) -> _Function | None:
    """The function `event.listen` is handed: one of the module (`render_body`) or a
    method of one of its classes (`Post.on_changed_body`)."""
    if isinstance(node, ast.Name):
        return ctx.module_function(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        owner = classes.get(node.value.id)
        methods = [s for s in owner.body if isinstance(s, _Function)] if owner else []
        return next((m for m in reversed(methods) if m.name == node.attr), None)
    return None


def _cleaned_members(listener: _Function, cleaning: Collection[str]) -> Iterator[str]:
    """The attributes of the listener's instance (its first parameter) that a statement
    of its own body sets to cleaned HTML, and that no other assignment of it sets."""
    params = [*listener.args.posonlyargs, *listener.args.args]
    if not params:
        return
    instance = params[0].arg
    cleaned = {
        member
        for statement in listener.body
        if isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and (member := _member(statement.targets[0], instance)) is not None
        and cleaned_html(statement.value, cleaning)
    }
    for node in walk(listener):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for part in walk(target):
                    member = _member(part, instance)
                    clean = node.value is not None and cleaned_html(node.value, cleaning)
                    if member is not None and not (isinstance(node, ast.Assign) and clean):
                        cleaned.discard(member)
    yield from cleaned


def _member(target: ast.AST, instance: str) -> str | None:
    """`body_html` of `target.body_html`, when `target` is the listener's instance."""
    if (
        isinstance(target, ast.Attribute)
        and isinstance(target.value, ast.Name)
        and target.value.id == instance
    ):
        return target.attr
    return None
