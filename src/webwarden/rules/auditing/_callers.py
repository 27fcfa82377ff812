"""A module function's command judged as each of its callers makes it.

`def run(cmd): subprocess.call("sh -c " + cmd, shell=True)` varies with `cmd`, but when
the module calls `run` only as `run("make")` and `run("make install")`, and nothing
else in it hands `run` on, every command it runs is written in the code. Whether
another module calls it is left to the project step (`imported_elsewhere`).
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from webwarden.findings import Finding
from webwarden.model.operator_callers import may_use
from webwarden.model.project import ProjectModel
from webwarden.model.scopes import parameter_defaults
from webwarden.rules.auditing._common import quoted_command, truthiness
from webwarden.rules.context import FileContext
from webwarden.rules.module_calls import calls_of

QuotedCheck = Callable[[ast.Name | ast.Attribute], ast.expr | None]
"""What a parameter is given by one call (see `_common.quoted_command`'s `given`)."""

TAG = "command-from-callers:"
"""Tag of a finding on a command every call in the module gives quoted, with the
function's qualified name: founded only when another module may call it."""


def through_callers(ctx: FileContext, command: ast.expr) -> tuple[str, ...]:
    """The tag of a command that varies only with the parameters of the module function
    running it, when every call of that function in the module gives quoted ones."""
    function = module_function(ctx, command)
    calls = calls_of(ctx, function) if function is not None else None
    if function is None or calls is None:
        return ()
    if not all(quoted_command(ctx, command, given=given_by(ctx, function, c)) for c in calls):
        return ()
    return (_tag(ctx, function),)


def _tag(ctx: FileContext, function: ast.FunctionDef) -> str:
    """The tag naming `function`: a nested one as Python's qualified names do (`<locals>`),
    which no other module can import."""
    if ctx.scopes.enclosing_scope(function) is ctx.tree:
        return f"{TAG}{ctx.module}.{function.name}"
    return f"{TAG}{ctx.module}.<locals>.{function.name}"


def shell_off_through_callers(ctx: FileContext, shell: ast.expr) -> tuple[str, ...]:
    """The tag of a `shell=` value that is a parameter of the module function running the
    command (`def process(command, shell=False)`), when every call of that function in
    the module leaves it off: at a false default, or given a constant that is false."""
    function = module_function(ctx, shell) if isinstance(shell, ast.Name) else None
    calls = calls_of(ctx, function) if function is not None else None
    if function is None or not calls or not isinstance(shell, ast.Name):
        return ()
    for call in calls:
        given = given_by(ctx, function, call)(shell)
        if given is None or truthiness(ctx, given) is not False:
            return ()
    return (_tag(ctx, function),)


def refuted_through_callers(finding: Finding, project: ProjectModel) -> bool:
    """A tagged finding whose function no other module imports."""
    tagged = any(t.startswith(TAG) for t in finding.tags)
    return tagged and not imported_elsewhere(finding.tags, project)


def module_function(ctx: FileContext, node: ast.AST) -> ast.FunctionDef | None:
    """The undecorated function holding `node`, top-level or nested in another function
    (not a method), whose calls are all by name, with no `*args` or `**kwargs` to hide
    what they pass."""
    function = ctx.scopes.enclosing_function(node)
    if not isinstance(function, ast.FunctionDef) or function.decorator_list:
        return None
    if isinstance(ctx.scopes.enclosing_scope(function), ast.ClassDef | ast.Lambda):
        return None
    if function.args.vararg is not None or function.args.kwarg is not None:
        return None
    return function


def given_by(ctx: FileContext, function: ast.FunctionDef, call: ast.Call) -> QuotedCheck:
    """What each parameter of `function` read in its body is given by `call` (its
    default when the call leaves it out); None for a name that is no such parameter."""
    arguments = function.args
    positional = [a.arg for a in (*arguments.posonlyargs, *arguments.args)]
    values = parameter_defaults(arguments)
    if not any(isinstance(a, ast.Starred) for a in call.args):
        values.update(zip(positional, call.args, strict=False))
    if all(k.arg is not None for k in call.keywords):
        values.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    unknowable = any(isinstance(a, ast.Starred) for a in call.args) or any(
        k.arg is None for k in call.keywords
    )

    def given(name: ast.Name | ast.Attribute) -> ast.expr | None:
        if not isinstance(name, ast.Name):
            return None
        if unknowable or ctx.scopes.binding_scope(name) is not function:
            return None
        if len(ctx.scopes.values_of(name) or ()) != 1:
            return None  # NOTE: rebound in the body (`cmd = cmd.strip()`): not the argument.
        return values.get(name.id)

    return given


def imported_elsewhere(finding_tags: tuple[str, ...], project: ProjectModel) -> bool:
    """Whether another module may call the function a tagged finding's command is
    judged through: it imports the function, or all of its module, or imports the
    module and reads the function through it (`bugreport.get_output`; a module imported
    for its other functions, `bugreport.write_report(fd)`, calls this one nowhere)."""
    qualified = next((t.removeprefix(TAG) for t in finding_tags if t.startswith(TAG)), None)
    if qualified is None:
        return True
    module = qualified.rpartition(".")[0]
    return any(
        summary.module != module and may_use(summary, module, (qualified,))
        for summary in project.modules.values()
    )
