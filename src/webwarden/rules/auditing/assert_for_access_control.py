"""WW1180: `assert` used to check permissions or authentication."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterator

from webwarden.analysis.taint.specs import DJANGO_REVERSE
from webwarden.findings import Confidence, Finding, Practice, Severity
from webwarden.model.project import ProjectModel
from webwarden.model.type_guards import (
    called_guard,
    declares_type_guard,
    guard_function,
    returns_type_guard,
)
from webwarden.rules.auditing._anonymous_lookups import only_looked_up
from webwarden.rules.auditing._login_callers import (
    IMPLIED_BY,
    checked_callers_tags,
    decorator_flags,
    refuted_by_checked_callers,
    user_flags,
)
from webwarden.rules.base import PythonRule
from webwarden.rules.context import FileContext, identifier_words, name_of

_ACCESS_WORDS = frozenset(
    {
        "authenticated",
        "authorized",
        "authorised",
        "permission",
        "permissions",
        "perm",
        "perms",
        "staff",
        "superuser",
        "admin",
        "role",
        "roles",
        "owner",
        "allowed",
        "logged",
        "access",
        "privileged",
    }
)
_ACCESS_NAMES = frozenset({"current_user", "request.user", "g.user"})


class AssertForAccessControl(PythonRule):
    """## What it does
    Finds `assert` statements in application code whose condition checks a user, a
    permission, a role or authentication (`assert request.user.is_staff`,
    `assert user.has_perm("billing.refund")`, `assert current_user.is_authenticated`),
    or compares a token the request proves itself with against the one kept
    (`assert oauth_token == session["oauth_token"]`, a CSRF token, an OAuth state), or
    a value with Flask-Login's identifier of the client's session (`assert state["sid"]
    == _create_identifier()`: an OAuth state bound to the browser it was issued to).

    ## Why is this bad?
    Python removes every `assert` when run with `-O` or `PYTHONOPTIMIZE`, which some
    deployments set. The check then disappears and everyone gets access. An assertion
    failure is also a 500 error, not the 403 the client should see.

    ## Known problems
    Test files are not reported: `assert` is how tests check things. Nor are shell
    commands (Django management commands, and modules of Click commands that name no
    request: `@click.command`, `@cli.command("name")`, Flask's `@app.cli.command`, or
    scripts parsing their arguments with `argparse` (or reading `sys.argv`) under `if
    __name__ == "__main__":` with no `else:`, or reading `sys.argv` in their top-level code,
    standalone Django programs calling `django.setup()` themselves),
    which an operator runs: no request reaches them, and an assert there checks what the
    command itself made. Nor is an assertion of a type (`assert isinstance(request.user,
    User)`, Review Board's "satisfy the type checker"): it narrows the type for mypy
    after the code has checked the login, or before it checks the permission (also
    negated: `assert not isinstance(request.user, AnonymousUser)`); so does
    a call of a function of the project declared to narrow one (`assert
    is_authenticated_request(request)` of `def is_authenticated_request(request) ->
    TypeIs[AuthenticatedRequest]`, PEP 742's `TypeIs` or PEP 647's `TypeGuard`). Nor is an
    assertion of the kind of data given, named `allowed` before a word for it and for no
    one's access (`assert cls.is_allowed_type(file.content_type)`,
    `has_allowed_extension(name)`): it checks what an upload is, not who sent it
    (`is_allowed_to_edit`, `is_allowed_file_owner` are still read as access). Nor is an
    assertion that two facts agree, a check's outcome compared with another test
    (`assert (client_secret is not None) == is_admin`, after `if is_admin:` filled in
    the secret): it holds for a user without the access as well, so removing it lets no
    one further; the code before it decides. Nor is an
    assertion that guards nothing: one in a function whose statements after it only
    return a URL of the app's own made from constants (`url = reverse("connections");
    return url`, django-allauth's `get_connect_redirect_url` hook, which its adapters
    copy from allauth's own; also from a setting, `reverse(settings.LOGIN_REDIRECT_URL)`):
    without it, everyone is sent to the same page, which is all the function did for the
    asserted user; nor one returning the target the requester's own session keeps, such
    a URL failing that (`request.session.pop("next_url", reverse("home"))`): an anonymous
    requester is sent where its own session says, which grants it nothing (not a value
    kept with no URL to fall back to, nor the session of a key the request names). Nor is an assertion of the requesting
    user's flags that a decorator of the same function already requires (`assert
    request.user.is_superuser` under `@user_passes_test(lambda u: u.is_superuser)`, or
    under a decorator named for the flag, `@superuser_required`; `is_authenticated` and
    `is_active` under `@login_required`, Django's `ModelBackend` signing inactive users
    out, also under a project's `@xhr_login_required`; `is_staff` under
    `@staff_member_required`), or that Django's `LoginRequiredMixin` listed before the
    view class already requires of a method of the view (`assert
    self.request.user.is_authenticated  # type guard` in `get_object()`, as
    cookiecutter-django's views narrow the user's type; not in `setup()` or `dispatch()`,
    which run before the mixin checks): under `python -O` the decorator or the mixin
    still refuses everyone else. Nor is one in the wrapper of a decorator the module defines whose every use in
    the module sits below such a decorator (`@login_required` above `@owner_only`, whose
    wrapper asserts `request.user.is_authenticated()` before comparing the owner); such a
    decorator that other modules import is judged by its uses in its own module alone,
    and one its module never uses by the uses of the modules importing it (a project's
    `@require_sudo_mode`, always applied below `@login_required`). Nor is one of the
    requesting user's login in a helper of a module every call of which in the module
    comes from a view that checked it (`assert request.user.is_authenticated` in `def
    _get_check_for_user(request, code)`, called by views under `@login_required`, or after
    their own `if not request.user.is_authenticated: return HttpResponseForbidden()`, or
    through another such helper, handing on the same request): django-stubs types
    `request.user` as a user or an anonymous one, and the assertion narrows it; it is
    reported when another module may call the helper. Nor is an assertion of the login
    of a user the function is given, which it then only uses as the whole value of a
    query's keyword (`assert user.is_authenticated` before
    `Bookmark.objects.filter(user=user).update(...)` in a model's method): Django refuses
    an anonymous user in a lookup or as a field's value, so under `python -O` such a
    caller gets no one's rows; not when the user is handed on, or read (`user_id=user.pk`:
    an anonymous user's `pk` is `None`, matching the rows of no owner).

    ## Example
    ```python
    def refund(request, order):
        assert request.user.has_perm("billing.refund")
        order.refund()
    ```

    ## Fix
    ```python
    from django.core.exceptions import PermissionDenied

    def refund(request, order):
        if not request.user.has_perm("billing.refund"):
            raise PermissionDenied
        order.refund()
    ```

    ## References
    - [CWE-617: Reachable Assertion](https://cwe.mitre.org/data/definitions/617.html)
    - [Python docs: the assert statement](https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement)
    """

    code = "WW1180"
    name = "assert-for-access-control"
    practice = Practice.AUDITING
    severity = Severity.HIGH
    confidence = Confidence.MEDIUM
    cwe = 617
    message = "`assert` checks access (`{what}`); asserts are removed under `python -O`"
    fix = "use an `if` that raises `PermissionDenied` / `abort(403)` instead of `assert`"
    bandit = ("B101",)
    ruff = ("S101",)

    in_tests = False

    def visit_Assert(self, node: ast.Assert, ctx: FileContext) -> Iterator[Finding]:
        if ctx.is_command_module or _narrows_type(node.test):
            return
        if _facts_agree(node.test):
            return
        if _guards_nothing(ctx, node) or _decorator_checks_it(ctx, node):
            return
        if _wrapper_used_under_check(ctx, node) or only_looked_up(ctx, node):
            return
        what = _access_check(ctx, node.test)
        if what is None:
            return
        guard = _guard_call(ctx, node.test)
        if guard == "":
            return
        finding = self.finding(ctx, node, what=what)
        tags = (_GUARD_TAG + guard,) if guard else checked_callers_tags(ctx, node)
        yield dataclasses.replace(finding, tags=(*finding.tags, *tags)) if tags else finding

    @classmethod
    def refuted(cls, finding: Finding, project: ProjectModel) -> bool:
        """An assertion of a call of a function another module of the project declares
        to return `TypeIs` or `TypeGuard`."""
        tag = next((t for t in finding.tags if t.startswith(_GUARD_TAG)), None)
        guard = tag.removeprefix(_GUARD_TAG) if tag else None
        if guard is not None and declares_type_guard(project.read_module, guard):
            return True
        return refuted_by_checked_callers(finding, project)


_GUARD_TAG = "type-guard:"
"""Tag of a finding on an assertion of a call of an imported function, followed by its
qualified name: the project step reads whether it is declared to narrow a type."""


def _guard_call(ctx: FileContext, test: ast.expr) -> str | None:
    """For an assertion that is one call: "" when the module defines the function it
    calls to return `TypeIs` or `TypeGuard` (`def is_staff_request(request) ->
    TypeIs[StaffRequest]`), the function's qualified name when the module imports it;
    None otherwise."""
    if not isinstance(test, ast.Call):
        return None
    if isinstance(test.func, ast.Name):
        function = guard_function(ctx, test.func.id)
        if function is not None:
            return "" if returns_type_guard(function) else None
    return called_guard(ctx, test)


_PROOF_WORDS = frozenset({"csrf", "xsrf", "token", "nonce", "signature", "otp"})
"""Words of values a request proves itself with (`oauth_token`, `csrf_token`); not
`state`, which is mostly a workflow's (`self.state == MoveRequestState.pending`)."""


def _narrows_type(test: ast.expr) -> bool:
    """`isinstance(user, User)`, alone or joined with `and`, also negated (`not
    isinstance(request.user, AnonymousUser)`, which takes a type out of a union): a type
    for the type checker."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return all(_narrows_type(value) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _narrows_type(test.operand)
    return (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Name)
        and test.func.id == "isinstance"
    )


def _facts_agree(test: ast.expr) -> bool:
    """`(client_secret is not None) == is_admin`: an equality (or inequality) of two
    tests, at least one of them written as a test (a comparison, `not`, `and`/`or`), and
    neither a constant (`user.is_staff == True` is the check itself)."""
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Eq | ast.NotEq)
    ):
        return False
    sides = (test.left, test.comparators[0])
    if any(isinstance(side, ast.Constant) for side in sides):
        return False
    return any(_written_test(side) for side in sides)


def _written_test(node: ast.expr) -> bool:
    return isinstance(node, ast.Compare | ast.BoolOp) or (
        isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)
    )


def _decorator_checks_it(ctx: FileContext, node: ast.Assert) -> bool:
    """The assertion repeats what a decorator of its function already checks (`assert
    request.user.is_superuser` under `@superuser_required`, a project's
    `user_passes_test(lambda u: u.is_superuser)`; `assert request.user.is_authenticated()`
    under `@login_required`): under `python -O` the decorator still refuses everyone
    else."""
    function = ctx.scopes.enclosing_function(node)
    if function is None:
        return False
    asserted = user_flags(node.test)
    if not asserted:
        return False
    return asserted <= decorator_flags(ctx, function.decorator_list) | _mixin_flags(ctx, function)


_LOGIN_MIXIN = "django.contrib.auth.mixins.LoginRequiredMixin"
_BEFORE_DISPATCH = frozenset({"__init__", "setup", "dispatch", "as_view"})
"""Methods of a view that run before the mixins' `dispatch()` has checked anything."""


def _mixin_flags(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    """What Django's `LoginRequiredMixin` on the method's class already requires (a
    signed-in user): its `dispatch()` refuses anyone else before a handler or the
    methods they call run. Only listed before the view class, mixins alone before it
    (`class Edit(LoginRequiredMixin, SuccessMessageMixin, UpdateView)`): after it,
    `View.dispatch()` never reaches the mixin's. Not in `setup()` or `dispatch()`,
    which run before it checks."""
    owner = ctx.parent(function)
    if not isinstance(owner, ast.ClassDef) or function.name in _BEFORE_DISPATCH:
        return set()
    for base in owner.bases:
        name = ctx.qualified(base) or ast.unparse(base)
        if name == _LOGIN_MIXIN:
            return set(IMPLIED_BY["login_required"])
        if not name.endswith("Mixin"):
            return set()
    return set()


def _wrapper_used_under_check(ctx: FileContext, node: ast.Assert) -> bool:
    """The assertion is in the wrapper a decorator of the module defines, and every use
    of that decorator in the module sits below decorators that already require what it
    asserts (`@login_required` above `@must_be_your_event`, whose wrapper asserts
    `request.user.is_authenticated()` before it compares the object's owner with the
    user): under `python -O` the outer decorator still refuses everyone else. Not when
    the module names the decorator anywhere else (a call, an export)."""
    wrapper = ctx.scopes.enclosing_function(node)
    decorator = ctx.parent(wrapper) if wrapper is not None else None
    if not isinstance(decorator, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    if not isinstance(ctx.parent(decorator), ast.Module):
        return False
    asserted = user_flags(node.test)
    if not asserted:
        return False
    uses = 0
    for name in ctx.nodes(ast.Name):
        if not isinstance(name, ast.Name) or name.id != decorator.name:
            continue
        used_on = ctx.parent(name)
        if not isinstance(used_on, ast.FunctionDef | ast.AsyncFunctionDef):
            return False
        place = next((i for i, d in enumerate(used_on.decorator_list) if d is name), None)
        if place is None or not asserted <= decorator_flags(ctx, used_on.decorator_list[:place]):
            return False
        uses += 1
    return uses > 0


_URL_BUILDERS = frozenset({*DJANGO_REVERSE, "django.shortcuts.resolve_url", "flask.url_for"})
"""Functions giving the path of one of the app's own views by its name."""


def _guards_nothing(ctx: FileContext, node: ast.Assert) -> bool:
    """The assertion is a statement of a function's body, and every statement after it
    binds a name to, or returns, a fixed URL (`url = reverse("connections"); return
    url`): under `python -O` the function answers everyone as it answered the asserted
    user."""
    function = ctx.parent(node)
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    tail = function.body[function.body.index(node) + 1 :]
    if not tail or not isinstance(tail[-1], ast.Return):
        return False
    bound: set[str] = set()
    for statement in tail:
        if isinstance(statement, ast.Return):
            if statement.value is None or not _fixed_url(ctx, statement.value, bound):
                return False
        elif (
            isinstance(statement, ast.Assign)
            and all(isinstance(target, ast.Name) for target in statement.targets)
            and _fixed_url(ctx, statement.value, bound)
        ):
            bound.update(target.id for target in statement.targets if isinstance(target, ast.Name))
        else:
            return False
    return True


def _fixed_url(ctx: FileContext, value: ast.expr, bound: set[str]) -> bool:
    """A URL of the app's own built from constants (`reverse("admin:profile")`, also from
    a setting: `reverse(settings.LOGIN_REDIRECT_URL)`), or a name bound to one before, or
    the target the requester's own session keeps, a fixed URL failing that. Not any
    constant: a view's `return "linked"` is the answer to the request the assertion let
    through."""
    if isinstance(value, ast.Name) and value.id in bound:
        return True
    if _session_kept_url(ctx, value, bound):
        return True
    if isinstance(value, ast.Call) and ctx.call_name(value) in _URL_BUILDERS:
        arguments = [*value.args, *(keyword.value for keyword in value.keywords)]
        return all(ctx.is_constant(argument) or _setting(ctx, argument) for argument in arguments)
    return False


def _setting(ctx: FileContext, value: ast.expr) -> bool:
    """`settings.LOGIN_REDIRECT_URL`: the same for every user."""
    return (ctx.qualified(value) or "").startswith("django.conf.settings.")


_OWN_SESSIONS = frozenset({"request.session", "self.request.session"})


def _session_kept_url(ctx: FileContext, value: ast.expr, bound: set[str]) -> bool:
    """`request.session.pop("next_url", reverse("home"))` (or `get`): the target the
    requesting browser's own session keeps, a fixed URL when it keeps none. Under `python
    -O` an anonymous requester is sent where its own session says, which grants it
    nothing; not a value kept without a URL to fall back to (`session.get("token")`),
    nor another session's (`SessionStore(session_key=key)`)."""
    if not (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr in ("get", "pop")
        and ast.unparse(value.func.value) in _OWN_SESSIONS
        and len(value.args) == 2
        and not value.keywords
    ):
        return False
    key, default = value.args
    return ctx.is_constant(key) and _fixed_url(ctx, default, bound)


def _access_check(ctx: FileContext, test: ast.expr) -> str | None:
    for inner in ast.walk(test):
        if isinstance(inner, ast.Compare) and _compares_proof(ctx, inner):
            return ast.unparse(inner)
        if isinstance(inner, ast.Attribute | ast.Name):
            qualified = ctx.qualified(inner) or ""
            if qualified.endswith(tuple(_ACCESS_NAMES)) or qualified in _ACCESS_NAMES:
                return ast.unparse(inner)
            name = inner.attr if isinstance(inner, ast.Attribute) else inner.id
            if _names_access(identifier_words(name)):
                return ast.unparse(inner)
    return None


_DATA_WORDS = frozenset(
    {"type", "types", "mimetype", "mime", "filetype", "extension", "extensions", "ext"}
    | {"format", "formats", "file", "filename", "content", "encoding", "size", "length"}
    | {"char", "chars", "character", "characters", "tag", "tags", "attribute", "attributes"}
)
"""What `allowed` may qualify that is data, not a person's access: `is_allowed_type`,
`has_allowed_extension` check what an upload or a text is."""


def _names_access(words: list[str]) -> bool:
    """`is_staff`, `has_permission`, `can_access`, `is_allowed_to_edit`; not a test of
    the kind of data given (`is_allowed_type(file.content_type)`: `allowed` before a
    data word, no other access word in the name)."""
    if not words or words[0] not in {"is", "has", "can"}:
        return False
    found = _ACCESS_WORDS.intersection(words[1:])
    if found != {"allowed"}:
        return bool(found)
    after = words.index("allowed") + 1
    return after == len(words) or words[after] not in _DATA_WORDS


def _compares_proof(ctx: FileContext, compare: ast.Compare) -> bool:
    """`assert oauth_token == session["oauth_token"]`: a token the request brings checked
    against the one kept (not against a constant: `assert kind == "oauth2"`)."""
    if len(compare.ops) != 1 or not isinstance(compare.ops[0], ast.Eq | ast.NotEq):
        return False
    sides = (compare.left, compare.comparators[0])
    if any(ctx.is_constant(side) or _member(side) for side in sides):
        return False
    if any(isinstance(side, ast.Call) and ctx.call_name(side) in _SESSION_IDS for side in sides):
        return True
    return any(_PROOF_WORDS.intersection(identifier_words(name_of(side) or "")) for side in sides)


_SESSION_IDS = frozenset({"flask_login.utils._create_identifier", "flask_login._create_identifier"})
"""Flask-Login's identifier of the client's session (a hash of its address and browser),
which its session protection checks: what is compared with it was bound to that session
(an OAuth state's `sid`, Invenio-OAuthClient's `state["sid"] == _create_identifier()`)."""


def _member(node: ast.expr) -> bool:
    """`TokenType.BEARER`: a member of a class or enum, a constant in all but name."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id[:1].isupper()
    )
