"""Whether everything that reaches an assertion of the requesting user's flags has
checked them already.

`assert request.user.is_authenticated` in a helper of a view module (`def
_get_check_for_user(request, code)`) or in the wrapper of a decorator (`require_sudo_mode`)
is how code typed for django-stubs narrows `request.user` to the user class after the
login was checked. When every view reaching it sits below `@login_required` (or refuses
the anonymous itself first), removing the assertion under `python -O` lets no one else
through. The module's own calls and uses are judged here; whether other modules use the
function too is left to the project step (`refuted_by_checked_callers`).
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.django.login_gates import anonymous_test, answers
from webwarden.model.operator_callers import may_use
from webwarden.model.project import ProjectModel
from webwarden.rules.auditing._callers import module_function
from webwarden.rules.context import FileContext
from webwarden.rules.module_calls import calls_of

IMPLIED_BY = {
    "login_required": frozenset({"is_authenticated", "is_active"}),
    "staff_member_required": frozenset({"is_staff", "is_active", "is_authenticated"}),
}
"""What Django's decorators let through: a signed-in user (Django's `ModelBackend`
signs out an inactive one: `request.user` is then anonymous), an active staff member."""
HELPER_TAG = "login-checked-callers:"
"""Tag of a finding in a helper every call of which in its module comes from a view
that checked the login, with the helper's qualified name (one tag per helper on the
way): founded only when another module may call one."""
WRAPPER_TAG = "login-checked-wrapper:"
"""Tag of a finding in the wrapper of a decorator its module never uses, with the
decorator's qualified name and the flags asserted (`accounts.decorators.sudo:is_staff`):
founded unless every use in other modules sits below decorators requiring them."""
_MAX_HELPERS = 3
_CASTS = frozenset({"typing.cast", "cast"})


def user_flags(test: ast.expr) -> set[str]:
    """The flags of the requesting user an assertion requires (`is_staff` of
    `request.user.is_staff and request.user.is_active()`), empty when it requires
    anything else."""
    parts = test.values if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And) else [test]
    flags: set[str] = set()
    for part in parts:
        if isinstance(part, ast.Call) and not part.args and not part.keywords:
            part = part.func  # NOTE: Django before 1.10: `request.user.is_authenticated()`
        if not (
            isinstance(part, ast.Attribute)
            and part.attr.startswith("is_")
            and ast.unparse(part.value) in ("request.user", "self.request.user")
        ):
            return set()
        flags.add(part.attr)
    return flags


def decorator_flags(ctx: FileContext, decorators: list[ast.expr]) -> set[str]:
    """The user's flags `decorators` require: Django's (`IMPLIED_BY`, also a project's
    named as `login_required` is: `xhr_login_required`), the attribute a
    `user_passes_test(lambda u: u.is_staff)` tests, and the flag a decorator named for it
    requires (`superuser_required`: `is_superuser`)."""
    flags: set[str] = set()
    for decorator in decorators:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = (ctx.qualified(called) or ast.unparse(called)).rsplit(".", 1)[-1]
        flags |= IMPLIED_BY.get(name, frozenset())
        if name.endswith("_login_required"):
            flags |= IMPLIED_BY["login_required"]
        if name.endswith("_required") and name != "permission_required":
            flags.add("is_" + name.removesuffix("_required"))
        if name == "user_passes_test" and isinstance(decorator, ast.Call) and decorator.args:
            flags |= _lambda_flags(decorator.args[0])
    return flags


def _lambda_flags(test: ast.expr) -> set[str]:
    """`{"is_staff"}` of `lambda u: u.is_staff` (and each of an `and`), empty for
    another test."""
    if not (isinstance(test, ast.Lambda) and test.args.args):
        return set()
    user = test.args.args[0].arg
    body = test.body
    parts = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And) else [body]
    flags = {
        part.attr
        for part in parts
        if isinstance(part, ast.Attribute)
        and isinstance(part.value, ast.Name)
        and part.value.id == user
    }
    return flags if len(flags) == len(parts) else set()


def uses_under_check(ctx: FileContext, qualified: str, flags: set[str]) -> int | None:
    """How many times the module applies the decorator `qualified` (as the module names it:
    `require_sudo_mode`, `decorators.require_sudo_mode`), every time below decorators
    requiring `flags`; None when one use is not, or the module reads it otherwise."""
    uses = 0
    for node in (*ctx.nodes(ast.Name), *ctx.nodes(ast.Attribute)):
        if not isinstance(node, ast.Name | ast.Attribute) or ctx.qualified(node) != qualified:
            continue
        if isinstance(node, ast.Name) and isinstance(ctx.parent(node), ast.Attribute):
            continue  # NOTE: the root of a longer name, judged as that name
        used_on = ctx.parent(node)
        if not isinstance(used_on, ast.FunctionDef | ast.AsyncFunctionDef):
            return None
        place = next((i for i, d in enumerate(used_on.decorator_list) if d is node), None)
        if place is None or not flags <= decorator_flags(ctx, used_on.decorator_list[:place]):
            return None
        uses += 1
    return uses


def checked_callers_tags(ctx: FileContext, node: ast.Assert) -> tuple[str, ...]:
    """The tags of an assertion of the requesting user's flags (`user_flags`) that holds
    for every caller the module shows: in a helper whose every call in the module comes
    from a view checking them (`HELPER_TAG`), or in the wrapper of a decorator the
    module defines and never uses itself (`WRAPPER_TAG`); none otherwise."""
    flags = user_flags(node.test)
    function = ctx.scopes.enclosing_function(node)
    if not flags or function is None:
        return ()
    decorator = ctx.parent(function)
    if isinstance(decorator, ast.FunctionDef) and isinstance(ctx.parent(decorator), ast.Module):
        qualified = f"{ctx.module}.{decorator.name}"
        if not any(isinstance(n, ast.Name) and n.id == decorator.name for n in ctx.nodes(ast.Name)):
            return (f"{WRAPPER_TAG}{qualified}:{','.join(sorted(flags))}",)
        return ()
    if "self.request.user" in ast.unparse(node.test):
        return ()
    chain = _checked_chain(ctx, function, "request", flags, set())
    return tuple(f"{HELPER_TAG}{ctx.module}.{f.name}" for f in chain or ())


def _checked_chain(
    ctx: FileContext,
    function: ast.FunctionDef | ast.AsyncFunctionDef,
    parameter: str,
    flags: set[str],
    seen: set[str],
) -> list[ast.FunctionDef] | None:
    """`function` and the helpers between it and views, when every call of it in the
    module hands `parameter` a request whose user has `flags`: the request of a view
    below decorators requiring them, or of one refusing the anonymous before the call
    (only `is_authenticated` then), or of another such helper; None otherwise."""
    helper = module_function(ctx, function.body[0])
    calls = calls_of(ctx, helper) if helper is not None else None
    if helper is None or calls is None or helper.name in seen or len(seen) >= _MAX_HELPERS:
        return None
    chain = [helper]
    for call in calls:
        given = _argument(helper, call, parameter)
        caller = ctx.scopes.enclosing_function(call)
        if not isinstance(given, ast.Name) or caller is None:
            return None
        if not _same_request(ctx, caller, given.id):
            return None
        positional = [a.arg for a in (*caller.args.posonlyargs, *caller.args.args)]
        if positional[:1] == [given.id] and flags <= decorator_flags(ctx, caller.decorator_list):
            continue
        if flags <= {"is_authenticated"} and _refuses_anonymous_before(caller, call, given.id):
            continue
        further = _checked_chain(ctx, caller, given.id, flags, seen | {helper.name})
        if further is None or given.id not in positional:
            return None
        chain += [f for f in further if f not in chain]
    return chain


def _argument(function: ast.FunctionDef, call: ast.Call, parameter: str) -> ast.expr | None:
    """What `call` gives `function`'s `parameter`, when it can be told."""
    positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if parameter not in positional or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    index = positional.index(parameter)
    if index < len(call.args):
        return call.args[index]
    return next((k.value for k in call.keywords if k.arg == parameter), None)


