"""What a view's body shows about who may call it and what it does with the request.

Read for the views of modules importing Django, after a text screen: most modules name
none of the words these checks look for.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from webwarden.model import STATE_CHANGING
from webwarden.model.auth.logins import password_check
from webwarden.model.django.caller_checks import is_request, request_name
from webwarden.model.django_messages import MESSAGE_FUNCTIONS
from webwarden.model.module import FileContext
from webwarden.model.tree import super_method

_USER_CHECKS = frozenset(
    {"is_authenticated", "is_anonymous", "is_staff", "is_superuser", "is_active"}
)
LOGIN_DECORATORS = frozenset(
    {"login_required", "permission_required", "user_passes_test", "staff_member_required"}
)
"""Django's decorators that require login (or a permission, or a test of the user)."""
_CHECK_CALLS = LOGIN_DECORATORS | {
    "has_perm", "has_perms", "has_module_perms", "redirect_to_login", "handle_no_permission",
    "check_permissions", "check_object_permissions",
    "get_all_permissions", "get_user_permissions", "get_group_permissions",
}  # fmt: skip
"""Calls checking the user: Django's login decorators, a permission test, or the user's
set of permissions read (`if perm not in request.user.get_all_permissions():`), which an
anonymous user's is empty."""
_LOGINS = frozenset({"django.contrib.auth.login", "django.contrib.auth.alogin"})
"""Django's calls that log a user in: a body making one is the way in (a login, sign-up,
single sign-on or first-run setup view), which no login can guard."""
_NAMED_CHECK = re.compile(r"(?:check|require|assert|ensure|verify|enforce)_\w*(?:perm|access)")
"""A call named for a permission check (`check_edit_post_permission(...)`,
`require_access(...)`): the project's own, handed the user's permissions or the object."""
_CREDENTIAL_CHECKS = frozenset(
    {"authenticate", "aauthenticate", "check_password", "acheck_password"}
)
"""Calls checking credentials the request carries (`authenticate(request, username=...,
password=...)`, `user.check_password(password)`): a view making one, or calling a
function of its module that does, knows who the caller is (an API taking the account's
password with each request), as a login view does."""
_SCREEN = (
    *_USER_CHECKS, *_CHECK_CALLS, *_CREDENTIAL_CHECKS, "PermissionDenied", ".user", "login",
    "_perm", "_access",
)  # fmt: skip
_FORM_DATA = frozenset({"POST", "FILES"})


def _is_user(node: ast.expr, request: str) -> bool:
    """`request.user` (of the view's request, whatever its name) or `self.request.user`."""
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "user"
        and (
            (isinstance(node.value, ast.Name) and node.value.id in {request, "request"})
            or (isinstance(node.value, ast.Attribute) and node.value.attr == "request")
        )
    )


def _checks(ctx: FileContext, node: ast.AST, read_from: set[int], request: str) -> bool:
    if isinstance(node, ast.Attribute):
        # NOTE: the user itself as a value (`owner=request.user`, `plan.user ==
        # request.user`, `{"user": self.request.user}`) scopes the work to them: an
        # anonymous user owns nothing, and Django refuses to save one.
        return node.attr in _USER_CHECKS or (_is_user(node, request) and id(node) not in read_from)
    if isinstance(node, ast.Name):
        return node.id == "PermissionDenied"
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return (
            name in _CHECK_CALLS
            or name in _CREDENTIAL_CHECKS
            or (_NAMED_CHECK.match(name) is not None and super_method(node) is None)
            or ("login" in name and ctx.call_name(node) in _LOGINS)
            or (isinstance(func, ast.Name) and _checks_credentials(ctx, func.id))
        )
    return False


def _checks_credentials(ctx: FileContext, name: str) -> bool:
    """Whether the module's function `name` checks credentials (`_CREDENTIAL_CHECKS`)."""
    for statement in ctx.tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef) and statement.name == name:
            return any(
                isinstance(n, ast.Call)
                and (
                    n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                )
                in _CREDENTIAL_CHECKS
                for n in ast.walk(statement)
            )
    return False


