"""Request hooks: `@app.before_request` functions, and `app.after_request(f)` calls."""

from __future__ import annotations

import ast

from webwarden.model.flask.facts import BodyFacts, HookFact
from webwarden.model.flask.hook_passes import passes
from webwarden.model.flask.references import Namer
from webwarden.model.module import FileContext

_HOOKS = frozenset(
    {"before_request", "after_request", "before_app_request", "after_app_request"}
    | {"url_value_preprocessor", "app_url_value_preprocessor"}
)
HookCall = tuple[ast.Call, ast.Attribute, ast.Name | ast.Attribute]
"""A hook method called with a function's name: the call, the method, the name (or the
attribute of an imported module naming it, `auth.load_user`)."""


def registers_hook(decorator: str) -> bool:
    """Whether a decorator's name is a hook registration (`bp.before_app_request`)."""
    return decorator.rpartition(".")[2] in _HOOKS


def hooks_of(namer: Namer, node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[HookFact]:
    """`@app.before_request` and kin on one function."""
    hooks = []
    for decorator in node.decorator_list:
        if isinstance(decorator, ast.Attribute) and decorator.attr in _HOOKS:
            hook = _hook(namer, decorator.value, decorator.attr, node, node)
            if hook is not None:
                hooks.append(hook)
    return hooks


def _hook(
    namer: Namer,
    owner_node: ast.expr,
    kind: str,
    node: ast.FunctionDef | ast.AsyncFunctionDef,
    site: ast.AST,
) -> HookFact | None:
    owner = namer.ref(owner_node)
    if owner is None:
        return None
    return HookFact(
        owner,
        kind,
        namer.function_ref(node),
        tuple(namer.decorator(d) for d in node.decorator_list),
        namer.body(node),
        namer.ctx.location(node),
        _guards(namer, site),
        passes(namer.ctx, node) if kind.startswith("before") else (),
    )


def _guards(namer: Namer, site: ast.AST) -> tuple[str, ...]:
    """The config keys whose truth the `if` statements around a hook's registration test
    (`if settings.ENFORCE_CSRF:`, `if app.config["CSRF"]:`): it is made only when they are."""
    guards = []
    inner = site
    for ancestor in namer.ctx.ancestors(site):
        if isinstance(ancestor, ast.If) and any(s is inner for s in ancestor.body):
            key = _config_key(ancestor.test)
            if key is not None:
                guards.append(key)
        inner = ancestor
    return tuple(guards)


def _config_key(test: ast.expr) -> str | None:
    """`settings.NAME`, `NAME`, `app.config["NAME"]`, `app.config.get("NAME")`: an
    upper-case name, as Flask keeps config keys (`from_object` takes only those)."""
    key: object = None
    if isinstance(test, ast.Attribute):
        key = test.attr
    elif isinstance(test, ast.Name):
        key = test.id
    elif isinstance(test, ast.Subscript) and isinstance(test.slice, ast.Constant):
        key = test.slice.value
    elif isinstance(test, ast.Call) and isinstance(test.func, ast.Attribute) and test.args:
        first = test.args[0]
        if test.func.attr == "get" and isinstance(first, ast.Constant):
            key = first.value
    return key if isinstance(key, str) and key.isupper() else None


def hook_call_of(ctx: FileContext, call: ast.Call) -> HookCall | None:
    """`app.before_request(check_login)`: a hook registered by calling the method, with a
    function's name or `functools.partial(check_login, ...)` (which runs the function),
    also kept in a name first (`check = partial(check_login, realm="api")`), or with a
    function of an imported module (`app.before_request(identity.check_login)`)."""
    func = call.func
    if not isinstance(func, ast.Attribute) or func.attr not in _HOOKS or len(call.args) != 1:
        return None
    name = call.args[0]
    if isinstance(name, ast.Name):
        scope = ctx.scopes.enclosing_function(call) or ctx.tree
        values = ctx.scopes.bindings(scope).get(name.id, [])
        if len(values) == 1 and _partial_function(ctx, values[0]) is not None:
            name = values[0]
    name = _partial_function(ctx, name) or name
    if isinstance(name, ast.Attribute) and isinstance(_root(name), ast.Name):
        return call, func, name
    return (call, func, name) if isinstance(name, ast.Name) else None


def _root(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Attribute):
        node = node.value
    return node


def _partial_function(ctx: FileContext, node: ast.expr) -> ast.Name | None:
    """`check_login` of `functools.partial(check_login, ...)`."""
    if isinstance(node, ast.Call) and node.args and ctx.qualified(node.func) == _PARTIAL:
        first = node.args[0]
        return first if isinstance(first, ast.Name) else None
    return None


_PARTIAL = "functools.partial"


def called_hooks(
    namer: Namer,
    calls: list[HookCall],
    defined: list[ast.FunctionDef | ast.AsyncFunctionDef],
) -> list[HookFact]:
    """The hooks of `app.after_request(add_headers)` calls given a function of the module,
    found as Python finds the name: in the calling scope, then the enclosing ones. One
    given a name the module imports is an `imported` hook, which the build completes."""
    enclosing = namer.ctx.scopes.enclosing_function
    by_scope = {(id(enclosing(f)), f.name): f for f in defined}
    hooks = []
    for call, func, name in calls:
        if isinstance(name, ast.Attribute):
            hook = _imported_hook(namer, func, name, call)
            hooks.extend([hook] if hook is not None else [])
            continue
        scope: ast.AST | None = enclosing(call)
        while True:
            node = by_scope.get((id(scope), name.id))
            if node is not None or scope is None:
                break
            scope = enclosing(scope)
        if node is not None:
            hook = _hook(namer, func.value, func.attr, node, call)
        else:
            hook = _imported_hook(namer, func, name, call)
        if hook is not None:
            hooks.append(hook)
    return hooks


def _imported_hook(
    namer: Namer, func: ast.Attribute, name: ast.Name | ast.Attribute, call: ast.Call
) -> HookFact | None:
    """`bp.before_request(requires_auth)` after `from .auth import requires_auth` (or
    `auth.requires_auth` after `from app import auth`): the function is another
    module's, so only its reference is known here."""
    owner = namer.ref(func.value)
    function = namer.ref(name)
    if owner is None or function is None or not namer.imported(name):
        return None
    location = namer.ctx.location(call)
    guards = _guards(namer, call)
    return HookFact(owner, func.attr, function, (), BodyFacts(), location, guards, imported=True)
