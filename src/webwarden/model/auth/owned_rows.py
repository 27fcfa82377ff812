"""Rows that belong to a user, and the lookups that keep to the current user's (WW731).

Per module: the fields by which model classes point at a user (a Django `ForeignKey` or
`OneToOneField` to the user model, an SQLAlchemy `ForeignKey("users.id")` column or a
`relationship("User")`), the classes that are user models, and the places where the
module looks a model's rows up by the user who asks (`Invoice.objects.filter(owner=
request.user)`, `Book.query.filter_by(user_id=current_user.id)`, `if invoice.owner !=
request.user:`, `request.user.invoice_set.get(pk=pk)`). The project step joins them by
class name: a model is owned when one of its fields points at a user model, and scoped
where some module relates its rows to the current user.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.module import FileContext

OWNED_ROW_FACTS = "owned-rows"

_FOREIGN_KEYS = frozenset({"ForeignKey", "OneToOneField"})
_COLUMNS = frozenset({"Column", "mapped_column"})
_USER_BASES = frozenset({"AbstractUser", "AbstractBaseUser", "UserMixin", "BaseUser"})
_MANAGERS = frozenset({"objects", "_default_manager", "query"})
"""Attributes of a model class through which its rows are looked up."""
_ROW_CALLS = frozenset({"get_object_or_404", "get_list_or_404", "get_or_404", "query", "select"})
"""Calls taking the model as first argument: `get_object_or_404(Invoice, pk=pk)`,
`session.query(Book)`, `select(Book)`, `db.session.get(Book, id)` (through `get`)."""
_MAKERS = frozenset({"create", "bulk_create", "update", "update_or_create", "add", "set"})
"""Calls that make or change rows for a user: `Invoice.objects.create(owner=user)`
gives a user a row, and says nothing of who may look at it."""
_USERISH = ("user", "owner", "author", "creator", "account", "member", "me")
_NOT_RELATED = frozenset({"id", "pk", "is_staff", "is_superuser", "is_authenticated"})


@dataclass(frozen=True, slots=True)
class OwnerField:
    """A field of `model` pointing at `target` (a class name, `AUTH_USER_MODEL`,
    `get_user_model`, or `table:users` for an SQLAlchemy foreign key by table)."""

    model: str
    field: str
    target: str
    related_name: str = ""


@dataclass(frozen=True, slots=True)
class UserScope:
    """A lookup of `model`'s rows by the current user at `line`, through `field` (the
    keyword or attribute relating them, `""` when not known); or, with `model` empty, an
    access of the current user's related manager `related` (`request.user.orders`)."""

    model: str
    line: int
    field: str = ""
    related: str = ""


@dataclass(frozen=True, slots=True)
class OwnedRows:
    """What one module says of rows owned by users."""

    fields: tuple[OwnerField, ...] = ()
    user_classes: tuple[tuple[str, str], ...] = ()
    """(class name, table name or "") of the module's user models."""
    scopes: tuple[UserScope, ...] = ()
    bases: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(class name, the last names of its bases) of the module's classes that have
    bases: a concrete model inherits the owner fields of its abstract one."""


def extract_owned_rows(ctx: FileContext) -> OwnedRows | None:
    """The module's owner fields, user models and user-scoped lookups; None for none."""
    if not any(ctx.mentions(word) for word in ("user", "User", "USER")):
        return None
    fields: list[OwnerField] = []
    users: list[tuple[str, str]] = []
    scopes: list[UserScope] = []
    bases: list[tuple[str, tuple[str, ...]]] = []
    # NOTE: the engine's node index, in source order; a walk of each module cost more than
    # the rest of this extractor.
    for node in sorted(ctx.nodes(ast.ClassDef), key=_position):
        assert isinstance(node, ast.ClassDef)  # noqa: S101 - asked by type
        fields.extend(_owner_fields(node))
        named = tuple(n for n in (last_name(b) for b in node.bases) if n)
        if named and named[0] not in {"Model", "object"}:
            bases.append((node.name, named))
        if any(last_name(b) in _USER_BASES for b in node.bases) or node.name == "User":
            users.append((node.name, _table(node)))
    hits: list[tuple[tuple[int, int], list[UserScope]]] = []
    for node in ctx.nodes(ast.Call, ast.Compare, ast.Attribute):
        if isinstance(node, ast.Call):
            found = _scoped_call(ctx, node)
        elif isinstance(node, ast.Compare):
            found = _scoped_compare(ctx, node)
        elif (
            isinstance(node, ast.Attribute)
            and _is_current_user(node.value)
            and node.attr not in _NOT_RELATED
            and not node.attr.startswith("is_")
        ):
            found = [UserScope("", node.lineno, related=node.attr)]
        else:
            continue
        if found:
            hits.append((_position(node), found))
    scopes = [scope for _, found in sorted(hits, key=lambda hit: hit[0]) for scope in found]
    if not (fields or users or scopes):
        return None
    return OwnedRows(tuple(fields), tuple(users), tuple(dict.fromkeys(scopes)), tuple(bases))


