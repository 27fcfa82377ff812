"""Views that sign visitors up: they build a form named for it.

`create_account(request)` may be staff's adding an account, or the site's own sign-up
page; `form = SignupForm(request.POST)` in its body says which. A sign-up is the way in
for visitors without an account, so no login can guard it.
"""

from __future__ import annotations

import ast

from webwarden.model.module import FileContext, identifier_words
from webwarden.model.tree import walk

_SIGN_UP = (["sign", "up"], ["signup"], ["register"], ["registration"])
_FILLER = frozenset({"custom", "base", "new", "user", "account", "member", "site", "public"})
"""Words a sign-up form's name may add (`UserRegistrationForm`, `CustomSignupForm`); any
other names what is registered (`RegisterApplicationForm`, `DeviceRegistrationForm`:
a signed-in user's)."""


def signup_form(name: str) -> bool:
    """Whether a form class's name says it signs a visitor up (`SignupForm`,
    `SignUpForm`, `RegistrationForm`, `UserRegisterForm`)."""
    words = identifier_words(name.rpartition(".")[2])
    if words[-1:] != ["form"]:
        return False
    core = [word for word in words[:-1] if word not in _FILLER]
    return core in _SIGN_UP


def builds_signup_form(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function view makes a sign-up form (`SignupForm(request.POST)`)."""
    if not ctx.mentions("Form"):
        return False
    for node in walk(function):
        if isinstance(node, ast.Call):
            name = ctx.qualified_here(node.func) or ""
            if signup_form(name):
                return True
    return False
