"""Logged-in views that fetch a row by the key the request chooses alone (WW731)."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from webwarden.model.auth.owned_rows import current_user, last_name, lookup_model
from webwarden.model.module import spans_line
from webwarden.rules.auth._drf_view_permissions import asks_the_object, drf_class
from webwarden.rules.auth._object_lookups import REQUEST_DATA, changed, from_request, parent_scoped
from webwarden.rules.context import FileContext

TAG = "owned-fetch:"
"""Tag of a finding, followed by `model:view:lookup` for the project step."""
DEFAULT_TAG = "owned-fetch-by-default-permissions"
"""Tag of a finding in a REST framework view that sets no permission classes."""

_FUNCTIONS = ast.FunctionDef | ast.AsyncFunctionDef
_DATA = REQUEST_DATA | {"args", "form", "json", "values", "get_json", "view_args", "kwargs"}
_LOGIN_WORDS = ("login", "isauthenticated", "jwt_required", "token_required", "auth_required")
_NOT_LOGIN = ("exempt", "optional", "not_required", "allowany", "orreadonly")
_GUARD_WORDS = (
    "staff", "superuser", "admin", "permission_required", "passes_test", "has_perm",
    "owner", "role", "objectpermission", "object_permission", "guardian",
)  # fmt: skip
"""Words of a decorator, base class or permission class that restricts the view beyond a
login (`@staff_member_required`, `PermissionRequiredMixin`, `IsOwner`)."""
_BODY_GUARDS = ("is_staff", "is_superuser", "has_perm", "permission", "owner")
"""Words of a name the view reads that checks who asks beyond a login."""
_CHECK_WORDS = ("check", "perm", "owner", "author", "allow", "access", "can_", "may_", "verify")
_ROW_ENDS = frozenset(
    {"get", "get_object_or_404", "get_or_404", "first", "first_or_404", "one", "one_or_none"}
    | {"last", "delete", "update", "scalar", "scalar_one", "scalar_one_or_none"}
)
"""Calls that end a lookup of one row (or change the rows found)."""
_WRITES = frozenset({"delete", "update"})
_USER_NAMES = frozenset({"user", "current_user", "current_identity"})
_SHORTCUTS = frozenset({"get_object_or_404", "get_list_or_404"})
"""Shortcuts taking the model or a queryset of it first, and keys after it."""
_CHAIN = frozenset({"filter", "filter_by", "exclude", "where", "all", "select_related", "only"})
_NOT_KEYS = frozenset({"query", "select", "update", "values", "values_list", "order_by"})
_NOT_KEYS |= {"prefetch_related", "select_related", "only", "defer", "options", "annotate"}
"""Calls of a lookup chain whose arguments are no keys (the model, the new values)."""
_WRITE_METHODS = frozenset({"post", "put", "patch", "delete", "destroy", "update", "form_valid"})
_HTTP_METHODS = _WRITE_METHODS | {"get", "head", "retrieve", "partial_update"}
_ROUTES = frozenset({"route", "get", "post", "put", "patch", "delete"})
_DETAIL_BASES = (
    *("DetailView", "UpdateView", "DeleteView", "Retrieve", "Update", "Destroy"),
    *("ModelViewSet", "SingleObjectMixin"),
)
_WRITE_BASES = ("UpdateView", "DeleteView", "Update", "Destroy", "ModelViewSet")
_NARROWING = frozenset({"get_queryset", "get_object", "has_object_permission"})


@dataclass(frozen=True, slots=True)
class Fetch:
    """One fetch of a `model` row by the request's `lookup` in `view`."""

    node: ast.AST
    model: str
    view: str
    lookup: str
    writes: bool
    by_default: bool = False
    """The view is a REST framework view that sets no permission classes: it requires a
    login when the project's `DEFAULT_PERMISSION_CLASSES` do (the project step asks)."""


def _text(nodes: list[ast.expr]) -> str:
    return " ".join(ast.unparse(n) for n in nodes).lower()


