"""WW769: a Django REST framework serializer that sends a password back in its output."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.analysis.secrets.values import is_password_name
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.django.serializer_uses import used_only_for_input
from webwarden.model.project import ProjectModel
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_SERIALIZERS = frozenset(
    {
        "rest_framework.serializers.ModelSerializer",
        "rest_framework.serializers.HyperlinkedModelSerializer",
    }
)
"""Serializers of model rows, which generic views and viewsets render after each read
and each write. Not a plain `Serializer`: a login form's (`username`, `password`) is
often only validated, its output never asked for."""
_FIELDS = ("rest_framework.serializers.", "rest_framework.fields.")
_NOT_OUTPUT = frozenset({"SerializerMethodField", "HiddenField"})
"""Fields whose output is not the attribute: a method's answer, or nothing at all."""
_NOT_TEXT = frozenset(
    {"BooleanField", "NullBooleanField", "IntegerField", "FloatField", "DecimalField"}
    | {"DateTimeField", "DateField", "TimeField", "DurationField", "UUIDField"}
)
"""Fields whose value cannot be a password: a flag, a number, a date (`password_set =
BooleanField()`, `password_changed = DateTimeField()`)."""
_NO_PASSWORD_OUT = _NOT_OUTPUT | _NOT_TEXT
_OWN_OUTPUT = frozenset({"to_representation", "get_fields"})
"""Methods that may drop a field from the output (`data.pop("password")`)."""
_TAG = "serializer:"
"""Tag of a finding with the qualified name of its serializer class, for the project step."""


