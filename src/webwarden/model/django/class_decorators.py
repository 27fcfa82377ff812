"""View decorators written as classes: `@write_access(type=Project)`, where the class's
`__call__(self, function)` returns a wrapper taking the request.

Such a wrapper guards the view when every call of the view in it is decided by a test of
the user: made under `if access:` (`access = auth.is_writable(user=request.user, ...)`),
or after `if not request.user.is_staff: return redirect(...)`. A wrapper that lets a
request through on another test first (`if project.is_public: return function(request)`)
guards nothing for that request, whatever it checks further on.
"""

from __future__ import annotations

import ast

_WRAPPER_PARAMETERS = frozenset({"request", "req", "_request"})
_USER_ATTRIBUTES = frozenset(
    {"is_authenticated", "is_anonymous", "is_staff", "is_superuser", "is_active"}
)
_Function = ast.FunctionDef | ast.AsyncFunctionDef


def decorating_call(node: ast.ClassDef) -> _Function | None:
    """The class's `__call__(self, function, ...)` when it takes a view (not the request,
    as a middleware's does) and defines a wrapper taking the request."""
    for statement in node.body:
        if isinstance(statement, _Function) and statement.name == "__call__":
            parameters = [*statement.args.posonlyargs, *statement.args.args]
            if len(parameters) < 2 or parameters[1].arg in _WRAPPER_PARAMETERS:
                return None
            return statement if wrappers(statement) else None
    return None


def wrappers(call: _Function) -> list[_Function]:
    """The functions `call` defines that take the request first."""
    return [
        node
        for node in ast.walk(call)
        if isinstance(node, _Function)
        and node is not call
        and (arguments := [*node.args.posonlyargs, *node.args.args])
        and arguments[0].arg in _WRAPPER_PARAMETERS
    ]


def guards_view(call: _Function) -> bool:
    """Whether every wrapper calls the view (`__call__`'s parameter) only where a test of
    the user decides, and calls it at least once."""
    view = [*call.args.posonlyargs, *call.args.args][1].arg
    return all(_wrapper_guards(wrapper, view) for wrapper in wrappers(call))


def _wrapper_guards(wrapper: _Function, view: str) -> bool:
    parents = {
        id(child): node for node in ast.walk(wrapper) for child in ast.iter_child_nodes(node)
    }
    users = _user_locals(wrapper)
    calls = [
        node
        for node in ast.walk(wrapper)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == view
    ]
    return bool(calls) and all(_decided(call, wrapper, parents, users) for call in calls)


def _user_locals(wrapper: _Function) -> set[str]:
    """Locals holding the user or what was worked out from it (`user = request.user`,
    `access = auth.is_writable(user=user, project=project)`)."""
    names: set[str] = set()
    assignments = [n for n in ast.walk(wrapper) if isinstance(n, ast.Assign)]
    for _ in range(2):
        for assignment in assignments:
            if _names_user(assignment.value, names):
                names |= {t.id for t in assignment.targets if isinstance(t, ast.Name)}
    return names


def _names_user(node: ast.expr, users: set[str]) -> bool:
    for part in ast.walk(node):
        if isinstance(part, ast.Name) and part.id in users:
            return True
        if isinstance(part, ast.Attribute) and (
            part.attr in _USER_ATTRIBUTES
            or (
                part.attr == "user"
                and isinstance(part.value, ast.Name)
                and part.value.id == "request"
            )
        ):
            return True
    return False


def _decided(
    call: ast.Call, wrapper: _Function, parents: dict[int, ast.AST], users: set[str]
) -> bool:
    """Whether a test of the user stands before the view's call: an `if` it is made under,
    or an `if` before it in a block holding it that returns or raises."""
    child: ast.AST = call
    while child is not wrapper:
        parent = parents.get(id(child))
        if parent is None:
            return False
        if isinstance(parent, ast.If) and child in parent.body and _holds_for(parent.test, users):
            return True
        for block in ("body", "orelse", "finalbody"):
            statements = getattr(parent, block, None)
            if isinstance(statements, list) and child in statements:
                earlier = statements[: statements.index(child)]
                if any(_turns_away(s, users) for s in earlier):
                    return True
        child = parent
    return False


def _holds_for(test: ast.expr, users: set[str]) -> bool:
    """A test that is true only for a user it approves (each side of an `or`)."""
    if isinstance(test, ast.BoolOp):
        parts = [_holds_for(value, users) for value in test.values]
        return any(parts) if isinstance(test.op, ast.And) else all(parts)
    return _names_user(test, users)


def _turns_away(statement: ast.stmt, users: set[str]) -> bool:
    """`if not user.is_staff: return redirect(...)`: a test of the user (each side of an
    `and`) whose body ends by returning or raising."""
    if not (isinstance(statement, ast.If) and statement.body and not statement.orelse):
        return False
    if not isinstance(statement.body[-1], ast.Return | ast.Raise):
        return False
    return _refuses_for(statement.test, users)


def _refuses_for(test: ast.expr, users: set[str]) -> bool:
    if isinstance(test, ast.BoolOp):
        parts = [_refuses_for(value, users) for value in test.values]
        return any(parts) if isinstance(test.op, ast.Or) else all(parts)
    return _names_user(test, users)