def _logged_in(marks: str) -> bool:
    return any(w in marks for w in _LOGIN_WORDS) and not any(w in marks for w in _NOT_LOGIN)


def _class_marks(owner: ast.ClassDef) -> list[ast.expr]:
    """The bases, decorators and the access settings of a class-based view."""
    marks: list[ast.expr] = [*owner.bases, *owner.decorator_list]
    for statement in owner.body:
        if isinstance(statement, ast.Assign) and any(
            isinstance(t, ast.Name)
            and t.id in {"permission_classes", "decorators", "method_decorators"}
            for t in statement.targets
        ):
            marks.append(statement.value)
            # NOTE: naming the attribute tells `_drf_default` the view chose its classes
            # (`permission_classes = ()` lets everyone in), not the project's default.
            marks += [t for t in statement.targets if _named(t, "permission_classes")]
        elif isinstance(statement, _FUNCTIONS) and statement.name == "dispatch":
            marks += statement.decorator_list
    return marks


def _named(target: ast.expr, name: str) -> bool:
    return isinstance(target, ast.Name) and target.id == name


def function_fetches(
    function: ast.FunctionDef | ast.AsyncFunctionDef, ctx: FileContext
) -> list[Fetch]:
    """The unscoped fetches of a logged-in function view or view method."""
    if not _row_ends_within(ctx, function):
        return []
    owner = ctx.parent(function)
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    marks = [*function.decorator_list]
    routed = any(isinstance(d, ast.Call) and last_name(d.func) in _ROUTES for d in marks)
    writes = False
    if isinstance(owner, ast.Module) and (params[:1] == ["request"] or routed):
        chosen = set(params[1:] if params[:1] == ["request"] else params)
        methods = _route_methods(marks)
        writes = bool(methods) and methods <= {"post", "put", "patch", "delete"}
    elif (
        isinstance(owner, ast.ClassDef)
        and params[:1] == ["self"]
        and (function.name in _HTTP_METHODS)
    ):
        chosen = set(params[2:] if params[1:2] == ["request"] else params[1:])
        marks += _class_marks(owner)
        writes = function.name in _WRITE_METHODS
    else:
        return []
    text = _text(marks)
    drf = "api_view" in text or (
        isinstance(owner, ast.ClassDef)
        and bool(owner.bases)
        and all(drf_class(ctx, b) for b in owner.bases)
    )
    by_default = _drf_default(text, drf)
    if not (_logged_in(text) or by_default):
        return []
    if any(w in text for w in _GUARD_WORDS) or _guarded_body(function):
        return []
    if asks_the_object(ctx, marks):
        return []
    assigns = [n for n in ast.walk(function) if isinstance(n, ast.Assign)]
    for _ in range(2):
        for assign in assigns:
            if from_request(assign.value, chosen, _DATA) and lookup_model_of(assign.value) is None:
                chosen.update(t.id for t in assign.targets if isinstance(t, ast.Name))
    view = f"{owner.name}.{function.name}" if isinstance(owner, ast.ClassDef) else function.name
    users = _user_names(function, assigns)
    found: list[Fetch] = []
    for call in ast.walk(function):
        if not isinstance(call, ast.Call) or _inner(ctx, call):
            continue
        fetched = _fetch(call, chosen, users)
        if fetched is None:
            continue
        model, lookup = fetched
        row = _row_name(ctx, call)
        if row is not None and _row_checked(function, row, _helpers(ctx, owner)):
            continue
        row_changed = row is not None and changed(function, row)
        if row_changed and model in parent_scoped(ctx):
            continue  # NOTE: WW716 judges a row edited outside the parent others keep to.
        edits = row_changed or last_name(call.func) in _WRITES
        found.append(Fetch(call, model, f"{view}()", lookup, writes or edits, by_default))
    return found


