"""WW788: a login form that says when no account has the typed name."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._login_lookups import is_login_form, refusal_words, telling_refusals
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext


class LoginRevealsUnknownAccount(PythonRule):
    """## What it does
    Finds Django login forms (a subclass of `AuthenticationForm`, also through a class of
    its module, or a form calling `authenticate()`) whose methods look the typed account
    up themselves (`User.objects.filter(username=name).exists()`, `.get(email=...)`, by
    `**{User.USERNAME_FIELD: name}`) and raise a `ValidationError` in words of their own
    (`"No account matches %(username)s."`) when the account is not found (in the handler
    of the lookup's `try`, under a test of its answer, or after tests of it that leave
    when it is found), not Django's `invalid_login` message
    (`self.get_invalid_login_error()`, `self.error_messages["invalid_login"]`), nor a
    refusal under a test of something else (a site's switch refusing every name alike). Checks in
    `confirm_login_allowed()`, which Django runs only once the password matched, are not
    reported, nor a refusal after the form's own `authenticate()` call (the answer to a
    wrong password).

    ## Why is this bad?
    Django answers a wrong name and a wrong password with the same words, so the login
    page tells nobody which accounts exist. A form that says "no such account" apart
    from "wrong password" lets anyone try names and e-mail addresses one after the other
    and keep the list of real ones: the targets of password guessing, credential
    stuffing and phishing, and on some sites a fact about the person itself.

    ## Known problems
    The refusal is judged by the tests around it, not by what they mean: a refusal for
    another reason (a captcha) under a test that also reads the lookup's answer is
    reported too.

    ## Example
    ```python
    from django import forms
    from django.contrib.auth import get_user_model
    from django.contrib.auth.forms import AuthenticationForm

    User = get_user_model()


    class LoginForm(AuthenticationForm):
        def clean_username(self):
            name = self.cleaned_data["username"]
            if not User.objects.filter(username=name).exists():
                raise forms.ValidationError("No account has this name.")
            return name
    ```

    ## Fix
    ```python
    from django.contrib.auth import get_user_model
    from django.contrib.auth.forms import AuthenticationForm

    User = get_user_model()


    class LoginForm(AuthenticationForm):
        def clean_username(self):
            name = self.cleaned_data["username"]
            if not User.objects.filter(username=name).exists():
                raise self.get_invalid_login_error()
            return name
    ```

    ## References
    - [CWE-204: Observable Response Discrepancy](https://cwe.mitre.org/data/definitions/204.html)
    - [Django: `AuthenticationForm`](https://docs.djangoproject.com/en/stable/topics/auth/default/#django.contrib.auth.forms.AuthenticationForm)
    - [OWASP: Authentication Cheat Sheet, authentication and error messages](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#authentication-and-error-messages)
    """

    code = "WW788"
    name = "login-reveals-unknown-account"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 204
    frameworks = frozenset({Framework.DJANGO})
    message = "login form `{form}` refuses an account it looked up in words other than Django's: `{refusal}`"
    fix = (
        "refuse with Django's own message (`raise self.get_invalid_login_error()`), the "
        "same for a wrong name and a wrong password"
    )
    mentions = ("ValidationError", ("AuthenticationForm", "authenticate"))

    in_tests = False

    def visit_ClassDef(self, node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
        if not is_login_form(ctx, node):
            return
        for refusal in telling_refusals(ctx, node):
            yield self.finding(ctx, refusal, form=node.name, refusal=refusal_words(refusal))