def _position(node: ast.AST) -> tuple[int, int]:
    return node.lineno, node.col_offset  # type: ignore[attr-defined]


def last_name(node: ast.expr) -> str:
    """`models.ForeignKey` -> `ForeignKey`; `get_user_model()` -> `get_user_model`;
    `"auth.User"` -> `User`; "" for anything else."""
    if isinstance(node, ast.Call):
        return last_name(node.func)
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.rpartition(".")[2]
    return ""


def current_user(node: ast.AST) -> bool:
    """Whether the expression is or reads the user who asks: `request.user`,
    `self.request.user`, `current_user`, `g.user`, `info.context.user`."""
    return any(_is_current_user(inner) for inner in ast.walk(node))


def _is_current_user(node: ast.AST) -> bool:
    if isinstance(node, ast.Name):
        return node.id in {"current_user", "current_identity"}
    return (
        isinstance(node, ast.Attribute)
        and node.attr in {"user", "current_user"}
        and last_name(node.value) in {"request", "g", "context", "_request"}
    )


def _table(node: ast.ClassDef) -> str:
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in statement.targets)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            return statement.value.value
    return ""


def _owner_fields(node: ast.ClassDef) -> list[OwnerField]:
    """The class body's fields pointing at another model: Django foreign keys by their
    target's last name, SQLAlchemy columns by `table:<name>`, relationships by class."""
    found: list[OwnerField] = []
    for statement in node.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            continue
        if not isinstance(target, ast.Name) or not isinstance(value, ast.Call):
            continue
        called = last_name(value.func)
        keywords = {k.arg: k.value for k in value.keywords if k.arg}
        related = keywords.get("related_name") or keywords.get("back_populates")
        related_name = related.value if isinstance(related, ast.Constant) else ""
        related_name = related_name if isinstance(related_name, str) else ""
        if called in _FOREIGN_KEYS:
            pointed = value.args[0] if value.args else keywords.get("to")
            if pointed is not None and not _is_column(value):
                found.append(OwnerField(node.name, target.id, last_name(pointed), related_name))
                continue
        if called in _COLUMNS or called in _FOREIGN_KEYS:
            for inner in ast.walk(value):
                if isinstance(inner, ast.Call) and last_name(inner.func) == "ForeignKey":
                    pointed = inner.args[0] if inner.args else None
                    if isinstance(pointed, ast.Constant) and isinstance(pointed.value, str):
                        table = pointed.value.partition(".")[0]
                        found.append(OwnerField(node.name, target.id, f"table:{table}"))
        elif called == "relationship" and value.args:
            found.append(OwnerField(node.name, target.id, last_name(value.args[0]), related_name))
    return found


def _is_column(call: ast.Call) -> bool:
    """`ForeignKey("users.id")` is SQLAlchemy's: its argument names a table column."""
    first = call.args[0] if call.args else None
    return (
        isinstance(first, ast.Constant)
        and isinstance(first.value, str)
        and (first.value.endswith(".id") or first.value.count(".") > 1)
    )


