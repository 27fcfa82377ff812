"""WW777: a login view that answers an unknown account apart from a wrong password."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.rules.auth._login_lookups import (
    bound_names,
    branch_taken,
    follows,
    in_lookup_handler,
    is_account_lookup,
    is_answer,
    is_login_form,
    is_password_check,
    own_nodes,
    subject,
)
from webwarden.rules.base import Framework, PythonRule
from webwarden.rules.context import FileContext


class LoginViewRevealsUnknownAccount(PythonRule):
    """## What it does
    Finds login views (Django or Flask functions and methods that check a typed password:
    `authenticate()`, `user.check_password()`, `check_password_hash()`,
    `verify_password()`, `bcrypt.checkpw()`, or a password kept as typed compared with
    `==` or `!=`: `data["password"] != user.password`) that also look the typed account up
    themselves (`User.objects.filter(username=name).exists()`, `.get(email=...)`,
    SQLAlchemy's `filter_by(email=...)`) and, when it is not found, answer otherwise than
    they answer a wrong password: a different `return`, `raise`, `messages.error()`,
    `flash()` or `form.add_error()` in the lookup's missed branch (its `else`, the body of
    `if not user:`, the handler of its `DoesNotExist`, or after a test that leaves when
    the account is found) than any in the branch taken when the password check fails.
    Answers after the password check are its own, unless a test of the account looked up
    before it decides them and no test of the check does (`elif not user:` after
    `if user and typed != user.password:`); a view whose wrong password answer is not
    found is not reported. Login forms are WW788's.

    ## Why is this bad?
    A login page that says "no such user" apart from "wrong password" (or renders another
    page, or another flag of the same template) tells anyone which names and e-mail
    addresses have an account: the list an attacker then guesses passwords for, stuffs
    leaked credentials into or phishes, and on some sites a private fact about the person.

    ## Known problems
    Two answers are compared as code: a template that shows the same words for two
    different flags is reported, and one message built from a variable set differently
    in each branch is not.

    ## Example
    ```python
    from django.contrib import messages
    from django.contrib.auth import authenticate, login
    from django.contrib.auth.models import User
    from django.shortcuts import redirect, render


    def sign_in(request):
        name = request.POST["username"]
        try:
            User.objects.get(username=name)
        except User.DoesNotExist:
            messages.error(request, "This user does not exist.")
            return render(request, "login.html")
        user = authenticate(request, username=name, password=request.POST["password"])
        if user is None:
            messages.error(request, "Wrong password.")
            return render(request, "login.html")
        login(request, user)
        return redirect("home")
    ```

    ## Fix
    ```python
    from django.contrib import messages
    from django.contrib.auth import authenticate, login
    from django.shortcuts import redirect, render


    def sign_in(request):
        name = request.POST["username"]
        user = authenticate(request, username=name, password=request.POST["password"])
        if user is None:
            messages.error(request, "Wrong user name or password.")
            return render(request, "login.html")
        login(request, user)
        return redirect("home")
    ```

    ## References
    - [CWE-204: Observable Response Discrepancy](https://cwe.mitre.org/data/definitions/204.html)
    - [Django: authenticating users](https://docs.djangoproject.com/en/stable/topics/auth/default/#authenticating-users)
    - [OWASP: Authentication Cheat Sheet, authentication and error messages](https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#authentication-and-error-messages)
    """

    code = "WW777"
    name = "login-view-reveals-unknown-account"
    practice = Practice.AUTHENTICATION
    severity = Severity.MEDIUM
    confidence = Confidence.MEDIUM
    cwe = 204
    frameworks = frozenset({Framework.DJANGO, Framework.FLASK})
    message = (
        "login view `{view}` answers an unknown account apart from a wrong password: `{answer}`"
    )
    fix = "give one answer to an unknown account and a wrong password (the same words and page)"
    mentions = (("authenticate", "check_password", "verify_password", "checkpw", ".password"),)

    in_tests = False

    def visit_FunctionDef(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
    ) -> Iterator[Finding]:
        nodes = list(own_nodes(node))
        if not any(is_password_check(n) for n in nodes):
            return
        if not any(is_account_lookup(n) for n in nodes):
            return
        holder = ctx.parent(node)
        if isinstance(holder, ast.ClassDef) and is_login_form(ctx, holder):
            return
        found = bound_names(node, is_account_lookup)
        checked = bound_names(node, is_password_check)

        def asks_lookup(test: ast.expr) -> bool:
            asked = subject(test)
            if isinstance(asked, ast.Name):
                return asked.id in found and asked.id not in checked
            return any(is_account_lookup(n) for n in ast.walk(asked))

        def asks_check(test: ast.expr) -> bool:
            asked = subject(test)
            if isinstance(asked, ast.Name):
                return asked.id in checked
            return any(is_password_check(n) for n in ast.walk(asked))

        looked_up_first = min(_lines(nodes, is_account_lookup)) < min(
            _lines(nodes, is_password_check)
        )
        unknown, wrong = [], set()
        for answer in sorted(
            (n for n in nodes if is_answer(ctx, n)), key=lambda n: getattr(n, "lineno", 0)
        ):
            if follows(ctx, answer, node, is_password_check):
                by_check = branch_taken(ctx, answer, node, asks_check)
                if by_check is False:
                    wrong.add(ast.unparse(answer))
                elif (
                    by_check is None
                    and looked_up_first
                    and branch_taken(ctx, answer, node, asks_lookup) is False
                ):
                    # NOTE: a test of the typed account's lookup, made before the check,
                    # decides this answer, and no test of the check does.
                    unknown.append(answer)
            elif (
                in_lookup_handler(ctx, answer, node)
                or branch_taken(ctx, answer, node, asks_lookup) is False
            ):
                unknown.append(answer)
        if not wrong:
            return
        view = f"{holder.name}.{node.name}" if isinstance(holder, ast.ClassDef) else node.name
        for answer in unknown:
            if ast.unparse(answer) not in wrong:
                yield self.finding(ctx, answer, view=view, answer=_words(answer))
                return

    visit_AsyncFunctionDef = visit_FunctionDef


def _lines(nodes: list[ast.AST], found: Callable[[ast.AST], bool]) -> list[int]:
    """The lines of the nodes `found` accepts."""
    return [getattr(n, "lineno", 0) for n in nodes if found(n)]


def _words(node: ast.AST) -> str:
    """What an answer says: the words of a message (`This user does not exist.`), else
    the code of what it returns or raises."""
    shown: ast.AST | None = node.value if isinstance(node, ast.Return | ast.Expr) else node
    if isinstance(node, ast.Raise):
        shown = node.exc
    text = ast.unparse(shown) if shown is not None else ""
    if isinstance(node, ast.Expr):
        text = next(
            (
                n.value
                for n in ast.walk(node)
                if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ),
            text,
        )
    return text if len(text) <= 60 else text[:57] + "..."
