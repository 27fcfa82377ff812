"""A dangerous call in module functions that only other modules' shell commands call.

`def add_log(message): subprocess.run(f"... '{message}'", shell=True)` in `manage.py`,
called by `add_env_var` beside it, which `cli.py` calls from its Click commands only:
the per-file step tags the finding with the module functions it is reached through
(`command_callers`), and the project step lowers it to low when the project's shell
commands call them and no other module may (`lowered_for_commands`), as it is for a
call in a command itself (`operator_severity`). So is a call in a program a Dockerfile
runs as its container's command (`container_programs`), tagged `PROGRAM` when its module
answers no request, when no other module imports it.
"""

from __future__ import annotations

import ast
import dataclasses

from webwarden.findings import Finding, Severity
from webwarden.model.container_commands import container_programs
from webwarden.model.operator_callers import only_commands_call
from webwarden.model.project import ProjectModel
from webwarden.model.scripts import answers_requests
from webwarden.rules.auditing._common import run_by_operator
from webwarden.rules.context import FileContext

TAG = "called-by-commands:"
"""Tag of a finding in module functions whose callers in the module are each other or
shell commands, with their qualified names joined by commas (after `HERE` when a
command of the module calls one)."""
HERE = "here;"
PROGRAM = "answers-no-request"
"""Tag of a finding in a module that answers no request (`answers_requests`): run as a
container's command, it is the operator's program."""

_MAX_FUNCTIONS = 12


def command_callers(ctx: FileContext, node: ast.AST) -> tuple[str, ...]:
    """The tag of a call in an undecorated top-level function that the module calls only
    from such functions or from its own shell commands; none for a call a command
    makes, or in a function the module reads otherwise (at its top level, as a
    callback of a decorated function)."""
    if not ctx.module or run_by_operator(ctx, node):
        return ()
    start = _top_level_function(ctx, node)
    if start is None or start.decorator_list:
        return ()
    reached = {start.name: start}
    waiting = [start]
    here = False
    while waiting:
        function = waiting.pop()
        for name in ctx.nodes(ast.Name):
            if not (isinstance(name, ast.Name) and name.id == function.name):
                continue
            if ctx.scopes.binding_scope(name) is not ctx.tree:
                continue
            if run_by_operator(ctx, name):
                here = True
                continue
            holder = _top_level_function(ctx, name)
            if holder is None or holder.decorator_list or len(reached) >= _MAX_FUNCTIONS:
                return ()
            if holder.name not in reached:
                reached[holder.name] = holder
                waiting.append(holder)
    names = ",".join(sorted(f"{ctx.module}.{name}" for name in reached))
    return (f"{TAG}{HERE if here else ''}{names}",)


def program_tag(ctx: FileContext) -> tuple[str, ...]:
    """`PROGRAM` for a call in a module that answers no request, else nothing."""
    return () if answers_requests(ctx.tree, ctx.names) else (PROGRAM,)


def lowered_for_commands(finding: Finding, project: ProjectModel) -> Finding:
    """The finding at low severity when its tag names functions only the project's shell
    commands call (`only_commands_call`), or it is in a container's program
    (`in_container_program`), else as it is."""
    if finding.severity is Severity.LOW:
        return finding
    if not (only_commands_reach(finding, project) or in_container_program(finding, project)):
        return finding
    return dataclasses.replace(finding, severity=Severity.LOW)


def in_container_program(finding: Finding, project: ProjectModel) -> bool:
    """Whether the finding, tagged `PROGRAM`, is in a program a Dockerfile runs as its
    container's command (`container_programs`) that no other module but test code
    imports: the operator's, who sets the environment and the files it reads."""
    path = finding.location.path
    if PROGRAM not in finding.tags or path not in container_programs(project):
        return False
    summary = project.modules.get(path)
    if summary is None:
        return False
    module = summary.module
    return not any(
        other.relpath != path
        and not other.is_test
        and any(n == module or n.startswith(module + ".") for n in other.imports.values())
        for other in project.modules.values()
    )


def only_commands_reach(finding: Finding, project: ProjectModel) -> bool:
    """Whether the finding's tag names functions only the project's shell commands call
    (`only_commands_call`): for rules that report nothing an operator runs."""
    tag = next((t for t in finding.tags if t.startswith(TAG)), None)
    if tag is None:
        return False
    names = tag.removeprefix(TAG)
    here = names.startswith(HERE)
    return only_commands_call(project, tuple(names.removeprefix(HERE).split(",")), here)


def _top_level_function(ctx: FileContext, node: ast.AST) -> ast.FunctionDef | None:
    """The module-level function holding `node` (None for a node outside one, or in an
    `async def` or a class)."""
    outermost: ast.AST | None = None
    for holder in ctx.ancestors(node):
        if isinstance(holder, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            outermost = holder
    if isinstance(outermost, ast.FunctionDef) and ctx.parent(outermost) is ctx.tree:
        return outermost
    return None
