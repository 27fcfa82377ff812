"""WW758: a form, serializer or view that sets a typed password Django's validators never see."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.rules.auth._validated_passwords import (
    BASES_TAG,
    bases_validate,
    password_source,
    request_password,
    unchecked_bases,
    validated_by_bases,
    validates_in_class,
)
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext


class PasswordSetWithoutValidation(PythonRule):
    """## What it does
    Finds `set_password()` given a password a Django form cleaned
    (`user.set_password(self.cleaned_data["password"])`) or a Django REST framework
    serializer validated (`validated_data["password"]`, also `.get()` or `.pop()`,
    directly or through a local name), in a class that never runs Django's password
    validation on it: no `validate_password` (or `password_validation`) anywhere in the
    class or the bases it has in the project, no hook of its own for the field
    (`clean_password`, a serializer's `validate_password`), no `validators=` or
    `min_length=` of 8 or more (`123456` passes a shorter floor) on the field's
    declaration, and no base of Django's that validates (`UserCreationForm`,
    `BaseUserCreationForm`, `SetPasswordForm`, `PasswordChangeForm`,
    `AdminPasswordChangeForm`). Also a password a view reads straight from the request
    (`user.set_password(request.data.get("new_password"))`, `request.POST["password"]`,
    also through a local name) in a function, or the class holding it, that never names
    Django's password validation: no form or serializer cleaned it, so nothing else can
    have validated it. Not a password set on an object
    made for the call and dropped (`Customer().set_password(password)`, which a login
    form runs for an unknown account so that it takes as long as a known one's check:
    Django's own defence against telling accounts apart by time).

    ## Why is this bad?
    `AUTH_PASSWORD_VALIDATORS` only act where code calls them: Django's own forms do,
    a hand-written sign-up form or serializer does not. Users then register with "1" or
    "password", which the first guesses of any brute-force or credential-stuffing run
    find, however well the settings are written.

    ## Known problems
    A base class of a third-party package other than Django's plain `Form`,
    `ModelForm` and REST framework's serializers may validate the password itself, and
    the finding is then dropped; a view that validates the form's password before
    calling `save()` is not seen.

    ## Example
    ```python
    from django import forms
    from django.contrib.auth.models import User


    class SignUpForm(forms.ModelForm):
        password = forms.CharField(widget=forms.PasswordInput)

        class Meta:
            model = User
            fields = ["username", "email"]

        def save(self, commit=True):
            self.instance.set_password(self.cleaned_data["password"])
            return super().save(commit)
    ```

    ## Fix
    ```python
    from django import forms
    from django.contrib.auth import password_validation
    from django.contrib.auth.models import User


    class SignUpForm(forms.ModelForm):
        password = forms.CharField(widget=forms.PasswordInput)

        class Meta:
            model = User
            fields = ["username", "email"]

        def clean_password(self):
            password = self.cleaned_data["password"]
            password_validation.validate_password(password, self.instance)
            return password

        def save(self, commit=True):
            self.instance.set_password(self.cleaned_data["password"])
            return super().save(commit)
    ```

    ## References
    - [CWE-521: Weak Password Requirements](https://cwe.mitre.org/data/definitions/521.html)
    - [Django: password validation](https://docs.djangoproject.com/en/stable/topics/auth/passwords/#module-django.contrib.auth.password_validation)
    - [OWASP: Authentication Cheat Sheet, password strength controls](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#implement-proper-password-strength-controls)
    """

    code = "WW758"
    name = "password-set-without-validation"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 521
    frameworks = frozenset({Framework.DJANGO})
    message = "`{call}` sets a typed password that Django's password validators never check"
    fix = (
        "call `password_validation.validate_password(password, user)` in the field's "
        "`clean_<field>()` (or derive from `UserCreationForm` / `SetPasswordForm`)"
    )
    calls = frozenset({".set_password"})
    mentions = ("set_password", ("cleaned_data", "validated_data", "request"))

    in_tests = False

    def visit_Call(self, node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
        if not isinstance(node.func, ast.Attribute):
            return
        if node.func.attr != "set_password" or len(node.args) != 1:
            return
        if isinstance(node.func.value, ast.Call) and isinstance(ctx.parent(node), ast.Expr):
            return  # NOTE: `User().set_password(p)` on a discarded object: a timing decoy
        function = ctx.scopes.enclosing_function(node)
        owner = ctx.parent(function) if function is not None else None
        if function is None:
            return
        sent = request_password(function, node.args[0])
        if sent is not None:
            # NOTE: read from the request by the view itself: no base cleaned it first
            if not validates_in_class(
                ctx, owner if isinstance(owner, ast.ClassDef) else function, sent
            ):
                yield self.finding(ctx, node, call=ast.unparse(node.func) + "(...)")
            return
        if not isinstance(owner, ast.ClassDef):
            return
        field = password_source(function, node.args[0])
        if field is None or validates_in_class(ctx, owner, field):
            return
        if validated_by_bases(ctx, owner, field):
            return
        finding = self.finding(ctx, node, call=ast.unparse(node.func) + "(...)")
        unseen = unchecked_bases(ctx, owner)
        if unseen:
            tag = f"{BASES_TAG}{field}:{','.join(unseen)}"
            yield dataclasses.replace(finding, tags=(*finding.tags, tag))
        else:
            yield finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """A base of another module of the project that validates a password, or one the
        project does not hold (a package's), which may."""
        tag = next((t for t in finding.tags if t.startswith(BASES_TAG)), None)
        if tag is None:
            return False
        return bases_validate(project.read_module, tag.removeprefix(BASES_TAG))
