"""Whether a project's middleware turns away every anonymous request before the view runs.

A middleware whose `process_request` (or `__call__`, or `process_view`) tests the user
of the request at the top of its body and, for the anonymous, answers itself (a redirect
to `settings.LOGIN_URL`, `redirect_to_login(...)`, a 403) or raises, does what Django
5.1's `LoginRequiredMiddleware` does, whatever the class is called: the older recipe
(`ConfigurationCheckMiddleware`, `AuthRequiredMiddleware`) that lets through only the
paths of a `LOGIN_EXEMPT_URLS` list. The test may also only set a flag that a later
test of the body answers for (`if request.user.is_anonymous: allow = False`, then
`if not allow: return redirect(...)`), which exempt URLs may set back in between.

So does one that hands on the logged-in first and answers every other request at the
end of its body (`if is_authenticated or is_login_path: return None`, then `return
HttpResponseRedirect(reverse("users:login"))`), where being logged in is
`request.user.is_authenticated` or, in a client of a single sign-on server keeping its
token in the session, a key of `request.session` (`sso_token =
request.session.get("sso_token")`) when the answer sends the visitor to a login.

So does one that takes who the user is from a header that a single sign-on proxy in
front of the site sets (`email = request.META.get(settings.OIDC_EMAIL_HEADER)`), answers
itself a request without it (`if email is None: return HttpResponse(status=401)`) and
sets `request.user` from it: no view runs for a visitor the proxy did not log in.
"""

from __future__ import annotations

import ast
import re

from webwarden.model.caller_checks import after_docstring
from webwarden.model.tree import name_attribute

LOGIN_HOOKS = frozenset({"process_request", "process_view", "__call__"})
"""Middleware methods that run on each request before its view."""