class DrfPasswordFieldReadable(PythonRule):
    """## What it does
    Finds Django REST framework model serializers (subclassing DRF's `ModelSerializer`
    or `HyperlinkedModelSerializer`) that send a password back in what they return: a field named for one (`password`, `passwd`, `ssh_password`) declared
    without `write_only=True` (`password = serializers.CharField()`), or listed in
    `Meta.fields` and left to the model's field, without `"write_only": True` in
    `Meta.extra_kwargs`. A serializer the project uses only to validate request bodies
    is not reported: one its non-test modules only build from request data and then
    validate, read the validated data of (not to answer with it) or save
    (`s = X(data=request.data)`, `s.is_valid()`, `s.save()`), or hand to a function or
    decorator of the project that does so (`@validate_body(X)`, judged by what its
    wrapper does with the class), or name as the `serializer_class` of a create-only
    generic view (`CreateAPIView`) whose `post` answers without its output (`return
    Response(status=200)`, or `response.data = None` before `return response`), and use
    in no other way (`serializer_class = X` elsewhere, `get_serializer_class()` returning it,
    `@extend_schema(responses=X)`, `Response(X(obj).data)`, a subclass or nested field).

    ## Why is this bad?
    A serializer writes every field that is not write-only into its output: each `GET`
    of the list or of one object, and the answer to the `POST` or `PUT` that set it.
    The password (or the user's password hash, which can be cracked offline) is sent to
    every client allowed to read the endpoint, and kept in browser caches, proxies and
    logs. A field named for a password is input: DRF's documentation marks it
    `write_only`.

    ## Known problems
    A field declared as a method's answer (`SerializerMethodField`), hidden, or of a
    type that holds no text (`BooleanField`, `DateTimeField`, a number) is not reported,
    nor is a name in `Meta.fields` the class declares a field for itself (any of DRF's,
    or one of its own made `write_only=True`) rather than leave to the model's. A field
    of the project's own class is judged only when its module defines the class: one
    whose `__init__` sets `write_only` itself (`kwargs["write_only"] = True`) is
    write-only, and a class imported from another module is not reported at all (its
    body is not seen). Names of
    flags and outcomes about a password (`must_change_password`, `password_verified`)
    are not names of one.
    Only DRF's model serializer classes named directly among the bases are recognised,
    not a project's base serializer, nor a plain `Serializer` (a login form's is often
    only validated, its output never rendered). `fields = "__all__"` and `exclude` are not judged (the
    model's fields are not read), nor is a serializer whose `Meta` derives from another
    `Meta` without its own `extra_kwargs`, or that defines `to_representation()` or
    `get_fields()` (which may drop the field).
    Uses are read of serializers named as DRF names them (`...Serializer...`): one named
    otherwise is judged alone, however it is used. A helper that validates the class may
    hand its `.data` back when it saves nothing (the checked input, not a stored row);
    what its caller does with that is not followed. Uses the code does not spell out (a
    class looked up by name, `getattr(module, name)`) are not seen, and tests' uses do
    not count.

    ## Example
    ```python
    from rest_framework import serializers

    from hosts.models import Host


    class HostSerializer(serializers.ModelSerializer):
        password = serializers.CharField(style={"input_type": "password"})

        class Meta:
            model = Host
            fields = ["id", "hostname", "login", "password"]
    ```

    ## Fix
    ```python
    from rest_framework import serializers

    from hosts.models import Host


    class HostSerializer(serializers.ModelSerializer):
        password = serializers.CharField(write_only=True, style={"input_type": "password"})

        class Meta:
            model = Host
            fields = ["id", "hostname", "login", "password"]
    ```

    ## References
    - [CWE-200: Exposure of Sensitive Information to an Unauthorized Actor](https://cwe.mitre.org/data/definitions/200.html)
    - [Django REST framework: core arguments, write_only](https://www.django-rest-framework.org/api-guide/fields/#write_only)
    - [Django REST framework: additional keyword arguments](https://www.django-rest-framework.org/api-guide/serializers/#additional-keyword-arguments)
    """

    code = "WW769"
    name = "drf-password-field-readable"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 200
    frameworks = frozenset({Framework.DJANGO})
    message = "`{serializer}` sends its `{field}` field back in its output: it is not write-only"
    fix = "declare it `write_only=True`, or make it so in `Meta.extra_kwargs`"

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        if not any(ctx.qualified(base) in _SERIALIZERS for base in node.bases):
            return
        tags = (f"{_TAG}{ctx.module}.{node.name}",) if ctx.module else ()
        if not isinstance(ctx.parent(node), ast.Module):
            tags = ()
        for found in self._findings(node, ctx):
            yield dataclasses.replace(found, tags=tags)

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A serializer the project uses only to validate request bodies: built from
        request data and only validated or saved, or handed to a helper or decorator
        that does so, and used in no way that may render it
        (`model.django.serializer_uses`)."""
        qualified = next((t.removeprefix(_TAG) for t in finding.tags if t.startswith(_TAG)), "")
        return bool(qualified) and used_only_for_input(project, qualified)

    def _findings(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        methods = {s.name for s in node.body if isinstance(s, ast.FunctionDef)}
        if methods & _OWN_OUTPUT:
            return
        declared: set[str] = set()
        for statement in node.body:
            if not isinstance(statement, ast.Assign) or not isinstance(statement.value, ast.Call):
                continue
            call = statement.value
            names = [t.id for t in statement.targets if isinstance(t, ast.Name)]
            made = ctx.qualified(call.func) or ""
            drf = made.startswith(_FIELDS)
            write_only = _keyword_set(call.keywords, "write_only")
            if drf or write_only or _own_field_hidden(call.func, ctx):
                # NOTE: the class's own field, not the model's: any of DRF's (a method's
                # answer too), or one of the project's made write-only.
                declared.update(names)
            if (
                drf
                and not write_only
                and len(statement.targets) == len(names) == 1
                and made.rpartition(".")[2] not in _NO_PASSWORD_OUT
                and is_password_name(names[0])
            ):
                yield self.finding(ctx, statement, serializer=node.name, field=names[0])
        meta = next(
            (s for s in node.body if isinstance(s, ast.ClassDef) and s.name == "Meta"), None
        )
        if meta is not None:
            for listed in _listed_passwords(meta, declared):
                yield self.finding(ctx, listed, serializer=node.name, field=listed.value)


def _own_field_hidden(made: ast.expr, ctx: FileContext) -> bool:
    """Whether a field class that is not DRF's is write-only or cannot be seen: one this
    module defines whose `__init__` sets `write_only` itself (`kwargs["write_only"] =
    True`, `kwargs.setdefault("write_only", True)`, `super().__init__(write_only=True)`),
    or one imported from elsewhere, whose body is not in this file."""
    if not isinstance(made, ast.Name):
        return True
    local = [s for s in ctx.tree.body if isinstance(s, ast.ClassDef) and s.name == made.id]
    if not local:
        return True
    init = next(
        (s for s in local[-1].body if isinstance(s, ast.FunctionDef) and s.name == "__init__"),
        None,
    )
    return init is not None and any(_sets_write_only(n) for n in ast.walk(init))


def _sets_write_only(node: ast.AST) -> bool:
    if isinstance(node, ast.Assign):
        return not _false(node.value) and any(
            isinstance(t, ast.Subscript)
            and isinstance(t.slice, ast.Constant)
            and t.slice.value == "write_only"
            for t in node.targets
        )
    if not isinstance(node, ast.Call):
        return False
    if _keyword_set(node.keywords, "write_only"):
        return True
    return (
        isinstance(node.func, ast.Attribute)
        and node.func.attr == "setdefault"
        and len(node.args) == 2
        and isinstance(node.args[0], ast.Constant)
        and node.args[0].value == "write_only"
        and not _false(node.args[1])
    )


def _false(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and not value.value


def _keyword_set(keywords: list[ast.keyword], name: str) -> bool:
    """Whether `name=` is given a value other than a constant false one (a computed one
    may be true)."""
    return any(
        k.arg == name and not (isinstance(k.value, ast.Constant) and not k.value.value)
        for k in keywords
    )


def _listed_passwords(meta: ast.ClassDef, declared: set[str]) -> Iterator[ast.Constant]:
    """The password names `Meta.fields` lists for the model's fields to fill, unless
    `extra_kwargs` makes them write-only (or is not a dict written out)."""
    values = {
        t.id: s.value
        for s in meta.body
        if isinstance(s, ast.Assign)
        for t in s.targets
        if isinstance(t, ast.Name)
    }
    fields = values.get("fields")
    extra = values.get("extra_kwargs")
    if not isinstance(fields, ast.List | ast.Tuple) or (meta.bases and extra is None):
        return
    if extra is not None and not isinstance(extra, ast.Dict):
        return
    for item in fields.elts:
        if not isinstance(item, ast.Constant) or not isinstance(item.value, str):
            continue
        if item.value in declared or not is_password_name(item.value):
            continue
        if extra is None or not _write_only_in(extra, item.value):
            yield item


def _write_only_in(extra: ast.Dict, field: str) -> bool:
    for key, value in zip(extra.keys, extra.values, strict=True):
        if key is None:
            return True  # NOTE: `**base_kwargs`: what it holds is not seen
        if isinstance(key, ast.Constant) and key.value == field:
            if not isinstance(value, ast.Dict):
                return True
            return any(
                isinstance(k, ast.Constant)
                and k.value == "write_only"
                and not (isinstance(v, ast.Constant) and not v.value)
                for k, v in zip(value.keys, value.values, strict=True)
            )
    return False
