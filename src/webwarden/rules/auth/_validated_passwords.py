"""Whether a form, serializer or view runs password validation on the password it sets (WW758)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.model.imported import Modules, project_class
from webwarden.model.names import last_part
from webwarden.rules.context import FileContext

BASES_TAG = "unseen-bases:"
"""Tags a finding with the password's field and the bases of its class that the module
imports (`password:accounts.forms.EmailMixin`), which the project step reads."""
_VALIDATION_NAMES = frozenset({"validate_password", "password_validation"})
_VALIDATING_BASES = frozenset(
    {"UserCreationForm", "BaseUserCreationForm", "SetPasswordForm", "PasswordChangeForm"}
    | {"AdminPasswordChangeForm"}
)
"""Django's forms (`django.contrib.auth.forms`) that run `validate_password` on the new
password."""
_PLAIN_BASES = frozenset(
    {"django.forms.Form", "django.forms.ModelForm", "django.forms.BaseForm"}
    | {"django.forms.forms.Form", "django.forms.forms.BaseForm", "django.forms.models.ModelForm"}
    | {"rest_framework.serializers.Serializer", "rest_framework.serializers.ModelSerializer"}
    | {"rest_framework.serializers.HyperlinkedModelSerializer", "object"}
)
"""Bases known to validate no password."""
_CLEANED = frozenset({"cleaned_data", "validated_data"})
_READS = frozenset({"get", "pop"})
_MAX_DEPTH = 4


def password_source(
    function: ast.FunctionDef | ast.AsyncFunctionDef, value: ast.expr
) -> str | None:
    """The field whose cleaned value `value` is (`self.cleaned_data["password"]`,
    `validated_data.pop("password")`), also through a name the function binds to one."""
    if isinstance(value, ast.Name):
        bound = _bound_values(function, value.id)
        return _cleaned_field(bound[0]) if len(bound) == 1 else None
    return _cleaned_field(value)


def request_password(
    function: ast.FunctionDef | ast.AsyncFunctionDef, value: ast.expr
) -> str | None:
    """The key of the request's data `value` is read by (`request.data.get("new_password")`,
    `self.request.POST["password"]`), also through a name the function binds to one: a
    password the view takes as sent, which no form or serializer cleaned."""
    if isinstance(value, ast.Name):
        bound = _bound_values(function, value.id)
        return _request_field(bound[0]) if len(bound) == 1 else None
    return _request_field(value)


def _bound_values(function: ast.FunctionDef | ast.AsyncFunctionDef, name: str) -> list[ast.expr]:
    return [
        node.value
        for node in ast.walk(function)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
    ]


_REQUEST_DATA = frozenset({"data", "POST", "GET", "query_params"})
"""What Django's `HttpRequest` and REST framework's `Request` hold the client's fields in."""


def _request_field(value: ast.expr) -> str | None:
    read = _read(value)
    if read is None:
        return None
    holder, key = read
    if not (isinstance(holder, ast.Attribute) and holder.attr in _REQUEST_DATA):
        return None
    request = holder.value
    named = (isinstance(request, ast.Name) and request.id == "request") or (
        isinstance(request, ast.Attribute) and request.attr == "request"
    )
    if not named or not isinstance(key, ast.Constant):
        return None
    return key.value if isinstance(key.value, str) else None


def _read(value: ast.expr) -> tuple[ast.expr, ast.expr] | None:
    """The mapping and the key of `holder[key]`, `holder.get(key)` or `holder.pop(key)`."""
    if isinstance(value, ast.Subscript):
        return value.value, value.slice
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in _READS
        and value.args
    ):
        return value.func.value, value.args[0]
    return None


def _cleaned_field(value: ast.expr) -> str | None:
    read = _read(value)
    if read is None:
        return None
    holder, key = read
    name = holder.attr if isinstance(holder, ast.Attribute) else getattr(holder, "id", None)
    if name not in _CLEANED or not isinstance(key, ast.Constant):
        return None
    return key.value if isinstance(key.value, str) else None