def lookup_model(call: ast.Call) -> str | None:
    """The model class whose rows the call (or the queryset chain it ends) looks up:
    `Invoice.objects.filter(...)`, `Book.query.filter_by(...)`, `get_object_or_404(Invoice,
    ...)`, `db.session.get(Book, ...)`, `session.query(Book)...`, `select(Book).where(...)`."""
    node: ast.expr = call
    while True:
        if isinstance(node, ast.Call):
            name = last_name(node.func)
            if name in _ROW_CALLS or (
                name == "get" and last_name(getattr(node.func, "value", node)) == "session"
            ):
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Call):
                    return lookup_model(first)
                if isinstance(first, ast.Name | ast.Attribute) and last_name(first)[:1].isupper():
                    return last_name(first)
            node = node.func
        elif isinstance(node, ast.Attribute):
            if node.attr in _MANAGERS and isinstance(node.value, ast.Name | ast.Attribute):
                model = last_name(node.value)
                return model if model[:1].isupper() else None
            node = node.value
        else:
            return None


def _userish(ctx: FileContext, value: ast.expr) -> bool:
    """Whether the value is the current user, or a name or attribute named for a user
    (`user`, `owner`, `self.user`), or a local bound to the current user."""
    if current_user(value):
        return True
    if isinstance(value, ast.Name):
        bound = ctx.lookup(value)
        if bound is not None and current_user(bound):
            return True
    name = last_name(value).lower() if isinstance(value, ast.Name | ast.Attribute) else ""
    return any(name == w or name.endswith(f"_{w}") for w in _USERISH)


_TEXT_MATCHES = frozenset(
    {"contains", "icontains", "startswith", "istartswith", "endswith", "iendswith"}
    | {"regex", "iregex", "search", "trigram_similar", "unaccent"}
)
"""Django lookups that match text (`user__name__contains=user`): a search among every
user's rows by part of a name, which keeps to no one's, not a test of who owns a row."""


def _text_match(lookup: str) -> bool:
    return lookup.rpartition("__")[2] in _TEXT_MATCHES


def _scoped_call(ctx: FileContext, call: ast.Call) -> list[UserScope]:
    """A lookup of a model by a keyword or comparison whose value is a user."""
    func = call.func
    if not isinstance(func, ast.Attribute | ast.Name):
        return []
    if last_name(func) in _MAKERS:
        return []
    model = lookup_model(call)
    if model is None:
        return []
    for keyword in call.keywords:
        if keyword.arg and not _text_match(keyword.arg) and _userish(ctx, keyword.value):
            return [UserScope(model, call.lineno, keyword.arg)]
    for argument in call.args:
        if isinstance(argument, ast.Compare):
            found = _compared_field(ctx, argument)
            if found is not None:
                return [UserScope(model, call.lineno, found[1])]
    return []


def _compared_field(ctx: FileContext, node: ast.Compare) -> tuple[ast.expr, str] | None:
    """(the holder, the field) of `holder.field == <a user>` (either side, `!=` too)."""
    if len(node.comparators) != 1 or not isinstance(node.ops[0], ast.Eq | ast.NotEq | ast.Is):
        return None
    for side, other in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
        if isinstance(side, ast.Attribute) and _userish(ctx, other) and not current_user(side):
            holder: ast.expr = side
            field = side.attr
            if field in {"id", "pk"} and isinstance(side.value, ast.Attribute):
                holder, field = side.value, side.value.attr
            if isinstance(holder, ast.Attribute):
                return holder.value, field
    return None


def _scoped_compare(ctx: FileContext, node: ast.Compare) -> list[UserScope]:
    """`if invoice.owner != request.user:` where `invoice` is bound to a lookup of a
    model: the module relates that model's rows to the current user."""
    found = _compared_field(ctx, node)
    if found is None or not isinstance(found[0], ast.Name):
        return []
    bound = ctx.lookup(found[0])
    model = lookup_model(bound) if isinstance(bound, ast.Call) else None
    return [] if model is None else [UserScope(model, node.lineno, found[1])]