def _same_request(
    ctx: FileContext, caller: ast.FunctionDef | ast.AsyncFunctionDef, name: str
) -> bool:
    """Whether `name` holds the caller's parameter all along: bound in its body only to
    `cast(SomeRequest, name)`, which tells the type checker and changes nothing."""
    for node in ast.walk(caller):
        if not (
            isinstance(node, ast.Name) and node.id == name and not isinstance(node.ctx, ast.Load)
        ):
            continue
        bound = ctx.parent(node)
        value = bound.value if isinstance(bound, ast.Assign | ast.AnnAssign) else None
        if not (
            isinstance(value, ast.Call)
            and ctx.call_name(value) in _CASTS
            and len(value.args) == 2
            and isinstance(value.args[1], ast.Name)
            and value.args[1].id == name
        ):
            return False
    return True


def _refuses_anonymous_before(
    caller: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call, request: str
) -> bool:
    """Whether a statement of the caller's body before the one holding `call` is `if not
    request.user.is_authenticated:` whose branch ends by answering or raising."""
    for statement in caller.body:
        if any(node is call for node in ast.walk(statement)):
            return False
        if (
            isinstance(statement, ast.If)
            and anonymous_test(statement.test, request)
            and isinstance(statement.body[-1], ast.Return | ast.Raise)
            and answers(statement.body)
        ):
            return True
    return False


def refuted_by_checked_callers(finding: Finding, project: ProjectModel) -> bool:
    """A finding tagged `HELPER_TAG` none of whose helpers another module may call, or
    `WRAPPER_TAG` whose decorator other modules apply, every time below decorators
    requiring the flags asserted."""
    helpers = [t.removeprefix(HELPER_TAG) for t in finding.tags if t.startswith(HELPER_TAG)]
    if helpers:
        return not any(
            summary.module != helper.rpartition(".")[0]
            and may_use(summary, helper.rpartition(".")[0], (helper,))
            for helper in helpers
            for summary in project.modules.values()
        )
    wrapper = next(
        (t.removeprefix(WRAPPER_TAG) for t in finding.tags if t.startswith(WRAPPER_TAG)), None
    )
    if wrapper is None or project.read_module is None:
        return False
    qualified, _, asserted = wrapper.rpartition(":")
    module = qualified.rpartition(".")[0]
    uses = 0
    for summary in project.modules.values():
        if summary.module == module or summary.is_test:
            continue
        if not may_use(summary, module, (qualified,)):
            continue
        ctx = project.read_module(summary.module)
        counted = uses_under_check(ctx, qualified, set(asserted.split(","))) if ctx else None
        if counted is None:
            return False
        uses += counted
    return uses > 0