def validates_in_class(
    ctx: FileContext, owner: ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef, field: str
) -> bool:
    """The class names Django's password validation, hooks the field's cleaning
    (`clean_password`, `validate_password`), declares the field with `validators=` or
    `min_length=`, or calls a function of its module that names the validation."""
    hooks = {f"clean_{field}", f"validate_{field}"}
    functions = {
        s.name: s for s in ctx.tree.body if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    for node in ast.walk(owner):
        if _names_validation(node):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in hooks:
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            called = functions.get(node.func.id)
            if called is not None and any(_names_validation(n) for n in ast.walk(called)):
                return True
    return any(_declared_with_rules(ctx, statement, field) for statement in owner.body)


def _names_validation(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id in _VALIDATION_NAMES) or (
        isinstance(node, ast.Attribute) and node.attr in _VALIDATION_NAMES
    )


def _declared_with_rules(ctx: FileContext, statement: ast.stmt, field: str) -> bool:
    """`password = forms.CharField(min_length=10)`, `CharField(validators=[...])`; not a
    floor shorter than Django's own (`min_length=6`), which `123456` passes."""
    return (
        isinstance(statement, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == field for t in statement.targets)
        and isinstance(statement.value, ast.Call)
        and any(
            k.arg == "validators" or (k.arg == "min_length" and not _short_floor(ctx, k.value))
            for k in statement.value.keywords
        )
    )


_SHORTEST_POLICY = 8
"""The length `MinimumLengthValidator` asks by default, and NIST SP 800-63B's floor for a
password the user chooses."""


def _short_floor(ctx: FileContext, value: ast.expr) -> bool:
    length = ctx.evaluate(value)
    return isinstance(length, int) and not isinstance(length, bool) and length < _SHORTEST_POLICY


def validated_by_bases(ctx: FileContext, owner: ast.ClassDef, field: str, depth: int = 0) -> bool:
    """A base of Django's that validates, or a class of the module that does."""
    for base, name in _bases(ctx, owner):
        if name.startswith("django.contrib.auth.") and last_part(name) in _VALIDATING_BASES:
            return True
        local = _local_class(ctx, base)
        if local is None or depth >= _MAX_DEPTH:
            continue
        if validates_in_class(ctx, local, field) or validated_by_bases(
            ctx, local, field, depth + 1
        ):
            return True
    return False


def unchecked_bases(ctx: FileContext, owner: ast.ClassDef, depth: int = 0) -> list[str]:
    """The qualified names of the bases (of the class and of its module's bases) that
    the module imports and that are not known to validate nothing."""
    found: list[str] = []
    for base, name in _bases(ctx, owner):
        local = _local_class(ctx, base)
        if local is not None:
            if depth < _MAX_DEPTH:
                found.extend(unchecked_bases(ctx, local, depth + 1))
        elif name not in _PLAIN_BASES:
            found.append(name)
    return found


def bases_validate(read_module: Modules | None, tag: str, depth: int = 0) -> bool:
    """Whether a base the tag names may validate the field's password: a class the
    project does not hold (a package's), or one of its own that does."""
    field, _, names = tag.partition(":")
    for name in filter(None, names.split(",")):
        found = project_class(read_module, name)
        if found is None or depth >= _MAX_DEPTH:
            return True
        ctx, node = found
        if validates_in_class(ctx, node, field) or validated_by_bases(ctx, node, field):
            return True
        further = unchecked_bases(ctx, node)
        if further and bases_validate(read_module, f"{field}:{','.join(further)}", depth + 1):
            return True
    return False


def _bases(ctx: FileContext, owner: ast.ClassDef) -> Iterator[tuple[ast.expr, str]]:
    for base in owner.bases:
        yield base, ctx.qualified(base) or ast.unparse(base)


def _local_class(ctx: FileContext, base: ast.expr) -> ast.ClassDef | None:
    if not isinstance(base, ast.Name):
        return None
    classes = [s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == base.id]
    return classes[-1] if classes else None