def checks_user(ctx: FileContext, node: ast.AST) -> bool:
    """Whether the function or class body checks who the user is, or logs them in (a
    function's request is its first parameter, whatever its name: `req.user`)."""
    if not any(ctx.mentions(word) for word in _SCREEN):
        return False
    nodes = ctx.subtree(node)
    read_from = {id(n.value) for n in nodes if isinstance(n, ast.Attribute)}
    request = request_name(ctx, node)
    return any(_checks(ctx, child, read_from, request) for child in nodes)


def checked_from(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """For a function view whose body checks the user (`checks_user`): the line of the
    first statement that does (`if not request.user.is_authenticated:`, `owner=
    request.user`, `has_perm()`, `PermissionDenied`) or hands the request itself to a
    call (which may check it for the view); a write on an earlier line is made for anyone
    (`task.save()`, then `task.owners.add(request.user)`). 0 when not known: a body
    logging a user in or checking credentials (the way in: a sign-up saves the account,
    then logs it in), or defining a function or class, whose lines run later."""
    request = request_name(ctx, node)
    read_from = {id(n.value) for n in ctx.subtree(node) if isinstance(n, ast.Attribute)}
    first = 0
    for statement in ast.walk(node):
        if statement is node or not isinstance(statement, ast.stmt):
            continue
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            return 0
        for child in _own_nodes(statement):
            if isinstance(child, ast.Call) and _lets_in(ctx, child):
                return 0
            if _checks(ctx, child, read_from, request) or _hands_request(child, request):
                first = min(first or statement.lineno, statement.lineno)
    return first


def _own_nodes(statement: ast.stmt) -> Iterator[ast.AST]:
    """The nodes of a statement but those of the statements it holds (an `if`'s test, not
    its body)."""
    stack = [c for c in ast.iter_child_nodes(statement) if not isinstance(c, ast.stmt)]
    while stack:
        child = stack.pop()
        yield child
        stack.extend(c for c in ast.iter_child_nodes(child) if not isinstance(c, ast.stmt))


def _hands_request(node: ast.AST, request: str) -> bool:
    """A call given the request itself (`audit(request, pk)`), which may check it."""
    return isinstance(node, ast.Call) and any(
        is_request(arg, request) for arg in (*node.args, *(k.value for k in node.keywords))
    )


def _lets_in(ctx: FileContext, call: ast.Call) -> bool:
    """A call logging a user in or checking credentials (`login(request, user)`,
    `authenticate(...)`, a function of the module that does)."""
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return (
        name in _CREDENTIAL_CHECKS
        or ("login" in name and ctx.call_name(call) in _LOGINS)
        or (isinstance(func, ast.Name) and _checks_credentials(ctx, func.id))
    )


_WHO = re.compile(r"user|session|perm|auth|login|staff|admin|owner|member|role|group", re.I)
"""Words of what tells who the caller is: a body naming none refuses by something else."""


def refuses_only(ctx: FileContext, node: ast.AST) -> bool:
    """Whether `checks_user` holds for the body only by the `PermissionDenied` it raises,
    and it names no user, session or permission (`if client_ip not in ALLOWED_IPS: raise
    PermissionDenied`, a health check's allow-list): it turns callers away by something
    else than who they are."""
    nodes = ctx.subtree(node)
    read_from = {id(n.value) for n in nodes if isinstance(n, ast.Attribute)}
    request = request_name(ctx, node)
    for child in nodes:
        if isinstance(child, ast.Name) and child.id == "PermissionDenied":
            continue
        if _checks(ctx, child, read_from, request) or _names_who(child):
            return False
    return True


def _names_who(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return _WHO.search(node.attr) is not None
    if isinstance(node, ast.Name):
        return _WHO.search(node.id) is not None
    return isinstance(node, ast.arg) and _WHO.search(node.arg) is not None


def request_calls(ctx: FileContext, node: ast.AST) -> tuple[str, ...]:
    """The functions the body hands the request to (`check_project_perms(request,
    project)`), by qualified name: a function of the project that checks the user for
    the view (`has_perm()`, raising) is found by the project step."""
    request = request_name(ctx, node)
    if not ctx.mentions(request):
        return ()
    found: dict[str, None] = {}
    for child in ctx.subtree(node):
        if not isinstance(child, ast.Call):
            continue
        given = [*child.args, *(k.value for k in child.keywords)]
        if not any(is_request(arg, request) or is_request(arg) for arg in given):
            continue
        name = ctx.qualified_here(child.func)
        if name is not None:
            found[name] = None
    return tuple(found)


def _changing_method(node: ast.Compare) -> bool:
    """`request.method == "POST"`, `request.method in ("POST", "PUT")`."""
    operands = [node.left, *node.comparators]
    if not any(isinstance(o, ast.Attribute) and o.attr == "method" for o in operands):
        return False
    for operand in operands:
        values = operand.elts if isinstance(operand, ast.Tuple | ast.List | ast.Set) else [operand]
        for value in values:
            if isinstance(value, ast.Constant) and str(value.value).upper() in STATE_CHANGING:
                return True
    return False


def posts(ctx: FileContext, node: ast.AST) -> bool:
    """Whether a function view handles a state-changing request: it reads form data
    (`request.POST`, `request.FILES`) or compares `request.method` with POST, PUT, PATCH
    or DELETE."""
    if not (ctx.mentions("POST") or ctx.mentions("FILES") or ctx.mentions("method")):
        return False
    for child in ctx.subtree(node):
        if isinstance(child, ast.Attribute) and child.attr in _FORM_DATA:
            return True
        if isinstance(child, ast.Compare) and _changing_method(child):
            return True
    return False


def answers_itself(ctx: FileContext, dispatch: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a class's `dispatch` may answer a request without Django's own: it handles
    a state-changing request (`posts`) or never calls `super().dispatch(...)`, which
    refuses the methods `http_method_names` leaves out."""
    return posts(ctx, dispatch) or not any(
        super_method(node) == "dispatch" for node in ast.walk(dispatch)
    )


def dispatches(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """The functions a view only dispatches to by the request's method: its body (but a
    docstring) is `if request.method == "POST": return create(request)` tests, each
    returning a call handing the request on, and a last such `return`. Each of those
    views answers for itself (by name, qualified; none when the body does anything else)."""
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    found: dict[str, None] = {}
    if not body or not _only_returns_calls(ctx, body, found):
        return ()
    return tuple(found)


def safe_dispatches(
    ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef, targets: tuple[str, ...]
) -> tuple[str, ...]:
    """Of the functions a view dispatches to (`targets`, from `dispatches`), those it
    hands only GET or HEAD requests: the ones returned in the body of `if request.method
    == "GET":` (or `in ("GET", "HEAD")`), in no other branch (`return list_items(request)`
    there, `return create_item(request)` for every other method). CSRF checks leave such
    requests alone, so what those functions do is none of a forged post's business."""
    if not targets:
        return ()
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    safe: dict[str, None] = {}
    other: dict[str, None] = {}
    _split_by_method(ctx, body, safe, other, only_safe=False)
    return tuple(name for name in safe if name not in other)


_SAFE_METHODS = frozenset({"GET", "HEAD"})


def _split_by_method(
    ctx: FileContext,
    body: list[ast.stmt],
    safe: dict[str, None],
    other: dict[str, None],
    *,
    only_safe: bool,
) -> None:
    for statement in body:
        if isinstance(statement, ast.Return):
            _hands_on(ctx, statement.value, safe if only_safe else other)
        elif isinstance(statement, ast.If):
            _split_by_method(
                ctx, statement.body, safe, other, only_safe=only_safe or _safe_only(statement.test)
            )
            _split_by_method(ctx, statement.orelse, safe, other, only_safe=only_safe)


def _safe_only(test: ast.expr) -> bool:
    """`request.method == "GET"`, `request.method in ("GET", "HEAD")`: true only for a
    method that changes nothing."""
    if not (
        isinstance(test, ast.Compare)
        and len(test.ops) == 1
        and isinstance(test.left, ast.Attribute)
        and test.left.attr == "method"
        and is_request(test.left.value)
    ):
        return False
    right = test.comparators[0]
    if isinstance(test.ops[0], ast.Eq):
        return isinstance(right, ast.Constant) and right.value in _SAFE_METHODS
    if isinstance(test.ops[0], ast.In) and isinstance(right, ast.List | ast.Tuple | ast.Set):
        return bool(right.elts) and all(
            isinstance(e, ast.Constant) and e.value in _SAFE_METHODS for e in right.elts
        )
    return False


def _only_returns_calls(ctx: FileContext, body: list[ast.stmt], found: dict[str, None]) -> bool:
    for index, statement in enumerate(body):
        last = index == len(body) - 1
        if isinstance(statement, ast.Return) and last:
            if not _hands_on(ctx, statement.value, found):
                return False
        elif isinstance(statement, ast.If) and _tests_method(statement.test):
            branches = [statement.body] + ([statement.orelse] if statement.orelse else [])
            if not all(_only_returns_calls(ctx, branch, found) for branch in branches):
                return False
            if last and not statement.orelse:
                return False  # NOTE: falls off the end: the view answers None itself
        else:
            return False
    return True


def _tests_method(test: ast.expr) -> bool:
    return any(isinstance(n, ast.Attribute) and n.attr == "method" for n in ast.walk(test))


def _hands_on(ctx: FileContext, value: ast.expr | None, found: dict[str, None]) -> bool:
    if not isinstance(value, ast.Call) or not value.args or not is_request(value.args[0]):
        return False
    name = ctx.qualified_here(value.func)
    if name is None:
        return False
    found[name] = None
    return True


_PAGE_RENDERERS = frozenset(
    {
        "django.shortcuts.render",
        "django.shortcuts.render_to_response",
        "django.template.response.TemplateResponse",
        "django.template.loader.render_to_string",
    }
)
_SUBMITTED = frozenset({"POST", "FILES", "body", "data", "read", "stream"})


def only_shows_page(ctx: FileContext, node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a function view only shows a page: it reads nothing the client submits
    (`request.POST`, `.body`, `.data`) nor tests the method, calls nothing that checks a
    password or logs anyone in (`authenticate`, a form's `is_valid`, `login`), and hands
    the request to Django's page renderers and messages alone (`render(request,
    "login.html")`, `messages.warning(request, ...)` before a `redirect()`): a login page
    that sends its form elsewhere, or tells the user how to log in. A form it builds only
    to show (`_display_form`) checks nothing."""
    arguments = node.args.posonlyargs + node.args.args
    if not arguments or arguments[0].arg != "request" or posts(ctx, node):
        return False
    for child in ctx.subtree(node):
        if (
            isinstance(child, ast.Attribute)
            and child.attr in _SUBMITTED
            and is_request(child.value)
        ):
            return False
        if not isinstance(child, ast.Call):
            continue
        func = child.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        given = [*child.args, *(k.value for k in child.keywords)]
        if name == "login" or (password_check(name) and not _display_form(name, given)):
            return False
        # NOTE: Django's messages framework stores a note for the next page in the
        # session or a cookie, and reads nothing the request carries.
        if any(is_request(arg) for arg in given) and ctx.call_name(child) not in (
            _PAGE_RENDERERS | MESSAGE_FUNCTIONS
        ):
            return False
        if any(isinstance(arg, ast.Starred) for arg in child.args) or any(
            k.arg is None for k in child.keywords
        ):
            return False  # NOTE: `*args` or `**kwargs` may hand the request on
    return True


def _display_form(name: str, given: list[ast.expr]) -> bool:
    """A form class built to be shown, not checked: named `...Form` and nothing else a
    check is named for (`CaloriesForm`, not `LoginValidationForm`), handed nothing of the
    request but its user (`ProfileForm(instance=request.user.profile)`, `initial=...`).
    Unbound, it validates nothing; one bound to what was posted reads `request.POST`,
    and checking it calls `is_valid()`, each of which the caller refuses itself."""
    if not (name[:1].isupper() and name.endswith("Form")) or password_check(name[:-4]):
        return False
    return not any(_reads_request(arg) for arg in given)


def _reads_request(node: ast.AST) -> bool:
    """Whether an expression reads the request other than through its user."""
    if isinstance(node, ast.Attribute) and node.attr == "user" and is_request(node.value):
        return False
    if isinstance(node, ast.expr) and is_request(node):
        return True
    return any(_reads_request(child) for child in ast.iter_child_nodes(node))