def _row_ends_within(ctx: FileContext, function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether a call that may end a row's lookup (`_ROW_ENDS`) stands within the lines
    of `function`: asked of the module's node index before any walk of the function."""
    lines = ctx.memo.get(_row_ends_within)
    if not isinstance(lines, list):
        lines = sorted(
            call.lineno
            for call in ctx.nodes(ast.Call)
            if isinstance(call, ast.Call) and last_name(call.func) in _ROW_ENDS
        )
        ctx.memo[_row_ends_within] = lines
    return spans_line(lines, function)


def lookup_model_of(value: ast.expr) -> str | None:
    """The model a value looks rows of up, when it is such a call."""
    return lookup_model(value) if isinstance(value, ast.Call) else None


def _route_methods(marks: list[ast.expr]) -> set[str]:
    """The HTTP methods a Flask route or REST framework `@api_view` names (lowercase)."""
    found: set[str] = set()
    for mark in marks:
        if not isinstance(mark, ast.Call):
            continue
        name = last_name(mark.func)
        if name in _ROUTES - {"route"}:
            found.add(name)
        lists = [k.value for k in mark.keywords if k.arg in {"methods", "http_method_names"}]
        if name == "api_view":
            lists += mark.args[:1]
        for listed in lists:
            if isinstance(listed, ast.List | ast.Tuple | ast.Set):
                found.update(
                    e.value.lower()
                    for e in listed.elts
                    if isinstance(e, ast.Constant) and isinstance(e.value, str)
                )
    return found


def _guarded_body(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether the view's body reads a staff, superuser, permission or owner check."""
    for node in (n for statement in function.body for n in ast.walk(statement)):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")
        if isinstance(name, str) and any(w in name.lower() for w in _BODY_GUARDS):
            return True
    return False


def _inner(ctx: FileContext, call: ast.Call) -> bool:
    """Whether the call is a link of a longer lookup chain (`.filter(...)` in
    `.filter(...).first()`), judged with the chain's last call."""
    parent = ctx.parent(call)
    return (
        isinstance(parent, ast.Attribute)
        and parent.attr in _ROW_ENDS | _CHAIN
        and isinstance(ctx.parent(parent), ast.Call)
    )


def _fetch(call: ast.Call, chosen: set[str], users: set[str]) -> tuple[str, str] | None:
    """(the model, the first key) when the call ends a lookup of one row whose every
    key the request chooses and none is a user (`request.user`, or a local holding it:
    `users`)."""
    if last_name(call.func) not in _ROW_ENDS:
        return None
    model = lookup_model(call)
    if model is None:
        return None
    keys = _chain_keys(call)
    if not keys or any(
        current_user(v) or _holds_user(v, users) or not from_request(v, chosen, _DATA)
        for _, v in keys
    ):
        return None
    return model, keys[-1][0]


def _holds_user(value: ast.expr, users: set[str]) -> bool:
    return isinstance(value, ast.Name) and value.id in users


def _user_names(function: ast.AST, assigns: list[ast.Assign]) -> set[str]:
    """The locals that hold the user who asks, whatever the request sent: an alias (`user
    = request.user`) or what a model form editing that user saves (`form =
    UserForm(data=request.POST, instance=request.user)`, then `user = form.save()`,
    which returns the instance it was given). Every binding of the name must be such
    (a parameter, or one bound by a loop, a `with`, a walrus or unpacking, is none)."""
    values: dict[str, list[ast.expr]] = {}
    simple = {id(t) for a in assigns for t in a.targets}
    for node in ast.walk(function):
        if (
            isinstance(node, ast.Name)
            and isinstance(node.ctx, ast.Store)
            and id(node) not in simple
        ):
            values.setdefault(node.id, []).append(ast.Constant(None))
        if isinstance(node, ast.arg):
            values.setdefault(node.arg, []).append(ast.Constant(None))
    for assign in assigns:
        for target in assign.targets:
            if isinstance(target, ast.Name):
                values.setdefault(target.id, []).append(assign.value)
    users: set[str] = set()
    forms: set[str] = set()
    for _ in range(2):
        for name, bound in values.items():
            if all(_is_user(value, users) for value in bound):
                users.add(name)
            elif all(_user_form(value, users) for value in bound):
                forms.add(name)
            elif all(_saved_form(value, forms) for value in bound):
                users.add(name)
    return users


def _user_form(value: ast.expr, users: set[str]) -> bool:
    """`UserForm(data=request.POST, instance=request.user)`: a form editing the user."""
    return isinstance(value, ast.Call) and any(
        k.arg == "instance" and _is_user(k.value, users) for k in value.keywords
    )


def _saved_form(value: ast.expr, forms: set[str]) -> bool:
    """`form.save()` of a form editing the user, which returns that instance."""
    return (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Attribute)
        and value.func.attr == "save"
        and isinstance(value.func.value, ast.Name)
        and value.func.value.id in forms
    )


def _is_user(value: ast.expr, users: set[str]) -> bool:
    """`request.user` itself (not a value read from it), or a local holding it."""
    if _holds_user(value, users):
        return True
    return (
        isinstance(value, ast.Attribute | ast.Name)
        and last_name(value) in _USER_NAMES
        and current_user(value)
    )


def _chain_keys(call: ast.Call) -> list[tuple[str, ast.expr]]:
    """The keys of every call of a lookup chain, also of a queryset handed to
    `get_object_or_404(Invoice.objects.filter(owner=request.user), pk=pk)`."""
    keys: list[tuple[str, ast.expr]] = []
    node: ast.expr = call
    while isinstance(node, ast.Call | ast.Attribute):
        if isinstance(node, ast.Call):
            keys += _keys(node)
            first = node.args[0] if node.args else None
            if last_name(node.func) in _SHORTCUTS and isinstance(first, ast.Call):
                keys += _chain_keys(first)
            node = node.func
        else:
            node = node.value
    return keys


def _keys(call: ast.Call) -> list[tuple[str, ast.expr]]:
    """(the key, its value) of one call of a lookup chain: its keywords, comparisons
    (`Book.id == book_id`) and positional keys (`Book.query.get(book_id)`), leaving out
    the model (`get_object_or_404(Book, ...)`, `db.session.get(Book, ...)`)."""
    name = last_name(call.func)
    if name in _NOT_KEYS:
        return []
    given = call.args
    if name in _SHORTCUTS or (
        name == "get" and last_name(getattr(call.func, "value", call.func)) == "session"
    ):
        given = given[1:]
    keys = [(k.arg or "**", k.value) for k in call.keywords]
    for argument in given:
        if isinstance(argument, ast.Compare) and len(argument.comparators) == 1:
            keys.append((last_name(argument.left) or "?", argument.comparators[0]))
        else:
            keys.append(("id" if name in {"get", "get_or_404"} else "?", argument))
    return keys


def _row_name(ctx: FileContext, call: ast.Call) -> str | None:
    parent = ctx.parent(call)
    if isinstance(parent, ast.Assign) and len(parent.targets) == 1:
        target = parent.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    return None


def _helpers(
    ctx: FileContext, owner: ast.AST | None
) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """The functions a view may hand the row to: the module's top-level functions by name,
    and for a view method the other methods of its class, as `self.name`."""
    found = {n.name: n for n in ctx.tree.body if isinstance(n, _FUNCTIONS)}
    if isinstance(owner, ast.ClassDef):
        found.update((f"self.{n.name}", n) for n in owner.body if isinstance(n, _FUNCTIONS))
    return found


def _row_checked(
    function: ast.AST,
    name: str,
    helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    depth: int = 2,
) -> bool:
    """Whether the view tests the row (`if row.owner != request.user:`), hands it to a
    check (`check_owner(request, row)`, `has_perm("...", row)`), asks the row itself
    about a user (`row.can_edit(request.user)`), or hands it to a function of its module
    or a method of its class that does one of those with it (`delete_shelf_helper(shelf)`,
    which starts `if not check_shelf_edit_permissions(shelf): return False`;
    `self.ensure_token(invite, token)`, testing `tokens.check_token(invite, token)`)."""
    for node in ast.walk(function):
        if isinstance(node, ast.If | ast.While | ast.IfExp | ast.Assert) and _tests_user(
            node.test, name
        ):
            return True
        if not isinstance(node, ast.Call):
            continue
        if depth and _helper_checks(node, name, helpers, depth):
            return True
        called = last_name(node.func).lower()
        given = [*node.args, *(k.value for k in node.keywords)]
        if any(w in called for w in _CHECK_WORDS) and any(
            isinstance(n, ast.Name) and n.id == name for n in ast.walk(node)
        ):
            return True  # `check_owner(request, row)`, `row.project.check_access(user)`
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == name
            and any(current_user(g) or "user" in ast.unparse(g).lower() for g in given)
        ):
            return True
    return False


