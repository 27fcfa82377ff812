"""WW727: a model form of the user model that lets whoever submits it set privileges."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext

_MODEL_FORMS = frozenset(
    {
        "django.forms.ModelForm",
        "django.forms.models.ModelForm",
        "django.contrib.auth.forms.UserCreationForm",
        "django.contrib.auth.forms.BaseUserCreationForm",
    }
)
"""Classes whose `Meta` picks the model fields a submitted form sets. Not
`UserChangeForm`: the admin's own form, which staff use. Not REST framework's model
serializers either: many of the user model only render it (a nested read-only field)."""
_USER_MODELS = frozenset({"django.contrib.auth.models.User"})
_GET_USER_MODEL = frozenset({"django.contrib.auth.get_user_model"})
_PRIVILEGES = ("is_superuser", "is_staff", "groups", "user_permissions")
"""Fields of Django's user model that grant rights: the admin site, every permission,
the permissions of groups."""


class UserFormPrivilegeFieldEditable(PythonRule):
    """## What it does
    Finds Django model forms (`ModelForm`, `UserCreationForm`) of the user model
    (`django.contrib.auth.models.User`, `get_user_model()`, also through a name of the
    module bound to it) whose `Meta` takes every field (`fields = "__all__"`) or leaves
    out only some (`exclude = [...]`) and so keeps one of the fields that grant rights:
    `is_superuser`, `is_staff`, `groups`, `user_permissions`. Forms in an `admin.py`
    module, which serve the staff of the admin site, are not reported, nor Django's own
    (the admin's `UserChangeForm`, defined with every field, when Django's source is
    scanned).

    ## Why is this bad?
    A model form sets every field it includes from what the browser sends, whether the
    page shows an input for it or not. A sign-up or profile form built by excluding a few
    fields lets anyone add `is_superuser=on` or `is_staff=on` to the request and become
    an administrator, or join a group of their choice (mass assignment).

    ## Known problems
    A custom user model is recognised only through `get_user_model()`; a form meant for
    superusers only, outside `admin.py`, is reported too. REST framework serializers are
    not judged.

    ## Example
    ```python
    from django import forms
    from django.contrib.auth.models import User


    class SignUpForm(forms.ModelForm):
        class Meta:
            model = User
            exclude = ["last_login", "date_joined"]
    ```

    ## Fix
    ```python
    from django import forms
    from django.contrib.auth.models import User


    class SignUpForm(forms.ModelForm):
        class Meta:
            model = User
            fields = ["username", "email", "first_name", "last_name"]
    ```

    ## References
    - [CWE-915: Improperly Controlled Modification of Dynamically-Determined Object Attributes](https://cwe.mitre.org/data/definitions/915.html)
    - [Django: selecting the fields to use in a ModelForm](https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use)
    - [OWASP: Mass Assignment Cheat Sheet](https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html)
    """

    code = "WW727"
    name = "user-form-privilege-field-editable"
    practice = Practice.AUTHENTICATION
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 915
    frameworks = frozenset({Framework.DJANGO})
    message = "`{form}` of the user model lets whoever submits it set `{fields}`"
    fix = "list the fields a user may set in `Meta.fields`, never `is_superuser` or `is_staff`"
    mentions = ("Meta", ("exclude", "__all__"))

    in_tests = False

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        if ctx.relpath.rpartition("/")[2] == "admin.py":
            return
        if ctx.module.partition(".")[0] == "django":
            return  # NOTE: Django's own forms: its admin's `UserChangeForm` takes every field
        if not any(ctx.qualified(base) in _MODEL_FORMS for base in node.bases):
            return
        meta = next(
            (s for s in node.body if isinstance(s, ast.ClassDef) and s.name == "Meta"), None
        )
        if meta is None:
            return
        options = {
            target.id: statement
            for statement in meta.body
            if isinstance(statement, ast.Assign)
            for target in statement.targets
            if isinstance(target, ast.Name)
        }
        model = options.get("model")
        if model is None or not _user_model(model.value, ctx):
            return
        fields, exclude = options.get("fields"), options.get("exclude")
        if fields is not None and not _takes_all(fields.value):
            return  # NOTE: the fields it names, chosen one by one
        chosen = fields or exclude
        if chosen is None or (exclude is not None and _names(exclude.value) is None):
            return
        left_out = (_names(exclude.value) or set()) if exclude is not None else set()
        kept = [f for f in _PRIVILEGES if f not in left_out]
        if not kept:
            return
        yield self.finding(ctx, chosen, form=node.name, fields="`, `".join(kept))


def _user_model(value: ast.expr, ctx: FileContext) -> bool:
    """`User`, `get_user_model()`, or a name the module binds to `get_user_model()`."""
    if ctx.qualified(value) in _USER_MODELS:
        return True
    if isinstance(value, ast.Call):
        return ctx.call_name(value) in _GET_USER_MODEL
    if isinstance(value, ast.Name):
        return any(
            isinstance(s, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == value.id for t in s.targets)
            and isinstance(s.value, ast.Call)
            and ctx.call_name(s.value) in _GET_USER_MODEL
            for s in ctx.tree.body
        )
    return False


def _takes_all(value: ast.expr) -> bool:
    return isinstance(value, ast.Constant) and value.value == "__all__"


def _names(value: ast.expr) -> set[str] | None:
    """The strings of a list, tuple or set display; None for another value."""
    if not isinstance(value, ast.List | ast.Tuple | ast.Set):
        return None
    return {e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
