"""A shell command whose varying parts are constants of another module of the project.

`from app.config import INSTALL_DIR, LOG_FILE` then `subprocess.Popen(f"{INSTALL_DIR}/backup.sh
>> {LOG_FILE}", shell=True)`: the command varies only with two names the file step cannot
read. It tags the finding with them (`imported_parts`); the project step reads the modules
defining them and refutes the finding when each is constant text or a path of the
program's own files there (`os.path.join(os.path.dirname(__file__), "..")`), as the
command's own parts would have to be (`_common.quoted_command`).
"""

from __future__ import annotations

import ast

from webwarden.findings import Finding
from webwarden.model.imported import bound_values, imported_name, package_attribute
from webwarden.model.module import FileContext
from webwarden.model.project import ProjectModel
from webwarden.model.scopes import UNKNOWN_BINDING
from webwarden.rules.auditing._common import quoted_command

TAG = "command-of-imports:"
"""Tag of a finding on a command made of constant text and imported names, followed by
their qualified names joined by commas."""


def imported_parts(ctx: FileContext, command: ast.expr) -> tuple[str, ...]:
    """The tag of a command that is constant text, quoted values and names imported
    from other modules only, naming those; () for any other command."""
    found = _deferred(ctx, command)
    if not found:
        return ()
    return (TAG + ",".join(found),)


def refuted_by_imports(finding: Finding, project: ProjectModel) -> bool:
    """A tagged finding whose imported names are each constant in the project module
    defining it."""
    names = next((t.removeprefix(TAG) for t in finding.tags if t.startswith(TAG)), None)
    if not names or project.read_module is None:
        return False
    return all(_fixed(project, name, 0) for name in names.split(","))


def _deferred(ctx: FileContext, node: ast.expr) -> tuple[str, ...] | None:
    """The imported names `node` is made of, when it is otherwise a command
    `quoted_command` accepts; None when it is not."""
    found: set[str] = set()

    def given(name: ast.Name | ast.Attribute) -> ast.expr | None:
        ref = imported_name(ctx, name) or package_attribute(ctx, name)
        if ref is None:
            return None
        found.add(ref)
        return ast.Constant(value="")  # NOTE: judged in its own module by the project step

    if not quoted_command(ctx, node, given=given):
        return None
    return tuple(sorted(found))


def _fixed(project: ProjectModel, qualified: str, hops: int) -> bool:
    """Whether the project module defining `qualified` binds it, at its top level and
    nowhere else, only to constant text or a path of the program's own files, or
    imports it from a module that does."""
    found = bound_values(project.read_module, qualified, hops)
    if found is None:
        return False
    ctx, values, hops = found
    if any(v is UNKNOWN_BINDING for v in values):
        return False  # NOTE: also a name a function declares `global` (`Scopes.bindings`)
    for value in values:
        parts = _deferred(ctx, value)
        if parts is None or not all(_fixed(project, part, hops + 1) for part in parts):
            return False
    return True