def _helper_checks(
    call: ast.Call,
    name: str,
    helpers: dict[str, ast.FunctionDef | ast.AsyncFunctionDef],
    depth: int,
) -> bool:
    """Whether `call` hands the row `name` to a function of the module, or a method of the
    view's class (`self.ensure_token(invite, token)`), that checks the parameter it takes
    it as."""
    func = call.func
    key = func.id if isinstance(func, ast.Name) else None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        key = f"self.{func.attr}" if func.value.id == "self" else None
    helper = helpers.get(key) if key is not None else None
    if helper is None:
        return False
    params = [a.arg for a in (*helper.args.posonlyargs, *helper.args.args)]
    if key is not None and key.startswith("self.") and not _static(helper):
        params = params[1:]
    return any(
        isinstance(given, ast.Name)
        and given.id == name
        and index < len(params)
        and _row_checked(helper, params[index], helpers, depth - 1)
        for index, given in enumerate(call.args)
    )


def _static(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list)


def _tests_user(test: ast.expr, name: str) -> bool:
    """Whether a test reads the row and a user or a check (`row.owner != request.user`,
    `row.user_id == current_user.id`, `not row.can_edit(user)`): `if row is None:` is
    no such test."""
    names = [n for n in ast.walk(test) if isinstance(n, ast.Name | ast.Attribute)]
    if not any(isinstance(n, ast.Name) and n.id == name for n in names):
        return False
    words = ("user", "owner", "author", "member", *_CHECK_WORDS)
    return any(
        any(w in (n.id if isinstance(n, ast.Name) else n.attr).lower() for w in words)
        for n in names
    )


