"""Password model fields, writes of request data into them, and password hashing calls."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.analysis.secrets import is_password_name
from webwarden.model.auth.evidence import HASHING_METHODS, HASHING_OBJECTS
from webwarden.model.auth.facts import PasswordField, PasswordWrite
from webwarden.model.module import FileContext

_FIELD_CALLS = frozenset(
    {"CharField", "TextField", "Column", "mapped_column", "StringField", "String", "Field"}
)
_MODEL_BASES = frozenset({"Model", "Base", "DeclarativeBase", "Document", "SQLModel"})
_MANAGED = frozenset({"AbstractBaseUser", "AbstractUser", "User"})
_REQUEST_PARTS = frozenset({"form", "json", "args", "values", "POST", "GET", "data", "get_json"})
_WRITE_CALLS = frozenset({"create", "update", "get_or_create", "update_or_create", "insert"})


def _last(name: str | None) -> str:
    return (name or "").rpartition(".")[2]


def _callee(node: ast.expr | None) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return ""


def password_fields(ctx: FileContext) -> Iterator[PasswordField]:
    """Password-named fields of model classes that do not manage passwords themselves."""
    for node in ctx.nodes(ast.ClassDef):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {_last(ctx.qualified(b) or ast.unparse(b)) for b in node.bases}
        if not bases & _MODEL_BASES or bases & _MANAGED:
            continue
        for statement in node.body:
            target = value = None
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign):
                target, value = statement.target, statement.value
            named = isinstance(target, ast.Name) and is_password_name(target.id)
            if named and isinstance(target, ast.Name) and _callee(value) in _FIELD_CALLS:
                yield PasswordField(node.name, target.id, ctx.location(statement))


def _request_data(ctx: FileContext, node: ast.AST | None, depth: int = 0) -> str | None:
    """`request.form["password"]`, `form.password.data`, `data["password"]` from a request
    (following names assigned once, a few steps back)."""
    if node is None or depth > 3:
        return None
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and _callee(inner) in HASHING_METHODS:
            return None
    for inner in ast.walk(node):
        if isinstance(inner, ast.Attribute) and _from_request(ctx, inner):
            return ast.unparse(node)
        if isinstance(inner, ast.Name) and _request_data(ctx, ctx.lookup(inner), depth + 1):
            return ast.unparse(node)
    return None


def _from_request(ctx: FileContext, node: ast.Attribute) -> bool:
    root = ctx.qualified(node.value) or ast.unparse(node.value)
    if node.attr in _REQUEST_PARTS and _last(root) == "request":
        return True
    if node.attr == "data" and isinstance(node.value, ast.Attribute):
        return is_password_name(node.value.attr)
    return node.attr == "cleaned_data"


def raw_writes(ctx: FileContext) -> Iterator[PasswordWrite]:
    """`user.password = request.form["password"]`, `User(password=request.json[...])`."""
    for node in ctx.nodes(ast.Assign, ast.Call):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Attribute) and is_password_name(target.attr):
                source = _request_data(ctx, node.value)
                if source is not None:
                    yield PasswordWrite(ast.unparse(target), source, ctx.location(node))
        elif isinstance(node, ast.Call) and node.keywords:
            name = _callee(node)
            if name in _WRITE_CALLS or name[:1].isupper():
                for keyword in node.keywords:
                    if keyword.arg and is_password_name(keyword.arg):
                        source = _request_data(ctx, keyword.value)
                        if source is not None:
                            where = ctx.location(keyword.value)
                            yield PasswordWrite(f"{name}({keyword.arg}=...)", source, where)


def hashes_passwords(ctx: FileContext) -> bool:
    """Whether the module calls a password hashing API or imports a hashing library."""
    if any(
        qualified == prefix or qualified.startswith(prefix + ".")
        for qualified in ctx.names.aliases.values()
        for prefix in (*HASHING_OBJECTS, "flask_bcrypt", "argon2", "passlib")
    ):
        return True
    return any(
        isinstance(node, ast.Call) and _callee(node) in HASHING_METHODS
        for node in ctx.nodes(ast.Call)
    )
