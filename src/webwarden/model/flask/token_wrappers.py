"""Whether a decorator's wrapper refuses a request whose form fails Flask-WTF's token check
before it calls the view.

A project may check the CSRF token in its access decorator rather than with
`CSRFProtect`: the wrapper builds a bare form of the request (`form = FlaskForm()`) and
answers with an error when `form.validate()` fails, then calls the view. Flask-WTF's
`validate()` checks the form's `csrf_token` (read from the posted form or, for a JSON
body, from its `csrf_token` key), so the views under it refuse a forged post. The check
may sit under a test that keeps it to the requests that need it (`if request.method ==
"POST":`, `if request.cookies.get("session"):`): a request skipping it carries no
session cookie to act with or is no post.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator

from webwarden.model.tree import own_nodes

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_VALIDATIONS = frozenset({"validate", "validate_on_submit"})

Resolve = Callable[[ast.expr], "str | None"]


def token_checked_forms(
    resolve: Resolve, decorator: ast.FunctionDef | ast.AsyncFunctionDef
) -> tuple[str, ...]:
    """The references of the form classes whose failed validation the decorator's
    wrapper answers with a refusal (`if not form.validate(): return error(...)`, or
    `raise` or `abort(...)`) before every call of the view it wraps (a parameter of an
    enclosing function), the form being built in the wrapper (`form = FlaskForm()`);
    empty when some call of the view comes first or no such check is made. Whether the
    classes check a token (`FlaskForm`, a project form deriving from it) is for the
    caller to tell."""
    forms: list[str] = []
    for ok in _view_calls(resolve, decorator, frozenset(), forms):
        if not ok:
            return ()
    return tuple(dict.fromkeys(forms))


def _view_calls(
    resolve: Resolve, function: ast.AST, parameters: frozenset[str], forms: list[str]
) -> Iterator[bool]:
    """For each call of one of the parameters of `function` and the functions around
    it: whether a refusing token check of the same function ends before it."""
    if not isinstance(function, _FUNCTIONS):
        return
    arguments = function.args
    names = {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    parameters = parameters | names
    checks = _checks(resolve, function)
    for node in own_nodes(function):
        if isinstance(node, _FUNCTIONS):
            yield from _view_calls(resolve, node, parameters, forms)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in parameters
        ):
            before = [(end, ref) for end, ref in checks if end < node.lineno]
            forms.extend(ref for _, ref in before)
            yield bool(before)


def _checks(
    resolve: Resolve, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> list[tuple[int, str]]:
    """(last line, form class) of each `if not form.validate():` of the function that
    refuses the request, `form` being assigned only a call of a class in it."""
    made = _built_forms(resolve, function)
    found: list[tuple[int, str]] = []
    for node in own_nodes(function):
        if not (isinstance(node, ast.If) and ends_request(node.body)):
            continue
        name = _failed_validation(node.test)
        if name is not None and name in made and node.end_lineno is not None:
            found.append((node.end_lineno, made[name]))
    return found


def _built_forms(
    resolve: Resolve, function: ast.FunctionDef | ast.AsyncFunctionDef
) -> dict[str, str]:
    """Local name -> the class whose call is every value the function assigns it."""
    refs: dict[str, set[str | None]] = {}
    for node in own_nodes(function):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name):
                value = node.value
                ref = resolve(value.func) if isinstance(value, ast.Call) else None
                refs.setdefault(target.id, set()).add(ref)
    return {
        name: ref for name, made in refs.items() if len(made) == 1 and (ref := next(iter(made)))
    }


def _failed_validation(test: ast.expr) -> str | None:
    """`not form.validate()` (or `validate_on_submit()`): the form's local name."""
    if not (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
        return None
    call = test.operand
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr in _VALIDATIONS
        and isinstance(call.func.value, ast.Name)
    ):
        return None
    return call.func.value.id


def ends_request(body: list[ast.stmt]) -> bool:
    """Whether a block ends the request: its last statement returns, raises or calls
    `abort(...)`."""
    last = body[-1]
    if isinstance(last, ast.Return | ast.Raise):
        return True
    return (
        isinstance(last, ast.Expr)
        and isinstance(last.value, ast.Call)
        and isinstance(last.value.func, ast.Name | ast.Attribute)
        and (last.value.func.id if isinstance(last.value.func, ast.Name) else last.value.func.attr)
        == "abort"
    )