def class_fetches(owner: ast.ClassDef, ctx: FileContext) -> list[Fetch]:
    """The single-object view classes (`DetailView`, `UpdateView`, REST framework's
    retrieve, update and destroy views and viewsets) that require a login and fetch the
    row the URL names from a `model` or `queryset` nothing narrows to the user."""
    bases = _text(owner.bases)
    if not any(b.lower() in bases for b in _DETAIL_BASES):
        return []
    marks = _class_marks(owner)
    text = _text(marks)
    by_default = _drf_default(text, all(drf_class(ctx, b) for b in owner.bases))
    if not (_logged_in(text) or by_default) or any(w in text for w in _GUARD_WORDS):
        return []
    if asks_the_object(ctx, marks):
        return []
    lookup = "pk"
    source: tuple[ast.Assign, str] | None = None
    for statement in owner.body:
        if isinstance(statement, _FUNCTIONS) and statement.name in _NARROWING:
            return []
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target, value = statement.targets[0], statement.value
        name = target.id if isinstance(target, ast.Name) else ""
        if name == "model" and isinstance(value, ast.Name | ast.Attribute):
            source = source or (statement, last_name(value))
        elif name == "queryset" and isinstance(value, ast.Call) and not current_user(value):
            model = lookup_model(value)
            source = (statement, model) if model else source
        elif name in {"lookup_field", "slug_field"} and isinstance(value, ast.Constant):
            lookup = str(value.value)
    if source is None:
        return []
    writes = any(b.lower() in bases for b in _WRITE_BASES) and "readonly" not in bases
    return [Fetch(source[0], source[1], owner.name, lookup, writes, by_default)]


def _drf_default(marks: str, drf: bool) -> bool:
    """A REST framework view (`drf`) whose marks name no permission classes."""
    return drf and "permission_classes" not in marks and not _logged_in(marks)