def turns_away_anonymous(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a middleware method answers every anonymous request itself: a statement
    of its body (not one nested in another test) is `if not request.user.is_authenticated:`
    (or `request.user.is_anonymous`, either joined with other tests) whose branch returns
    a response or raises, and never returns nothing (which hands the request on); or it
    refuses a request without the header a sign-on proxy sets (`requires_proxy_login`)."""
    request = request_parameter(method)
    if not request:
        return False
    body = after_docstring(method.body)
    return (
        any(
            isinstance(stmt, ast.If)
            and (
                (
                    anonymous_test(stmt.test, request)
                    and (answers(stmt.body) or _answers_by_flag(stmt.body, body[index + 1 :]))
                )
                or (_no_session_login(stmt.test, request) and _answers_with_login(stmt.body))
            )
            for index, stmt in enumerate(body)
        )
        or lets_only_logged_in(body, request)
        or requires_proxy_login(method)
    )


def request_parameter(method: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    """The name of the request parameter of a middleware method run before the view."""
    parameters = method.args.posonlyargs + method.args.args
    if method.name not in LOGIN_HOOKS or len(parameters) < 2:
        return ""
    return parameters[1].arg


_HEADERS = frozenset({"META", "headers"})


def requires_proxy_login(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a middleware method run before the view reads a header into a name (`email
    = request.META.get(H)`), then, in a statement of its own (not one nested in another
    test), answers itself when the name holds nothing (`if email is None:`, `if not
    email:`, either joined with other tests) and, somewhere, sets `request.user`: the
    user a sign-on proxy in front logged in. No login of the app's own (a password form,
    the admin's) is reached by a visitor the proxy did not log in."""
    request = request_parameter(method)
    if not request:
        return False
    body = after_docstring(method.body)
    read: set[str] = set()
    refused = False
    for stmt in body:
        if isinstance(stmt, ast.Assign) and reads_header(stmt.value, request):
            read.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif (
            isinstance(stmt, ast.If)
            and read
            and _absent_test(stmt.test, read)
            and answers(stmt.body)
        ):
            refused = True
    return refused and any(
        isinstance(target, ast.Attribute)
        and target.attr == "user"
        and isinstance(target.value, ast.Name)
        and target.value.id == request
        for node in _walk(body)
        if isinstance(node, ast.Assign)
        for assigned in node.targets
        for target in ast.walk(assigned)
    )


def reads_header(value: ast.AST, request: str) -> bool:
    """Whether `value` reads a header of the request held by the name `request`
    (`request.META[...]`, `request.headers.get(...)`)."""
    return any(
        isinstance(node, ast.Attribute)
        and node.attr in _HEADERS
        and isinstance(node.value, ast.Name)
        and node.value.id == request
        for node in ast.walk(value)
    )


def _absent_test(test: ast.expr, names: set[str]) -> bool:
    """A test true when one of the names holds nothing: `name is None`, `not name`, or a
    boolean operation over one."""
    if isinstance(test, ast.BoolOp):
        return any(_absent_test(value, names) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return isinstance(test.operand, ast.Name) and test.operand.id in names
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id in names
        and len(test.ops) == 1
        and isinstance(test.ops[0], ast.Is)
        and isinstance(test.comparators[0], ast.Constant)
        and test.comparators[0].value is None
    )


def _answers_by_flag(branch: list[ast.stmt], rest: list[ast.stmt]) -> bool:
    """Whether the anonymous branch sets a flag (`allow = False`, `deny = True`) that a
    later statement of the body tests and answers for (`if not allow: return
    redirect(...)`) before any statement of the body sets it again unconditionally."""
    for name, value in _flags(branch).items():
        for stmt in rest:
            if _answers_for(stmt, name, value):
                return True
            if name in _flags(stmt):
                break
    return False


def _answers_for(stmt: ast.stmt, name: str, value: bool) -> bool:
    """Whether the statement is a test of the flag holding the value that answers."""
    return isinstance(stmt, ast.If) and _tests_flag(stmt.test, name, value) and answers(stmt.body)


def _flags(statements: list[ast.stmt] | ast.stmt) -> dict[str, bool]:
    """The names the statements (not nested ones) set to `True` or `False`."""
    found: dict[str, bool] = {}
    for stmt in statements if isinstance(statements, list) else [statements]:
        if (
            isinstance(stmt, ast.Assign)
            and len(stmt.targets) == 1
            and isinstance(stmt.targets[0], ast.Name)
            and isinstance(stmt.value, ast.Constant)
            and isinstance(stmt.value.value, bool)
        ):
            found[stmt.targets[0].id] = stmt.value.value
    return found


def _tests_flag(test: ast.expr, name: str, value: bool) -> bool:
    """Whether the test is true when the flag holds the value: `if not allow:` for
    `allow = False`, `if deny:` for `deny = True`."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return not value and isinstance(test.operand, ast.Name) and test.operand.id == name
    return value and isinstance(test, ast.Name) and test.id == name


def anonymous_test(test: ast.expr, request: str) -> bool:
    """A test true for the anonymous: `not request.user.is_authenticated`,
    `request.user.is_anonymous` (called or not), or a boolean operation over one; also
    `not (request.user.is_authenticated and request.user.is_staff)`, false only for
    users who are logged in."""
    if isinstance(test, ast.BoolOp):
        return any(anonymous_test(value, request) for value in test.values)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        operand = test.operand
        if isinstance(operand, ast.BoolOp) and isinstance(operand.op, ast.And):
            return any(
                _user_attribute(value, request) == "is_authenticated" for value in operand.values
            )
        return _user_attribute(operand, request) == "is_authenticated"
    return _user_attribute(test, request) == "is_anonymous"


def _user_attribute(node: ast.expr, request: str) -> str:
    if isinstance(node, ast.Call) and not node.args:
        node = node.func  # NOTE: Django before 1.10 made `is_authenticated()` a method.
    if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Attribute)):
        return ""
    user = node.value
    if user.attr == "user" and isinstance(user.value, ast.Name) and user.value.id == request:
        return node.attr
    return ""


def answers(branch: list[ast.stmt]) -> bool:
    """Whether the branch returns a response or raises, and never returns nothing."""
    found = False
    for node in _walk(branch):
        if isinstance(node, ast.Raise):
            found = True
        elif isinstance(node, ast.Return):
            if node.value is None or (
                isinstance(node.value, ast.Constant) and node.value.value is None
            ):
                return False
            found = True
    return found


def _walk(branch: list[ast.stmt]) -> list[ast.AST]:
    """The nodes of the branch, not those of functions or classes defined in it."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(branch)
    while pending:
        node = pending.pop()
        found.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            pending.extend(ast.iter_child_nodes(node))
    return found


_USER = "user"
_SESSION = "session"


def lets_only_logged_in(body: list[ast.stmt], request: str) -> bool:
    """Whether a middleware method's body ends answering itself (a `return` of a response
    or a `raise`, not nested in a test) after a statement of its own that hands on the
    logged-in (`if request.user.is_authenticated or request.path in EXEMPT: return None`,
    the test also through names bound before it), or those whose session holds a key
    (`is_authenticated = sso_token and user_data` after `sso_token =
    request.session.get("sso_token")`) when the answer sends them to a login
    (`reverse("users:login")`, `settings.LOGIN_URL`). Not when a test handing requests on
    lets through all but some (`if not request.path.startswith("/admin/"): return None`,
    `path not in GUARDED`): the gate covers some paths only."""
    if not body or not _refuses(body[-1]):
        return False
    names: dict[str, str] = {}
    gate = ""
    for stmt in body[:-1]:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                kind = _logged_in(stmt.value, request, names)
                names.pop(target.id, None)
                if kind:
                    names[target.id] = kind
        elif isinstance(stmt, ast.If) and _hands_on(stmt.body):
            if any(
                _negated(test)
                for test in _operands(stmt.test)
                if not _logged_in(test, request, names)
            ):
                return False
            gate = gate or _logged_in(stmt.test, request, names)
    if gate == _SESSION:
        return _answers_with_login([body[-1]])
    return gate == _USER


_ANSWER_WORDS = re.compile(r"redirect|response|render|forbidden|denied|login", re.IGNORECASE)
"""Words of a call making a response (`HttpResponseRedirect`, `redirect_to_login`)."""


def _refuses(stmt: ast.stmt) -> bool:
    """A `raise`, or a `return` of a response the middleware makes itself: not one the
    view makes (`self.get_response(request)`, `view_func(request)`), nor a name."""
    if isinstance(stmt, ast.Raise):
        return True
    if not (isinstance(stmt, ast.Return) and isinstance(stmt.value, ast.Call)):
        return False
    func = stmt.value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name != "get_response" and bool(_ANSWER_WORDS.search(name))


def _operands(test: ast.expr) -> list[ast.expr]:
    if isinstance(test, ast.BoolOp):
        return [operand for value in test.values for operand in _operands(value)]
    return [test]


def _logged_in(test: ast.expr, request: str, names: dict[str, str]) -> str:
    """`user` for a test true for the logged-in (`request.user.is_authenticated`, `not
    request.user.is_anonymous`, a name bound to one), `session` for one true when the
    session holds a key, or a boolean operation over one; else empty."""
    kinds = {_logged_in_operand(operand, request, names) for operand in _operands(test)}
    return _USER if _USER in kinds else _SESSION if _SESSION in kinds else ""


def _logged_in_operand(test: ast.expr, request: str, names: dict[str, str]) -> str:
    if isinstance(test, ast.Name):
        return names.get(test.id, "")
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return _USER if _user_attribute(test.operand, request) == "is_anonymous" else ""
    if _user_attribute(test, request) == "is_authenticated":
        return _USER
    return _SESSION if _session_read(test, request) else ""


def _session_read(node: ast.expr, request: str) -> bool:
    """`request.session.get(key)`, `request.session[key]` or `key in request.session`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "get" and name_attribute(node.func.value, request, "session")
    if isinstance(node, ast.Subscript):
        return name_attribute(node.value, request, "session")
    return (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.In)
        and name_attribute(node.comparators[0], request, "session")
    )


def _no_session_login(test: ast.expr, request: str) -> bool:
    """A test true when the session lacks a key: `not request.session.get("token")`,
    or a boolean operation over one."""
    return any(
        isinstance(operand, ast.UnaryOp)
        and isinstance(operand.op, ast.Not)
        and _session_read(operand.operand, request)
        for operand in _operands(test)
    )


def _negated(test: ast.expr) -> bool:
    """`not x` or `x not in y`: true for all but what it names."""
    if isinstance(test, ast.UnaryOp):
        return isinstance(test.op, ast.Not)
    return isinstance(test, ast.Compare) and any(isinstance(op, ast.NotIn) for op in test.ops)


def _hands_on(branch: list[ast.stmt]) -> bool:
    return any(isinstance(node, ast.Return) for node in _walk(branch))


_LOGIN_WORDS = re.compile(r"log_?in|sign_?in|sso", re.IGNORECASE)
"""Words of where a middleware sends a visitor to log in (`users:login`, `LOGIN_URL`,
`redirect_to_login`, `SSO_AUTHORIZE_URI`)."""


def _answers_with_login(branch: list[ast.stmt]) -> bool:
    """Whether the branch answers (`answers`) with a response naming a login: a
    session lacking a key is a login missing only when the visitor is sent to one."""
    return answers(branch) and any(
        isinstance(node, ast.Return)
        and node.value is not None
        and any(_LOGIN_WORDS.search(word) for word in _words(node.value))
        for node in _walk(branch)
    )


def _words(node: ast.expr) -> list[str]:
    found: list[str] = []
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            found.append(child.value)
        elif isinstance(child, ast.Name):
            found.append(child.id)
        elif isinstance(child, ast.Attribute):
            found.append(child.attr)
    return found


_PATH_READS = frozenset({"path", "path_info", "get_full_path", "resolver_match", "url_name"})
"""What a test of the request's path reads: a list of exempt URLs, an area's prefix."""


def switched_anonymous_test(method: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a middleware method run before the view tests for the anonymous only inside
    a test of something else that comes first: a switch read at run time (`if
    SiteConfig.get().private_site and ...:` holding `if not request.user.is_authenticated:`),
    so that it lets every visitor through while the switch is off. Not a test of the
    request's path (an exempt list, an area's prefix), of the user, or of a setting of
    the settings modules (`settings.LOGIN_REQUIRED`, whose shipped value can be read)."""
    request = request_parameter(method)
    if not request:
        return False
    body = after_docstring(method.body)
    if any(isinstance(s, ast.If) and anonymous_test(s.test, request) for s in body):
        return False
    return any(
        isinstance(stmt, ast.If)
        and not _reads_path_user_or_setting(stmt.test, request)
        and any(
            isinstance(inner, ast.If) and anonymous_test(inner.test, request)
            for inner in _walk(stmt.body)
        )
        for stmt in body
    )


def _reads_path_user_or_setting(test: ast.expr, request: str) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and (node.attr in _PATH_READS or node.attr == "user"):
            return True
        if isinstance(node, ast.Name) and node.id == "settings":
            return True
    return anonymous_test(test, request)
